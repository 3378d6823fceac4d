"""dfe.8898 (query here): each factor code once per assessment. A001 (line 2) gives 16A;3B."""

from neglect_insight.pipelines.validate.rules import dfe_8898


def test_factor_given_twice_is_a_query(delivery):
    delivery.set("assessments.csv", 2, factors="16A;3B;16a")  # fails: 16A twice (any case)
    [f] = delivery.rule(dfe_8898)
    assert (f.rule_id, f.severity, f.line, f.value) == ("dfe.8898", "query", 2, "16A;3B;16A")


def test_distinct_factors_pass(delivery):
    assert delivery.rule(dfe_8898) == []  # every assessment gives each code once
