"""dfe.4016 (query here): no CIN plan starts while the child is on a CP plan. C002 is on P002
(cp_plans line 3) from 2024-07-20, still open."""

from neglect_insight.pipelines.validate.rules import dfe_4016


def test_cin_plan_starting_during_a_cp_plan_is_a_query(delivery):
    line = delivery.append("cin_plans.csv", child_id="C002", referral_id="R002",
                           start_date="2024-08-01")  # fails: P002 is open (line 4)
    [f] = delivery.rule(dfe_4016)
    assert (f.rule_id, f.severity, f.line, f.value) == ("dfe.4016", "query", line, "2024-08-01")
    assert "P002 (cp_plans.csv line 3" in f.message


def test_cin_plan_starting_when_the_cp_plan_ends_passes(delivery):
    # the valid delivery: C001's CIN plan starts 2024-08-15, the day P001 ends
    assert delivery.rule(dfe_4016) == []
