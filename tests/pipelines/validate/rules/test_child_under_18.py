"""cross.child_under_18: the child is under 18 at its earliest event. C005 (children.csv line
6) was born 2009-02-01; its earliest event is E004, 2024-01-15 (early_help.csv line 5).
"""

from neglect_insight.pipelines.validate.rules import child_under_18


def test_child_18_at_its_earliest_event_is_found(delivery):
    # fails: born in December 2005, so 18 by 31 December 2023 at the latest
    delivery.set("children.csv", 6, birth_month="2005-12-01")
    [f] = delivery.rule(child_under_18)
    assert (f.rule_id, f.file, f.line, f.column, f.value) == (
        "cross.child_under_18", "children.csv", 6, "birth_month", "2005-12-01")
    assert "early_help.csv line 5, 2024-01-15" in f.message


def test_earliest_event_in_any_file_counts(delivery):
    # C003 (line 4) has no early help; its earliest event is R003, 2024-03-05 (referrals line 4)
    delivery.set("children.csv", 4, birth_month="2006-02-01")  # fails: 18 by 2024-02-29
    [f] = delivery.rule(child_under_18)
    assert (f.line, f.value) == (4, "2006-02-01")
    assert "referrals.csv line 4, 2024-03-05" in f.message


def test_child_turning_18_in_the_month_after_passes(delivery):
    delivery.set("children.csv", 6, birth_month="2006-02-01")  # passes: 17 on 2024-01-15
    assert delivery.rule(child_under_18) == []


def test_child_in_its_18th_birthday_month_passes(delivery):
    # passes: born in January 2006, perhaps after the 15th, so perhaps still 17 on 2024-01-15
    delivery.set("children.csv", 6, birth_month="2006-01-01")
    assert delivery.rule(child_under_18) == []
