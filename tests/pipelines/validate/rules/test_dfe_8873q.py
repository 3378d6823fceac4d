"""dfe.8873Q: an episode whose only assessment found no factors closes RC8/RC9. R004
(referrals line 5) has only A003 (assessments line 4) and closed with RC8."""

from neglect_insight.pipelines.validate.rules import dfe_8873q


def test_no_factors_but_another_closure_reason_is_a_query(delivery):
    delivery.set("assessments.csv", 4, factors="21")  # A003 found no factors
    delivery.set("referrals.csv", 5, closure_reason="RC1")  # fails: R004 closed RC1
    [f] = delivery.rule(dfe_8873q)
    assert (f.rule_id, f.line, f.column, f.value) == ("dfe.8873Q", 5, "closure_reason", "RC1")


def test_no_factors_closed_rc8_passes(delivery):
    delivery.set("assessments.csv", 4, factors="21")  # passes: R004 closed RC8
    assert delivery.rule(dfe_8873q) == []
