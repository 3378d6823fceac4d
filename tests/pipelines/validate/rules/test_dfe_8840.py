"""dfe.8840 (query here): a CP plan does not start and end on the same day. P001 (line 2)
starts 2024-01-20."""

from neglect_insight.pipelines.validate.rules import dfe_8840


def test_plan_ending_on_its_start_day_is_a_query(delivery):
    delivery.set("cp_plans.csv", 2, end_date="2024-01-20")  # fails: same day
    [f] = delivery.rule(dfe_8840)
    assert (f.rule_id, f.severity, f.line, f.value) == ("dfe.8840", "query", 2, "2024-01-20")


def test_plan_ending_later_passes(delivery):
    assert delivery.rule(dfe_8840) == []  # P001 ends 2024-08-15
