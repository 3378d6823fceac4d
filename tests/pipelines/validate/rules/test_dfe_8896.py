"""dfe.8896 (query here): at most one open assessment per episode. A004 (line 5) is R005's
open assessment."""

from neglect_insight.pipelines.validate.rules import dfe_8896


def test_second_open_assessment_is_a_query(delivery):
    line = delivery.append("assessments.csv", assessment_id="A006", referral_id="R005",
                           child_id="C004", start_date="2024-12-20")  # fails: A004 open
    [f] = delivery.rule(dfe_8896)
    assert (f.rule_id, f.severity, f.line) == ("dfe.8896", "query", line)
    assert "A004 (line 5)" in f.message


def test_open_assessment_after_an_authorised_one_passes(delivery):
    delivery.append("assessments.csv", assessment_id="A006", referral_id="R002",
                    child_id="C002", start_date="2024-08-01")  # passes: A002 is authorised
    assert delivery.rule(dfe_8896) == []
