"""cross.cp_plan_within_episode (query): start ≥ referral_date, end ≤ closure_date when both
are known. P001 (line 2) runs 2024-01-20 to 2024-08-15 in R001 (2023-12-01 to 2024-09-30).
"""

from neglect_insight.pipelines.validate.rules import cp_plan_within_episode


def test_plan_starting_before_its_referral_is_a_query(delivery):
    delivery.set("cp_plans.csv", 2, start_date="2023-11-30")  # fails: R001 made 2023-12-01
    [f] = delivery.rule(cp_plan_within_episode)
    assert (f.rule_id, f.severity, f.file, f.line, f.column, f.value) == (
        "cross.cp_plan_within_episode", "query", "cp_plans.csv", 2, "start_date", "2023-11-30")


def test_plan_ending_after_its_episode_closes_is_a_query(delivery):
    delivery.set("cp_plans.csv", 2, end_date="2024-10-01")  # fails: R001 closed 2024-09-30
    assert [(f.line, f.column, f.value) for f in delivery.rule(cp_plan_within_episode)] == [
        (2, "end_date", "2024-10-01")]


def test_plan_on_its_episode_bounds_passes(delivery):
    delivery.set("cp_plans.csv", 2, start_date="2023-12-01",  # passes: on the referral date
                 end_date="2024-09-30")  # and ends on the closure date
    delivery.set("cp_plans.csv", 3, end_date="2025-03-01")  # passes: R002 is still open
    assert delivery.rule(cp_plan_within_episode) == []
