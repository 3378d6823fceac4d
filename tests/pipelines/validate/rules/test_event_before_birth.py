"""cross.event_before_birth: EH episodes and referrals start no earlier than 9 months before
birth_month (or expected_birth_month). C004 (children.csv line 5) is unborn, expected
2025-06-01, so the earliest allowed start is 2024-09-01; C002 was born 2020-09-01.
"""

from neglect_insight.pipelines.validate.rules import event_before_birth


def test_episode_too_long_before_the_expected_birth_is_found(delivery):
    delivery.set("early_help.csv", 4, start_date="2024-08-31")  # fails: E003, 1 day too early
    [f] = delivery.rule(event_before_birth)
    assert (f.rule_id, f.file, f.line, f.column, f.value) == (
        "cross.event_before_birth", "early_help.csv", 4, "start_date", "2024-08-31")
    assert "expected_birth_month 2025-06-01" in f.message


def test_referral_too_long_before_birth_is_found(delivery):
    delivery.set("referrals.csv", 3, referral_date="2019-11-30")  # fails: R002, C002 born 2020-09
    assert [(f.file, f.line, f.column) for f in delivery.rule(event_before_birth)] == [
        ("referrals.csv", 3, "referral_date")]


def test_exactly_nine_months_before_passes(delivery):
    delivery.set("early_help.csv", 4, start_date="2024-09-01")  # passes: E003 on the bound
    delivery.set("referrals.csv", 3, referral_date="2019-12-01")  # passes: R002 on the bound
    assert delivery.rule(event_before_birth) == []
