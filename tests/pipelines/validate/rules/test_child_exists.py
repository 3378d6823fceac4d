"""cross.child_exists: every child_id in the other files is in children.csv.

Valid delivery children: C001-C005 (tests/fixtures/valid_delivery/README.md).
"""

import pytest

from neglect_insight.pipelines.validate.rules import child_exists


@pytest.mark.parametrize("file", child_exists.CHECKS)
def test_unknown_child_is_found_in_every_referencing_file(delivery, file):
    delivery.set(f"{file}.csv", 2, child_id="C999")  # fails: no C999 in children.csv (line 2)
    [f] = delivery.rule(child_exists)
    assert (f.rule_id, f.file, f.line, f.column, f.value) == (
        "cross.child_exists", f"{file}.csv", 2, "child_id", "C999")
    assert "children.csv" in f.message and "line 2" in f.message


def test_ids_are_matched_after_trimming_but_not_case(delivery):
    delivery.set("referrals.csv", 2, child_id=" C001 ")  # passes: trimmed to C001
    delivery.set("referrals.csv", 3, child_id="c002")  # fails: pseudonyms are case-sensitive
    assert [(f.file, f.line) for f in delivery.rule(child_exists)] == [("referrals.csv", 3)]


def test_empty_child_id_is_left_to_the_required_rule(delivery):
    delivery.set("cp_plans.csv", 2, child_id="")  # cp_plans.child_id_required, not this rule
    assert delivery.rule(child_exists) == []


def test_an_audit_of_no_child_is_fine_but_a_named_child_must_exist(delivery):
    # case_audits.csv line 3 (CA02) has no child: passes; line 4 (CA03) names C404: fails.
    delivery.set("case_audits.csv", 4, child_id="C404")
    assert [(f.file, f.line, f.value) for f in delivery.rule(child_exists)] == [
        ("case_audits.csv", 4, "C404")]
