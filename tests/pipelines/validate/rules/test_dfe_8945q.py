"""dfe.8945Q: the factor code 18A is not used. A003 (line 4) gives 4B."""

from neglect_insight.pipelines.validate.rules import dfe_8945q


def test_factor_18a_is_a_query(delivery):
    delivery.set("assessments.csv", 4, factors="4B;18A")  # fails: 18A
    [f] = delivery.rule(dfe_8945q)
    assert (f.rule_id, f.severity, f.line, f.value) == ("dfe.8945Q", "query", 4, "4B;18A")


def test_factor_18b_passes(delivery):
    delivery.set("assessments.csv", 4, factors="4B;18B")  # passes: 18B
    assert delivery.rule(dfe_8945q) == []
