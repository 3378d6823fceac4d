"""dfe.8869 (query here): factor 21 (no factors identified) stands alone. A003 (line 4)
gives 4B."""

from neglect_insight.pipelines.validate.rules import dfe_8869


def test_21_with_another_factor_is_found(delivery):
    delivery.set("assessments.csv", 4, factors="21;4B")  # fails: 21 with 4B
    [f] = delivery.rule(dfe_8869)
    assert (f.rule_id, f.severity, f.line, f.value) == ("dfe.8869", "query", 4, "21;4B")


def test_21_alone_passes(delivery):
    delivery.set("assessments.csv", 4, factors="21")  # passes: 21 alone
    assert delivery.rule(dfe_8869) == []
