"""cross.cin_plan_within_episode (query): a CIN plan outside its episode. The plan on line 2
runs 2024-08-15 to 2024-09-30 in R001 (2023-12-01 to 2024-09-30).
"""

from neglect_insight.pipelines.validate.rules import cin_plan_within_episode


def test_plan_outside_its_episode_is_a_query(delivery):
    delivery.set("cin_plans.csv", 2, start_date="2023-11-01",  # fails: before R001's referral
                 end_date="2024-10-31")  # and fails: after R001 closed
    found = [(f.rule_id, f.severity, f.line, f.column, f.value)
             for f in delivery.rule(cin_plan_within_episode)]
    assert found == [
        ("cross.cin_plan_within_episode", "query", 2, "start_date", "2023-11-01"),
        ("cross.cin_plan_within_episode", "query", 2, "end_date", "2024-10-31"),
    ]


def test_plan_on_its_episode_bounds_passes(delivery):
    delivery.set("cin_plans.csv", 2, start_date="2023-12-01")  # passes: the referral date
    # the valid plan already ends on R001's closure date (near miss)
    assert delivery.rule(cin_plan_within_episode) == []
