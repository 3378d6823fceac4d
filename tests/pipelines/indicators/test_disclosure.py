"""Disclosure control (indicators.md, "Disclosure control"; reference.md): worked examples, then
properties over random breakdowns."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from neglect_insight.pipelines.indicators.disclosure import (
    MISSING,
    SUPPRESSED,
    hidden_links,
    is_small,
    suppress_breakdown,
    suppress_column,
    suppress_value,
)
from neglect_insight.pipelines.indicators.engine import IndicatorValue, JourneyLink, rate


def count(n, indicator_id="referrals"):
    return IndicatorValue(indicator_id, n, None, n)


def percent(num, den, indicator_id="rereferral_12m"):
    return IndicatorValue(indicator_id, num, den, rate(num, den))


# Worked examples -------------------------------------------------------------------------------

def test_small_counts_are_c_and_zero_is_shown():
    assert [is_small(n) for n in (0, 1, 5, 6, None)] == [False, True, True, False, False]
    assert suppress_value(count(3)).numerator == SUPPRESSED
    assert suppress_value(count(3)).value == SUPPRESSED
    shown = suppress_value(count(0))
    assert (shown.numerator, shown.denominator, shown.value, shown.suppressed) == (
        "0", MISSING, "0", False)
    assert suppress_value(count(12345)).value == "12,345"


def test_rate_is_c_when_its_numerator_or_denominator_is():
    shown = suppress_value(percent(4, 40))  # 10.0%, but 4 children
    assert (shown.numerator, shown.denominator, shown.value) == ("c", "40", "c")
    shown = suppress_value(percent(0, 3))  # 0 of 3: the 3 is small
    assert (shown.numerator, shown.denominator, shown.value) == ("0", "c", "c")
    shown = suppress_value(percent(6, 14))
    assert (shown.numerator, shown.denominator, shown.value) == ("6", "14", "42.9%")
    shown = suppress_value(percent(0, 0))
    assert (shown.numerator, shown.denominator, shown.value) == ("0", "0", MISSING)


def test_rate_per_10k_and_explicit_unit():
    v = IndicatorValue("neglect_rate_per_10k", 60, 30000, 20.0)
    assert suppress_value(v).value == "20.0"
    assert suppress_value(IndicatorValue("neglect_rate_per_10k", 3, 30000, 1.0)).value == "c"
    assert suppress_value(IndicatorValue("not_in_catalogue", 7, 20, 35.0), unit="percent"
                          ).value == "35.0%"


def test_threshold_is_configurable():
    assert suppress_value(count(8), threshold=10).numerator == SUPPRESSED
    assert suppress_value(count(3), threshold=0).numerator == "3"  # QA view: raw counts


def test_one_hidden_part_hides_the_next_smallest():
    # 3 is small; total 31 - (0 + 20 + 8) would give it back, so 8 (the smallest shown non-zero
    # part) goes too; the zero stays.
    assert suppress_column([0, 3, 20, 8], 31) == ([False, True, False, True], False)
    assert suppress_column([7, 3], 10) == ([True, True], False)


def test_hidden_parts_summing_to_a_small_count_hide_more():
    # 1 + 1 = 12 - 10 = 2 would show two children (each 1): 10 is hidden as well.
    assert suppress_column([10, 1, 1], 12) == ([True, True, True], False)


def test_all_ones_hide_the_total():
    # Six parts of 1: all hidden, but 6 hidden cells summing to 6 are all 1s; nothing left to
    # hide, so the total goes.
    assert suppress_column([1] * 6, 6) == ([True] * 6, True)


def test_nothing_small_nothing_hidden():
    assert suppress_column([6, 0, 40], 46) == ([False, False, False], False)
    assert suppress_column([3, 0], 3) == ([True, False], True)


def test_breakdown_of_a_rate_protects_both_columns():
    parts = [("F", percent(4, 20)), ("M", percent(10, 30)), ("Not recorded", percent(0, 0))]
    total = percent(14, 50)
    shown, whole = suppress_breakdown(parts, total)
    by_part = {p: (s.numerator, s.denominator, s.value) for p, s in shown}
    # Numerators: 4 small -> c; 14 - 10 would give it back -> 10 hidden too. Denominators 20, 30,
    # 0: none small, nothing hidden. Both rates are then c.
    assert by_part == {"F": ("c", "20", "c"), "M": ("c", "30", "c"),
                       "Not recorded": ("0", "0", MISSING)}
    assert (whole.numerator, whole.denominator, whole.value) == ("14", "50", "28.0%")


def test_breakdown_of_a_per_10k_rate_has_no_part_denominators():
    parts = [("North", IndicatorValue("neglect_rate_per_10k", 9, None, None)),
             ("South", IndicatorValue("neglect_rate_per_10k", 2, None, None))]
    total = IndicatorValue("neglect_rate_per_10k", 11, 30000, 3.7)
    shown, whole = suppress_breakdown(parts, total)
    # 2 is small; 11 - 9 would give it back, so 9 goes too. No population for a part: no rate,
    # and a rate whose numerator is c is c.
    assert [(s.numerator, s.denominator, s.value) for _, s in shown] == [
        ("c", MISSING, "c"), ("c", MISSING, "c")]
    assert (whole.numerator, whole.denominator, whole.value) == ("11", "30,000", "3.7")


def test_journey_links_hidden_when_the_others_would_reveal_them():
    link = JourneyLink
    # Assessment: 9 arrive (3 + 6) and 9 leave (9), so a hidden 3 in is 9 - 6: hide one more,
    # on the leaving side, and only the difference of the two is known.
    links = [link("Referral", "Assessment", 3),      # small: hidden
             link("Early help", "Assessment", 6),
             link("Assessment", "Closed", 9),        # hidden: would give the 3 away
             link("Early help", "Closed", 40)]       # early help's total is not shown: safe
    assert hidden_links(links) == [True, False, True, False]
    # A step where journeys also start (more leave than arrive) tells nothing.
    assert hidden_links([link("Early help", "Referral", 3),
                         link("Referral", "Closed", 50)]) == [True, False]


def test_journey_links_at_a_lower_threshold():
    # Referral: 12 arrive (2 + 10) and 12 leave (7 + 5).
    links = [("Early help", "Referral", 2),
             ("Contact", "Referral", 10),
             ("Referral", "Assessment", 7),
             ("Referral", "Closed", 5)]
    # Threshold 5: 2 and 5 are small. With one hidden on each side, 2 + 10 = 7 + 5 tells only
    # their difference.
    assert hidden_links(links) == [True, False, False, True]
    # Threshold 2: only 2 is small, but 7 + 5 - 10 gives it back, so the smallest leaving
    # link (5) is hidden too.
    assert hidden_links(links, threshold=2) == [True, False, False, True]
    # Threshold 1: nothing is small.
    assert hidden_links(links, threshold=1) == [False, False, False, False]


# Properties ------------------------------------------------------------------------------------

thresholds = st.integers(1, 10)
counts = st.lists(st.one_of(st.integers(0, 12), st.integers(0, 500)), min_size=1, max_size=8)


def check_column(column, total, hidden, total_hidden, threshold):
    shown = [c for c, h in zip(column, hidden, strict=True) if not h]
    assert not any(is_small(c, threshold) for c in shown)  # no shown count in 1..threshold
    assert not any(h and c == 0 for c, h in zip(column, hidden, strict=True))  # zeros shown
    assert all(h for c, h in zip(column, hidden, strict=True) if is_small(c, threshold))
    if not total_hidden:
        assert not is_small(total, threshold)
        k = sum(hidden)
        recovered = total - sum(shown)  # what anyone can work out for the hidden parts
        assert k != 1  # no single hidden part is recoverable
        if k:
            assert not is_small(recovered, threshold) and recovered != k


@settings(max_examples=300, deadline=None)
@given(counts, thresholds)
def test_column_never_discloses(column, threshold):
    total = sum(column)
    hidden, total_hidden = suppress_column(column, total, threshold)
    check_column(column, total, hidden, total_hidden, threshold)


@settings(max_examples=300, deadline=None)
@given(counts)
def test_column_hides_nothing_when_nothing_is_small(column):
    hidden, total_hidden = suppress_column(column, sum(column))
    if not any(is_small(c) for c in column) and not is_small(sum(column)):
        assert not any(hidden) and not total_hidden


def parse(text):
    return None if text in (SUPPRESSED, MISSING) else int(text.replace(",", ""))


@st.composite
def rate_breakdowns(draw):
    n = draw(st.integers(1, 6))
    dens = draw(st.lists(st.one_of(st.integers(0, 12), st.integers(0, 300)), min_size=n,
                         max_size=n))
    nums = [draw(st.integers(0, d)) for d in dens]
    parts = [(f"part{i}", percent(a, b)) for i, (a, b) in enumerate(zip(nums, dens, strict=True))]
    return parts, percent(sum(nums), sum(dens))


@settings(max_examples=200, deadline=None)
@given(rate_breakdowns(), thresholds)
def test_breakdown_never_discloses(breakdown, threshold):
    parts, total = breakdown
    shown, whole = suppress_breakdown(parts, total, threshold)
    cells = [s for _, s in shown] + [whole]
    values = [v for _, v in parts] + [total]
    for s, v in zip(cells, values, strict=True):
        # every shown count is the true one and never 1..threshold
        for text, raw in ((s.numerator, v.numerator), (s.denominator, v.denominator)):
            assert text == SUPPRESSED or (parse(text) == raw and not is_small(raw, threshold))
        # a rate is shown only with both its numerator and denominator
        assert (s.value == SUPPRESSED) == (SUPPRESSED in (s.numerator, s.denominator))
    for column in ("numerator", "denominator"):
        hidden = [getattr(s, column) == SUPPRESSED for _, s in shown]
        check_column([getattr(v, column) for _, v in parts], getattr(total, column), hidden,
                     getattr(whole, column) == SUPPRESSED, threshold)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 100_000), st.integers(0, 100_000), thresholds)
def test_single_value_never_shows_a_small_count(a, b, threshold):
    num, den = min(a, b), max(a, b)
    for v in (percent(num, den), count(num)):
        s = suppress_value(v, threshold)
        for text in (s.numerator, s.denominator, s.value):
            assert text in (SUPPRESSED, MISSING) or "%" in text or not is_small(parse(text),
                                                                                threshold)


# Children's paths through services; every path ends at "Closed" or "Plan", so the steps between
# balance (as many arrive as leave): the case where a hidden link could be worked out.
PATHS = [("Contact", "Referral", "Assessment", "Closed"),
         ("Contact", "Referral", "Assessment", "Plan"),
         ("Contact", "Referral", "Closed"),
         ("Early help", "Referral", "Assessment", "Plan"),
         ("Early help", "Assessment", "Closed"),
         ("Early help", "Closed")]


@st.composite
def journeys(draw):
    """Links (source, target, children) of random numbers of children on each path."""
    children = draw(st.lists(st.one_of(st.integers(0, 8), st.integers(0, 60)),
                             min_size=len(PATHS), max_size=len(PATHS)))
    links: dict[tuple[str, str], int] = {}
    for path, n in zip(PATHS, children, strict=True):
        for source, target in itertools.pairwise(path):
            links[source, target] = links.get((source, target), 0) + n
    return [(source, target, n) for (source, target), n in links.items() if n > 0]


@settings(max_examples=300, deadline=None)
@given(journeys(), thresholds)
def test_journey_links_never_disclose(links, threshold):
    hidden = hidden_links(links, threshold)
    counts = [n for _, _, n in links]
    # every small link is hidden, and a hidden link is never zero
    assert all(h for n, h in zip(counts, hidden, strict=True) if is_small(n, threshold))
    steps = {s for s, _, _ in links} & {t for _, t, _ in links}
    for step in steps:
        arriving = [i for i, (_, t, _) in enumerate(links) if t == step]
        leaving = [i for i, (s, _, _) in enumerate(links) if s == step]
        if sum(counts[i] for i in arriving) != sum(counts[i] for i in leaving):
            continue  # the step's total is not known: nothing can be worked out from it
        for side, other in ((arriving, leaving), (leaving, arriving)):
            if any(hidden[i] for i in other):
                continue  # hidden links on both sides: only their difference is known
            # what anyone can work out for this side's hidden links: the other side's total
            # less this side's shown links
            column = [counts[i] for i in side]
            check_column(column, sum(counts[i] for i in other),
                         [hidden[i] for i in side], False, threshold)


@settings(max_examples=200, deadline=None)
@given(journeys())
def test_journey_links_hide_nothing_when_nothing_is_small(links):
    if not any(is_small(n) for _, _, n in links):
        assert not any(hidden_links(links))
