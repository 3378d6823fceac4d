"""pipelines/present/headlines.py: chart titles that state the finding, never a hidden
figure."""

from __future__ import annotations

from datetime import date

from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.present.cells import Cell, published
from neglect_insight.pipelines.present.headlines import (
    compared_with,
    england_text,
    journeys_finding,
    level_finding,
    levels_finding,
    levels_trend_finding,
    ranking_finding,
    reading,
    trend_finding,
)

REREFERRALS = catalogue()["rereferral_12m"]
ENGLAND = published(22.6, "2024-25", "DfE, Children in need 2025", "percent")


def shown(text: str, number: float | None) -> Cell:
    return Cell(text, "", "", number)


def test_a_level_beside_england():
    assert level_finding(REREFERRALS, "19.0%", 19.0, ENGLAND) == (
        f"{REREFERRALS.short_label}: 19.0% — below England's 22.6% (2024-25)")
    assert level_finding(REREFERRALS, "c", None, ENGLAND) == (
        f"{REREFERRALS.short_label}: not shown (small numbers)")
    assert level_finding(REREFERRALS, "–", None) == f"{REREFERRALS.short_label}: no figure"


def test_a_trend_against_the_same_period_a_year_before():
    # five quarters: the latest (19.0) against the one four quarters before it (24.0)
    points = [("24.0%", 24.0), ("23.0%", 23.0), ("c", None), ("21.0%", 21.0), ("19.0%", 19.0)]
    assert trend_finding(REREFERRALS, points, ENGLAND) == (
        f"{REREFERRALS.short_label}: 19.0%, down from 24.0% a year ago; England 22.6% (2024-25)")
    # 24.04 against 24.0: a change of 0.04 points is below the 1.0 point threshold
    steady = [("24.0%", 24.0), *points[1:4], ("24.0%", 24.04)]
    assert trend_finding(REREFERRALS, steady) == (
        f"{REREFERRALS.short_label}: 24.0%, about the same as a year ago (24.0%)")
    # fewer than five points: against the first shown, said so
    assert trend_finding(REREFERRALS, [("21.0%", 21.0), ("19.0%", 19.0)]) == (
        f"{REREFERRALS.short_label}: 19.0%, down from 21.0% at the start of the period shown")
    # the point a year before is hidden: no comparison, England still stated
    assert trend_finding(REREFERRALS, [("c", None), *points[1:]], ENGLAND) == (
        f"{REREFERRALS.short_label}: 19.0%; England 22.6% (2024-25)")
    assert trend_finding(REREFERRALS, [*points[:-1], ("c", None)]) == (
        f"{REREFERRALS.short_label}: latest figure not shown (small numbers)")


def test_rankings_and_levels():
    assert ranking_finding("Children by age band", [("Under 1", "c", None),
                                                    ("1 to 4", "2,401", 2401.0),
                                                    ("5 to 9", "1,200", 1200.0)]) == (
        "Children by age band: highest for 1 to 4 (2,401)")
    assert ranking_finding("Children by sex", [("Male", "c", None)]) == (
        "Children by sex: not shown (small numbers)")
    # everyone 20 = CP 8 + CIN 0 + EH 12 (tests/dashboard/conftest.py)
    assert levels_finding(shown("20", 20), [("Early help", shown("12", 12)),
                                            ("Children in need", shown("0", 0)),
                                            ("Child protection", shown("8", 8))]) == (
        "20 children had neglect identified; the most at early help (12)")
    assert levels_finding(shown("c", None), []) == (
        "Children with neglect identified: not shown (small numbers)")


def test_the_levels_over_time_and_journeys():
    points = [(date(2024, 3, 31), shown("4", 4)), (date(2025, 3, 31), shown("6", 6))]
    assert levels_trend_finding(points, 12) == (
        "Children with neglect identified: 6 in the 12 months to 31 March 2025, up from 4 at "
        "31 March 2024")
    # 101 against 100 is 1%, below the 5% threshold for counts
    steady = [(date(2024, 3, 31), shown("100", 100)), (date(2025, 3, 31), shown("101", 101))]
    assert levels_trend_finding(steady, 12).endswith(", about the same as 100 at 31 March 2024")
    assert journeys_finding(18, 20, False) == (
        "18 of 20 children known to services in the period were still open at its end")
    assert journeys_finding(None, None, True) == (
        "Children's journeys through services: some small flows are not shown")


def test_england_in_words():
    assert england_text(ENGLAND, "percent") == "22.6% (2024-25)"
    assert england_text(ENGLAND, "percent", with_source=True) == (
        "22.6% (2024-25; DfE, Children in need 2025)")
    assert england_text(None, "percent") == "–"


def test_a_reading_says_what_it_is_compared_with():
    now, year_ago = shown("24.0%", 24.0), shown("26.1%", 26.1)
    assert reading(REREFERRALS, now, year_ago, ENGLAND) == (
        "24.0%, down from 26.1% a year ago; England 22.6% (2024-25)")
    assert reading(REREFERRALS, year_ago, now) == "26.1%, up from 24.0% a year ago"
    # 0.9 points as written (24.0 against 23.1): below the threshold, about the same
    assert reading(REREFERRALS, now, shown("23.1%", 23.1)) == (
        "24.0%, about the same as a year ago (23.1%)")
    assert reading(REREFERRALS, now, shown("c", None), ENGLAND) == "24.0%; England 22.6% (2024-25)"
    assert reading(REREFERRALS, shown("c", None), year_ago) == "not shown (small numbers)"
    assert reading(REREFERRALS, None, year_ago) == "no figure"
    # rates: 5% of the earlier figure; 20.0 against 19.2 is 4.2%, 20.0 against 18.0 is 11.1%
    assert compared_with("per_10k", 20.0, "19.2", 19.2) == (
        "about the same as a year ago (19.2 per 10,000 children)")
    assert compared_with("per_10k", 20.0, "18.0", 18.0, "since the last quarter") == (
        "up from 18.0 per 10,000 children since the last quarter")
    assert compared_with("count", 6, "4", None) == ""
