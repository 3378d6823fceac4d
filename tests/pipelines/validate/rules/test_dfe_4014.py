"""dfe.4014 (query here): a child's CIN plans do not overlap. C001's plan (line 2) runs
2024-08-15 to 2024-09-30."""

from neglect_insight.pipelines.validate.rules import dfe_4014


def test_plan_starting_inside_another_is_a_query(delivery):
    line = delivery.append("cin_plans.csv", child_id="C001", referral_id="R001",
                           start_date="2024-09-01", end_date="2024-09-10")  # fails (line 4)
    [f] = delivery.rule(dfe_4014)
    assert (f.rule_id, f.severity, f.line, f.value) == ("dfe.4014", "query", line, "2024-09-01")


def test_plan_starting_the_day_the_other_ends_passes(delivery):
    delivery.append("cin_plans.csv", child_id="C001", referral_id="R001",
                    start_date="2024-09-30", end_date="2024-10-10")  # passes: same day
    assert delivery.rule(dfe_4014) == []
