"""Breakdowns that survive disclosure control (issue 9, point 8): small parts shown together as
"Other or not recorded" before suppressing (rule 4), and for a rate, one part lost rather than
two (rule 3). Worked examples with the answers beside them, then properties."""

from datetime import date

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from neglect_insight.pipelines.calendar import period_ending
from neglect_insight.pipelines.indicators.disclosure import (
    SUPPRESSED,
    loses_less,
    parts_to_merge,
    suppress_breakdown,
    suppress_column,
)
from neglect_insight.pipelines.indicators.engine import (
    MERGED_PART,
    Cube,
    IndicatorValue,
    rate,
)


def percent(num, den, indicator_id="rereferral_12m_neglect"):
    return IndicatorValue(indicator_id, num, den, rate(num, den))


def count(n, indicator_id="neglect_children_total"):
    return IndicatorValue(indicator_id, n, None, n)


def test_female_stays_visible_when_one_small_part_needs_a_second_cell():
    # Re-referrals by sex in one locality. Numerators F 40, M 30, U 1; denominators F 300,
    # M 310, U 2. U is small in both columns, so each column must hide one more part:
    # numerators hide the smallest other, M (30); denominators then hide M (310) too, whose
    # rate is already lost, rather than their smallest, F (300). Before, Female's rate went
    # as well: two of three rates lost to protect 2 children.
    parts = [("F", percent(40, 300)), ("M", percent(30, 310)), ("U", percent(1, 2))]
    shown, total = suppress_breakdown(parts, percent(71, 612))
    by_part = dict(shown)
    assert (by_part["F"].numerator, by_part["F"].denominator, by_part["F"].value) == (
        "40", "300", "13.3%")                                  # 40 / 300 = 13.33...
    assert by_part["M"].value == SUPPRESSED and by_part["M"].denominator == SUPPRESSED
    assert by_part["U"].value == SUPPRESSED
    assert total.value == "11.6%"                              # 71 / 612 = 11.60...


def test_small_ethnicity_groups_are_merged_and_shown_instead_of_hidden():
    # Children with neglect in a locality by ethnicity group: C 1 and R 2 are small. Without
    # merging, C and R are hidden (sum 3, recoverable), then O (8) too. Merged with the
    # catch-all values O, R, N: "Other or not recorded" = 1 + 2 + 8 + 17 = 28, shown.
    parts = [("A", count(22)), ("B", count(16)), ("C", count(1)), ("M", count(29)),
             ("N", count(17)), ("O", count(8)), ("R", count(2)), ("W", count(263))]
    assert parts_to_merge("ethnicity_group", parts) == {"C", "N", "O", "R"}
    unmerged, _ = suppress_breakdown(parts, count(358))
    assert [p for p, s in unmerged if s.suppressed] == ["C", "O", "R"]
    merged = [(p, v) for p, v in parts if p not in {"C", "N", "O", "R"}] + [
        (MERGED_PART, count(28))]
    shown, total = suppress_breakdown(merged, count(358))
    assert not any(s.suppressed for _p, s in shown) and total.value == "358"


def test_nothing_is_merged_without_a_small_part_or_into_a_group_of_one():
    big = [("F", count(180)), ("M", count(177)), ("U", count(9))]
    assert parts_to_merge("sex", big) == frozenset()
    one_small = [("F", count(180)), ("M", count(177)), ("U", count(1))]
    assert parts_to_merge("sex", one_small) == frozenset()  # U alone: keep its own label
    two = [("F", count(180)), ("M", count(177)), ("U", count(1)), ("Not recorded", count(9))]
    assert parts_to_merge("sex", two) == {"U", "Not recorded"}
    ages = [("Under 1", count(3)), ("1 to 4", count(40)), ("18 and over", count(4))]
    assert parts_to_merge("age_band", ages) == {"Under 1", "18 and over"}  # 3 + 4 = 7, shown
    # A group that would still be small is not merged: its parts keep their own names.
    assert parts_to_merge("age_band", [("Under 1", count(3)), ("1 to 4", count(40)),
                                       ("18 and over", count(2))]) == frozenset()
    # Male and Female are never merged, nor is a whole breakdown.
    assert parts_to_merge("sex", [("F", count(4)), ("M", count(3))]) == frozenset()
    assert parts_to_merge("ethnicity_group", [("C", count(4)), ("R", count(3))]) == frozenset()


SUM_COLUMNS = ["indicator_id", "sex", "age_band", "ethnicity_group", "disability", "locality",
               "numerator", "denominator", "measure_total", "measure_count"]
SCHEMA = dict(zip(SUM_COLUMNS, [pl.String] * 6 + [pl.Int64, pl.Int64, pl.Float64, pl.Int64],
                  strict=True))


