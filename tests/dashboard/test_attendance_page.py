"""The school attendance page: cohorts beside all pupils and England, and a load without
attendance.csv (figures worked by hand in conftest.py)."""

from __future__ import annotations

from neglect_insight.pipelines.present.labels import ATTENDANCE_MEASURES
from tests.dashboard.conftest import open_app

PAGE = "pages/attendance.py"


def measure_tab(at, measure: str):
    """The tab of one attendance measure, chosen as a click on it would (only the chosen tab
    is drawn: charts.lazy_tabs)."""
    [key] = [k for k in at.session_state.keys() if str(k).startswith("cohorts-tabs-")]
    at.session_state[key] = ATTENDANCE_MEASURES[measure]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    [tab] = [t for t in at.tabs if t.label == ATTENDANCE_MEASURES[measure]]
    return tab


def test_overall_absence_by_cohort_beside_all_pupils_and_england(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, PAGE)
    table = at.dataframe[0].value  # the first tab: overall absence
    assert list(zip(table["Children"], table["Figures for"], table["Percentage"],
                    strict=True)) == [
        ("Early help", "This partnership", "18.0%"),
        ("Children in need", "This partnership", "30.0%"),
        ("Children in need", "England (2024/25)", "17.4%"),
        ("Child protection", "This partnership", "30.0%"),
        ("Child protection", "England (2024/25)", "21.8%"),
        ("Neglect identified", "This partnership", "18.0%"),
        ("All pupils", "All pupils (2024/25)", "7.0%"),
    ]
    assert at.subheader[0].value == ("Overall absence: highest for Children in need (30.0%), "
                                     "against 7.0% for all pupils")
    # England counts children open at 31 March: the page says so beside the comparison.
    assert any("open at 31 March" in c.value for c in at.caption)


def test_persistent_and_severe_absence(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, PAGE)
    [persistent] = [d.value for d in measure_tab(at, "persistent").dataframe]
    [severe] = [d.value for d in measure_tab(at, "severe").dataframe]
    ours = persistent[persistent["Figures for"] == "This partnership"]
    assert list(ours["Percentage"]) == ["100.0%"] * 4
    assert list(persistent[persistent["Children"] == "All pupils"]["Percentage"]) == ["20.0%"]
    ours = severe[severe["Figures for"] == "This partnership"]
    assert list(ours["Percentage"]) == ["0.0%"] * 4


def test_a_load_without_attendance_explains_why(minimal_db, monkeypatch):
    at = open_app(minimal_db, monkeypatch, PAGE)
    assert not at.dataframe
    assert any("no attendance.csv" in i.value for i in at.info)
