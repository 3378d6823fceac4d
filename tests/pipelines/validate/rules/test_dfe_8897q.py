"""dfe.8897Q: a completed assessment gives its factors. A003 (line 4) is authorised with 4B;
A004 (line 5) is open with none."""

from neglect_insight.pipelines.validate.rules import dfe_8897q


def test_authorised_assessment_without_factors_is_a_query(delivery):
    delivery.set("assessments.csv", 4, factors="")  # fails: A003 authorised, no factors
    [f] = delivery.rule(dfe_8897q)
    assert (f.rule_id, f.severity, f.line, f.column) == ("dfe.8897Q", "query", 4, "factors")


def test_open_assessment_without_factors_passes(delivery):
    assert delivery.rule(dfe_8897q) == []  # A004 is open: no factors yet
