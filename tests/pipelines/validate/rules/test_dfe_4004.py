"""dfe.4004 (query here): at most one open CIN plan per child. C005's plan (line 3) is open."""

from neglect_insight.pipelines.validate.rules import dfe_4004


def test_second_open_cin_plan_is_a_query(delivery):
    line = delivery.append("cin_plans.csv", child_id="C005", referral_id="R006",
                           start_date="2024-09-01")  # fails: line 3 is open too (line 4)
    [f] = delivery.rule(dfe_4004)
    assert (f.rule_id, f.severity, f.file, f.line, f.column) == (
        "dfe.4004", "query", "cin_plans.csv", line, "end_date")
    assert "line 3" in f.message


def test_one_open_plan_passes(delivery):
    delivery.append("cin_plans.csv", child_id="C001", referral_id="R001",
                    start_date="2024-09-30")  # passes: C001's other plan has ended
    assert delivery.rule(dfe_4004) == []
