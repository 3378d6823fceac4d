"""dfe.4012Q: a CIN plan does not start and end on the same day. C001's plan (line 2) starts
2024-08-15."""

from neglect_insight.pipelines.validate.rules import dfe_4012q


def test_plan_ending_on_its_start_day_is_a_query(delivery):
    delivery.set("cin_plans.csv", 2, end_date="2024-08-15")  # fails: same day
    [f] = delivery.rule(dfe_4012q)
    assert (f.rule_id, f.severity, f.line, f.value) == ("dfe.4012Q", "query", 2, "2024-08-15")


def test_plan_ending_later_passes(delivery):
    assert delivery.rule(dfe_4012q) == []  # it ends 2024-09-30
