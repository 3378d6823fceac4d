"""The overview scorecard: values now, England, targets and RAG from the example targets file
(pipelines/indicators/targets.toml) or the file NEGLECT_INSIGHT_TARGETS names; a broken targets
file explains itself."""

from __future__ import annotations

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
