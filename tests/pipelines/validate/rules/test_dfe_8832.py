"""dfe.8832 (query here): no CP plan on an nfa referral. R003 (referrals line 4) is nfa."""

from neglect_insight.pipelines.validate.rules import dfe_8832


def test_cp_plan_on_an_nfa_referral_is_a_query(delivery):
    delivery.set("cp_plans.csv", 2, referral_id="R003", child_id="C003")  # fails: P001 now
    [f] = delivery.rule(dfe_8832)  # on nfa R003
    assert (f.rule_id, f.severity, f.line, f.value) == ("dfe.8832", "query", 2, "R003")


def test_cp_plans_on_assessed_referrals_pass(delivery):
    assert delivery.rule(dfe_8832) == []  # the valid delivery: P001-P003 on R001, R002, R005