def test_merging_is_refused_when_it_would_lose_more():
    # Sex: U 3, Not recorded 4, F 6, M 1. As they are: U, Not recorded and M hidden (3 + 4 + 1
    # = 8 hidden, not recoverable): only M is lost outside the catch-alls. Merged: Other or not
    # recorded = 7 is shown, M (1) alone is hidden, so F (6) must go too: worse.
    parts = [("F", count(6)), ("M", count(1)), ("U", count(3)), ("Not recorded", count(4))]
    group = parts_to_merge("sex", parts)
    assert group == {"U", "Not recorded"}
    merged = [("F", count(6)), ("M", count(1)), (MERGED_PART, count(7))]
    assert not loses_less(parts, merged, count(14), group)
    # The ethnicity example above: merging hides nothing, so it is taken.
    eth = [("W", count(263)), ("C", count(1)), ("O", count(8)), ("R", count(2))]
    assert loses_less(eth, [("W", count(263)), (MERGED_PART, count(11))], count(274),
                      frozenset({"C", "O", "R"}))


def test_the_engine_counts_merged_parts_as_one():
    cube = Cube("rereferrals", period_ending(date(2025, 3, 31)), pl.DataFrame([
        ("rereferral_12m_neglect", "F", "5 to 9", "C", "Not disabled", "North", 1, 2, None, 0),
        ("rereferral_12m_neglect", "M", "5 to 9", "O", "Not disabled", "North", 2, 9, None, 0),
        ("rereferral_12m_neglect", "M", "5 to 9", "W", "Not disabled", "North", 7, 40, None, 0),
    ], schema=SCHEMA, orient="row"), None)
    parts = cube.breakdown("rereferral_12m_neglect", "ethnicity_group", merged={"C", "O"})
    # Other or not recorded: (1 + 2) / (2 + 9) = 27.27... -> 27.3; White 7 / 40 = 17.5.
    assert [(p, v.numerator, v.denominator, v.value) for p, v in parts] == [
        (MERGED_PART, 3, 11, 27.3), ("W", 7, 40, 17.5)]


# Properties -------------------------------------------------------------------------------------

def _nothing_recoverable(counts, hidden, total, threshold=5):
    """What a reader can work out, said independently of the implementation: the hidden parts
    add up to total - shown; with each hidden part at least 1 (zeros are never hidden), a part
    is pinned down when it is hidden alone or when the hidden sum equals the number hidden,
    and a sum from 1 to threshold is itself a small count."""
    hidden_parts = [c for c, h in zip(counts, hidden, strict=True) if h]
    if not hidden_parts:
        return True
    hidden_sum = total - sum(c for c, h in zip(counts, hidden, strict=True) if not h)
    return len(hidden_parts) > 1 and hidden_sum > threshold and hidden_sum != len(hidden_parts)


counts_lists = st.lists(st.integers(min_value=0, max_value=400), min_size=2, max_size=9)


@settings(max_examples=400, deadline=None)
@given(nums=counts_lists, extra=st.lists(st.integers(min_value=0, max_value=400), min_size=9,
                                         max_size=9))
def test_no_hidden_rate_part_can_be_recovered_in_either_column(nums, extra):
    dens = [n + e for n, e in zip(nums, extra, strict=False)]
    parts = [(str(i), percent(n, d)) for i, (n, d) in enumerate(zip(nums, dens, strict=True))]
    shown, total = suppress_breakdown(parts, percent(sum(nums), sum(dens)))
    if total.suppressed:
        return
    num_hidden = [s.numerator == SUPPRESSED for _p, s in shown]
    den_hidden = [s.denominator == SUPPRESSED for _p, s in shown]
    assert _nothing_recoverable(nums, num_hidden, sum(nums))
    assert _nothing_recoverable(dens, den_hidden, sum(dens))


@settings(max_examples=300, deadline=None)
@given(nums=counts_lists)
def test_a_preferred_part_is_hidden_first_and_nothing_is_recoverable(nums):
    prefer = [i % 2 == 0 for i in range(len(nums))]
    hidden, total_hidden = suppress_column(nums, sum(nums), prefer=prefer)
    if not total_hidden:
        assert _nothing_recoverable(nums, hidden, sum(nums))
    plain, _ = suppress_column(nums, sum(nums))
    assert sum(hidden) <= sum(plain) + 1  # preferring never costs more than one more part


@settings(max_examples=300, deadline=None)
@given(nums=counts_lists)
def test_merging_keeps_the_whole_and_never_hides_more_parts(nums):
    names = ["U", "Not recorded", "F", "M", "X", "Y", "Z", "V", "W"][:len(nums)]
    parts = [(name, count(n)) for name, n in zip(names, nums, strict=True)]
    group = parts_to_merge("sex", parts)
    merged = [(p, v) for p, v in parts if p not in group]
    if group:
        merged.append((MERGED_PART, count(sum(v.numerator for p, v in parts if p in group))))
        if not loses_less(parts, merged, count(sum(nums)), group):
            merged, group = parts, frozenset()
    assert sum(v.numerator for _p, v in merged) == sum(nums)
    before, _ = suppress_breakdown(parts, count(sum(nums)))
    after, total = suppress_breakdown(merged, count(sum(nums)))
    if total.suppressed:
        return
    assert _nothing_recoverable([v.numerator for _p, v in merged],
                                [s.suppressed for _p, s in after], sum(nums))
    # Parts other than the merged ones: never more of them hidden than before merging.
    lost_before = {p for p, s in before if s.suppressed and p not in group}
    lost_after = {p for p, s in after if s.suppressed and p != MERGED_PART}
    assert len(lost_after) <= len(lost_before)
