"""dfe.8867 (query here): a closed episode has no open assessment. A001 (line 2) belongs to
R001, closed 2024-09-30."""

from neglect_insight.pipelines.validate.rules import dfe_8867


def test_open_assessment_on_a_closed_episode_is_a_query(delivery):
    delivery.set("assessments.csv", 2, authorised_date="", factors="")  # fails: A001 open
    [f] = delivery.rule(dfe_8867)
    assert (f.rule_id, f.severity, f.line, f.column) == (
        "dfe.8867", "query", 2, "authorised_date")
    assert "R001 closed on 2024-09-30" in f.message


def test_open_assessment_on_an_open_episode_passes(delivery):
    assert delivery.rule(dfe_8867) == []  # A004 (line 5) is open, and so is its R005
