"""dfe.8863Q: no assessment starts while another of the child's is ongoing. A002 (line 3)
runs 2024-06-10 to 2024-07-05 for C002."""

from neglect_insight.pipelines.validate.rules import dfe_8863q


def test_assessment_starting_during_another_is_a_query(delivery):
    line = delivery.append("assessments.csv", assessment_id="A006", referral_id="R002",
                           child_id="C002", start_date="2024-06-20",
                           authorised_date="2024-07-01", factors="16A")  # fails: in A002
    [f] = delivery.rule(dfe_8863q)
    assert (f.rule_id, f.line, f.value) == ("dfe.8863Q", line, "2024-06-20")
    assert "A002 (line 3)" in f.message


def test_assessment_starting_the_day_another_ends_passes(delivery):
    delivery.append("assessments.csv", assessment_id="A006", referral_id="R002",
                    child_id="C002", start_date="2024-07-05")  # passes: A002 authorised then
    assert delivery.rule(dfe_8863q) == []
