"""cross.assessment_after_referral: an assessment starts on or after its referral_date.

A002 (line 3) belongs to R002, referred 2024-06-10, and starts that same day.
"""

from neglect_insight.pipelines.validate.rules import assessment_after_referral


def test_assessment_before_its_referral_is_found(delivery):
    delivery.set("assessments.csv", 3, start_date="2024-06-09")  # fails: a day before referral
    [f] = delivery.rule(assessment_after_referral)
    assert (f.rule_id, f.file, f.line, f.column, f.value) == (
        "cross.assessment_after_referral", "assessments.csv", 3, "start_date", "2024-06-09")
    assert "2024-06-10" in f.message and "referrals.csv line 3" in f.message


def test_assessment_on_the_referral_date_passes(delivery):
    # the valid delivery's A002 starts on its referral date (near miss)
    assert delivery.rule(assessment_after_referral) == []
