"""dfe.8950Q: the factor code 19A is not used. A003 (line 4) gives 4B."""

from neglect_insight.pipelines.validate.rules import dfe_8950q


def test_factor_19a_is_a_query(delivery):
    delivery.set("assessments.csv", 4, factors="4B;19A")  # fails: 19A
    [f] = delivery.rule(dfe_8950q)
    assert (f.rule_id, f.severity, f.line, f.value) == ("dfe.8950Q", "query", 4, "4B;19A")


def test_factor_19c_passes(delivery):
    delivery.set("assessments.csv", 4, factors="4B;19C")  # passes: 19C
    assert delivery.rule(dfe_8950q) == []
