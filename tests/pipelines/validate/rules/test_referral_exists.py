"""cross.referral_exists: every referral_id in assessments, cin_plans and cp_plans exists.

Valid delivery referrals: R001-R006 (tests/fixtures/valid_delivery/README.md).
"""

import pytest

from neglect_insight.pipelines.validate.rules import referral_exists


@pytest.mark.parametrize("file", referral_exists.CHECKS)
def test_unknown_referral_is_found(delivery, file):
    delivery.set(f"{file}.csv", 2, referral_id="R999")  # fails: no R999 in referrals.csv
    [f] = delivery.rule(referral_exists)
    assert (f.rule_id, f.file, f.line, f.column, f.value) == (
        "cross.referral_exists", f"{file}.csv", 2, "referral_id", "R999")


def test_another_existing_referral_passes_this_rule(delivery):
    delivery.set("cp_plans.csv", 2, referral_id="R002")  # exists (wrong child: another rule)
    assert delivery.rule(referral_exists) == []
