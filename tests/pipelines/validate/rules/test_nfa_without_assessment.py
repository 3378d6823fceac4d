"""cross.nfa_without_assessment (query): an nfa referral has no assessment. R003 (line 4) is
C003's nfa referral; R004 (line 5) is C003's assessed referral with A003 (assessments line 4).
"""

from neglect_insight.pipelines.validate.rules import nfa_without_assessment


def test_nfa_referral_with_an_assessment_is_a_query(delivery):
    delivery.set("assessments.csv", 4, referral_id="R003")  # fails: A003 moved to nfa R003
    [f] = delivery.rule(nfa_without_assessment)
    assert (f.rule_id, f.severity, f.file, f.line, f.column, f.value) == (
        "cross.nfa_without_assessment", "query", "referrals.csv", 4, "nfa", "true")
    assert "A003 (assessments.csv line 4)" in f.message


def test_assessed_referral_that_is_not_nfa_passes(delivery):
    # the valid delivery: R004 has A003 and nfa false; R003 is nfa with no assessment
    assert delivery.rule(nfa_without_assessment) == []
