"""pipelines/present/headlines.py: chart titles that state the finding, never a hidden
figure."""

from __future__ import annotations

from datetime import date

from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.present.cells import Cell, published
from neglect_insight.pipelines.present.headlines import (
    england_text,
    journeys_finding,
    level_finding,
    levels_finding,
    levels_trend_finding,
    ranking_finding,
    trend_finding,
)

REREFERRALS = catalogue()["rereferral_12m"]
ENGLAND = published(22.6, "2024-25", "DfE, Children in need 2025", "percent")


def shown(text: str, number: float | None) -> Cell:
    return Cell(text, "", "", number)


def test_a_level_beside_england():
    assert level_finding(REREFERRALS, "19.0%", 19.0, ENGLAND) == (
        f"{REREFERRALS.short_label}: 19.0% — below England's 22.6%")
    assert level_finding(REREFERRALS, "c", None, ENGLAND) == (
        f"{REREFERRALS.short_label}: not shown (small numbers)")
    assert level_finding(REREFERRALS, "–", None) == f"{REREFERRALS.short_label}: no figure"


def test_a_trend_against_the_same_period_a_year_before():
    # five quarters: the latest (19.0) against the one four quarters before it (24.0)
    points = [("24.0%", 24.0), ("23.0%", 23.0), ("c", None), ("21.0%", 21.0), ("19.0%", 19.0)]
    assert trend_finding(REREFERRALS, points, ENGLAND) == (
        f"{REREFERRALS.short_label} fell to 19.0% — below England's 22.6%")
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
    assert journeys_finding(18, 20, False) == (
        "18 of 20 children known to services in the period were still open at its end")
    assert journeys_finding(None, None, True) == (
        "Children's journeys through services: some small flows are not shown")


def test_england_in_words():
    assert england_text(ENGLAND, "percent") == "22.6% (2024-25)"
    assert england_text(ENGLAND, "percent", with_source=True) == (
        "22.6% (2024-25; DfE, Children in need 2025)")
    assert england_text(None, "percent") == "–"
