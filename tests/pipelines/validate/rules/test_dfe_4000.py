"""dfe.4000 (query here): no CIN plan on an nfa referral. R003 (referrals line 4) is nfa."""

from neglect_insight.pipelines.validate.rules import dfe_4000


def test_cin_plan_on_an_nfa_referral_is_a_query(delivery):
    line = delivery.append("cin_plans.csv", child_id="C003", referral_id="R003",
                           start_date="2024-03-06")  # fails: R003 is nfa (line 4)
    [f] = delivery.rule(dfe_4000)
    assert (f.rule_id, f.severity, f.line, f.value) == ("dfe.4000", "query", line, "R003")


def test_cin_plan_on_an_assessed_referral_passes(delivery):
    delivery.append("cin_plans.csv", child_id="C003", referral_id="R004",
                    start_date="2024-11-20")  # passes: R004 is not nfa
    assert delivery.rule(dfe_4000) == []
