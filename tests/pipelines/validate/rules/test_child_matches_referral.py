"""cross.child_matches_referral: an assessment's or plan's child is its referral's child.

Valid delivery: R001 is C001's, R002 C002's, R005 C004's, R006 C005's.
"""

import pytest

from neglect_insight.pipelines.validate.rules import child_matches_referral

ROWS = {  # file: (line, row) of a row whose referral is R001 or R002
    "assessments.csv": 2,  # A001, R001, C001
    "cin_plans.csv": 2,  # C001, R001
    "cp_plans.csv": 3,  # P002, R002, C002
}


@pytest.mark.parametrize("file", sorted(ROWS))
def test_child_other_than_the_referrals_is_found(delivery, file):
    delivery.set(file, ROWS[file], child_id="C003")  # fails: the referral is not C003's
    [f] = delivery.rule(child_matches_referral)
    assert (f.rule_id, f.file, f.line, f.column, f.value) == (
        "cross.child_matches_referral", file, ROWS[file], "child_id", "C003")
    assert "referrals.csv line" in f.message


def test_moving_a_plan_to_the_childs_other_episode_passes(delivery):
    # P001 moved from R001 to R006 with C005: the same child as R006, so it passes.
    delivery.set("cp_plans.csv", 2, referral_id="R006", child_id="C005")
    assert delivery.rule(child_matches_referral) == []


def test_unknown_referral_is_left_to_referral_exists(delivery):
    delivery.set("assessments.csv", 2, referral_id="R999")  # no referral to compare with
    assert delivery.rule(child_matches_referral) == []
