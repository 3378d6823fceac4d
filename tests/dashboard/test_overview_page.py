"""The overview scorecard: values now, England, targets and RAG from the example targets file
(pipelines/indicators/targets.toml) or the file NEGLECT_INSIGHT_TARGETS names; a broken targets
file explains itself. What moved, RAG counts at a glance, the cards' trend lines, and no arrow
for a change below the threshold."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from tests.dashboard.conftest import open_app

PAGE = "pages/overview.py"


def scorecard(at) -> dict[str, dict[str, str]]:
    table = at.dataframe[0].value
    return {row["Measure"]: row for row in table.to_dict("records")}


def test_scorecard_against_the_targets_file(board_db, monkeypatch, tmp_path):
    targets = tmp_path / "targets.toml"
    targets.write_text('[neglect_rate_per_10k]\ntarget = 25.0\ndirection = "lower"\n'
                       'owner = "Board chair"\n\n'
                       '[attendance_absence_rate_eh]\ntarget = 15.0\ndirection = "lower"\n'
                       'tolerance = 2.0\n\n'
                       '[cpp_open_2y_plus]\ntarget = 10.0\ndirection = "higher"\n')
    monkeypatch.setenv("NEGLECT_INSIGHT_TARGETS", str(targets))
    at = open_app(board_db, monkeypatch, PAGE)
    rows = scorecard(at)
    now = "Now (Q4 2024-25)"
    # neglect rate 20.0 (conftest) against a target of 25.0 or lower: on track.
    assert rows["Neglect rate per 10,000"][now] == "20.0 per 10,000 children"
    assert rows["Neglect rate per 10,000"]["Status"] == "On track"
    assert rows["Neglect rate per 10,000"]["Owner"] == "Board chair"
    # early help absence 18.0% against 15.0% or lower, tolerance 2.0: 3.0 over, off track.
    assert rows["Absence, early help"][now] == "18.0%"
    assert rows["Absence, early help"]["Status"] == "Off track"
    # CP plans open 2 years or more: none of 8, 0.0%, against 10.0% or higher: off track.
    assert rows["CP plans open 2 years or more"][now] == "0.0%"
    assert rows["CP plans open 2 years or more"]["England"] == "2.3% (31 March 2025)"
    assert rows["Two-year-old take-up"]["Status"] == "No target"
    assert not at.warning


def test_the_example_targets_file_is_valid(board_db, monkeypatch):
    monkeypatch.delenv("NEGLECT_INSIGHT_TARGETS", raising=False)
    at = open_app(board_db, monkeypatch, PAGE)
    assert not at.warning
    assert scorecard(at)["Repeat neglect CP plans"]["Target"] == "20.0% or lower"
    # re-referrals have a trajectory: 22.0% for the quarter ending 31 March 2025, the quarter
    # shown; the card names the quarter
    rows = scorecard(at)
    assert rows["Neglect re-referrals within 12 months"]["Target"] == "22.0% or lower (trajectory)"
    assert any("Target 22.0% or lower by Q4 2024-25 (trajectory)" in c.value for c in at.caption)


def test_a_broken_targets_file_explains_itself(board_db, monkeypatch, tmp_path):
    targets = tmp_path / "targets.toml"
    targets.write_text('[cpp_neglect_repeat]\ntarget = "twenty"\ndirection = "down"\n\n'
                       "[no_such_indicator]\ntarget = 1\n")
    monkeypatch.setenv("NEGLECT_INSIGHT_TARGETS", str(targets))
    at = open_app(board_db, monkeypatch, PAGE)
    [warning] = [w.value for w in at.warning]
    assert str(targets) in warning
    assert "[cpp_neglect_repeat] target must be a number" in warning
    assert '[cpp_neglect_repeat] direction must be "lower" or "higher"' in warning
    assert "[no_such_indicator] is not an indicator id" in warning
    assert set(scorecard(at)["Repeat neglect CP plans"].values()) >= {"No target"}


def test_a_missing_or_unreadable_targets_file_explains_itself(board_db, monkeypatch, tmp_path):
    monkeypatch.setenv("NEGLECT_INSIGHT_TARGETS", str(tmp_path / "missing.toml"))
    at = open_app(board_db, monkeypatch, PAGE)
    assert "was not found" in at.warning[0].value
    (tmp_path / "bad.toml").write_text("[cpp_neglect_repeat\n")
    monkeypatch.setenv("NEGLECT_INSIGHT_TARGETS", str(tmp_path / "bad.toml"))
    at.run()
    assert "could not be read" in at.warning[0].value


def badges(at) -> list[str]:
    return [m.value for m in at.markdown if "-badge[" in m.value]


def test_what_moved_and_rag_counts_at_a_glance(board_db, monkeypatch, tmp_path):
    targets = tmp_path / "targets.toml"
    targets.write_text('[neglect_rate_per_10k]\ntarget = 25.0\ndirection = "lower"\n\n'
                       '[attendance_absence_rate_eh]\ntarget = 15.0\ndirection = "lower"\n'
                       'tolerance = 2.0\n\n'
                       '[cpp_open_2y_plus]\ntarget = 10.0\ndirection = "higher"\n')
    monkeypatch.setenv("NEGLECT_INSIGHT_TARGETS", str(targets))
    at = open_app(board_db, monkeypatch, PAGE)
    assert "What moved" in [s.value for s in at.subheader]
    text = [m.value for m in at.markdown]
    # 12 months to Q4 2024-25 against Q3: the rate 20.0 against 20.4 per 10,000 is 2%, the
    # counts and percentages the same: nothing passes the threshold. No figures a year ago.
    assert "- No measure rose or fell beyond the threshold since the last quarter." in text
    assert "- There are no figures from a year ago to compare with." in text
    # the three targets (test_scorecard_against_the_targets_file): rate on track, absence and
    # CP plans open 2 years off track; nine measures without a target. Words and a symbol.
    assert ":green-badge[:material/check_circle: 1 on track]" in badges(at)
    assert ":red-badge[:material/cancel: 2 off track]" in badges(at)
    assert ":gray-badge[:material/remove: 9 without a target]" in badges(at)
    assert any("1.0 percentage point" in c.value for c in at.caption)


def test_what_moved_quarter_by_quarter_with_trend_lines(board_db, monkeypatch):
    monkeypatch.delenv("NEGLECT_INSIGHT_TARGETS", raising=False)
    at = open_app(board_db, monkeypatch, PAGE)
    at.sidebar.selectbox(key="filter_period_end_box").set_value(date(2024, 9, 30))
    at.sidebar.radio(key="filter_months_box").set_value(3).run()
    text = [m.value for m in at.markdown]
    # Q2 2024-25 against Q1 (conftest): CP plans start 1 July 2024, so in Q1 all 20 children
    # were at early help and none at child protection; in Q2, 12 and 8. From 0 ranks first.
    assert ("- Children with neglect identified, highest level child protection rose from 0 to "
            "8 since the last quarter.\n- Children with neglect identified, highest level "
            "early help fell from 20 to 12 since the last quarter.") in text
    # each card's trend line: the quarters up to the selected one, with a text alternative
    eh = next(m for m in at.metric if m.label == "Neglect at early help")
    assert list(eh.proto.chart_data) == [20.0, 12.0]
    assert "Trend Q1 2024-25 to Q2 2024-25: 20 to 12" in [
        c.value for c in at.caption]


def _card_script():
    from datetime import date, datetime
    from pathlib import Path

    from neglect_insight.dashboard.components import indicator_card
    from neglect_insight.dashboard.data import Load
    from neglect_insight.dashboard.data.indicators import Scorecard, ScoreLine, Selection
    from neglect_insight.pipelines.indicators.catalogue import catalogue
    from neglect_insight.pipelines.indicators.scorecard import Target, rag, travel
    from neglect_insight.pipelines.present.cells import Cell

    def line(indicator_id, now, year_ago, target):
        cells = [Cell(f"{n:.1f}%", "", "", n) for n in (now, year_ago)]
        return ScoreLine(indicator_id, cells[0], None, cells[1],
                         travel(catalogue()[indicator_id], now, year_ago), target,
                         rag(now, target), None)

    target = Target(20.0, "lower", "Head of Service", 2.0)
    card = Scorecard((line("cpp_neglect_repeat", 24.04, 24.0, target),
                      line("rereferral_12m_neglect", 22.0, 26.1, None)),
                     Selection(date(2025, 3, 31)),
                     Load("run", datetime(2026, 11, 30), date(2025, 3, 31), "test",
                          Path("none.duckdb")), date(2024, 12, 31), date(2024, 3, 31))
    # a hidden quarter in the trend is a gap, never 0
    indicator_card.scorecard(card, trends={"cpp_neglect_repeat": (
        ("Q2 2024-25", 25.0), ("Q3 2024-25", None), ("Q4 2024-25", 24.04))})


def test_a_change_below_the_threshold_has_no_arrow():
    # the defects: "+0.0 points" as a red up arrow, and "on a year ago" with no change beside it
    at = AppTest.from_function(_card_script).run()
    assert not at.exception
    steady, fell = at.metric
    assert steady.proto.delta == "" and not steady.proto.delta_description  # 24.04 v 24.0
    assert "About the same as a year ago (24.0%)" in [c.value for c in at.caption]
    # 22.0% against 26.1%: 4.1 points down, lower is better
    assert fell.proto.delta == "-4.1 points"
    assert fell.proto.delta_description == "better"
    assert "Down from 26.1% a year ago" in [c.value for c in at.caption]
    table = at.dataframe[0].value
    assert list(table.columns[:5]) == ["Measure", "Now (Q4 2024-25)", "Status", "Target",
                                       "England"]
    assert list(table["On a year ago"]) == ["About the same", "▼ Better"]
    assert list(table["Status"]) == ["Off track", "No target"]
    drawn = list(steady.proto.chart_data)
    assert drawn[0] == 25.0 and drawn[1] != drawn[1] and drawn[2] == 24.04  # NaN: a gap
    assert "Trend Q2 2024-25 to Q4 2024-25: 25.0% to 24.0%" in [
        c.value for c in at.caption]
