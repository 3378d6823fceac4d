"""The data quality page on a real store: one good load with a query row, then a refused
delivery (tests/fixtures/valid_delivery, copied and changed one row at a time)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from neglect_insight.pipelines.ingest import ingest_delivery
from tests.dashboard.conftest import open_app

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "valid_delivery"
PAGE = "pages/data_quality.py"
EXTRACT_DATE = date(2025, 3, 31)

# The good delivery: the fixture with one query. assessments.csv line 5 is A004, not yet
# authorised; giving it factors is the query assessments.factors_only_when_authorised.
QUERY_FROM = "A004,R005,C004,2024-12-05,,\n"
QUERY_TO = "A004,R005,C004,2024-12-05,,16A\n"
QUERY = ("assessments.csv", 5, "assessments.factors_only_when_authorised")

# The refused delivery: cp_plans.csv line 3 (plan P002) gets a category that is not a code.
BLOCK_FROM = "P002,C002,R002,2024-07-20,,neg,MUL,1\n"
BLOCK_TO = "P002,C002,R002,2024-07-20,,XYZ,MUL,1\n"
BLOCK = ("cp_plans.csv", 3, "cp_plans.initial_category_code")


def _copy_with(folder: Path, file: str, old: str, new: str) -> Path:
    """The fixture's CSV files (not its README) with one line changed."""
    folder.mkdir()
    for csv in FIXTURE.glob("*.csv"):
        shutil.copy(csv, folder / csv.name)
    text = (folder / file).read_text()
    assert old in text, f"the fixture changed: {file} no longer has {old!r}"
    (folder / file).write_text(text.replace(old, new))
    return folder


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("quality")
    db = root / "neglect.duckdb"
    good = ingest_delivery(_copy_with(root / "good", "assessments.csv", QUERY_FROM, QUERY_TO),
                           db, EXTRACT_DATE)
    assert good.run.outcome == "loaded", good.blocking
    bad = ingest_delivery(_copy_with(root / "bad", "cp_plans.csv", BLOCK_FROM, BLOCK_TO),
                          db, EXTRACT_DATE)
    assert bad.run.outcome == "refused"
    return {"db": db, "good": good.run.run_id, "bad": bad.run.run_id, "root": root}


def _page(db: Path, monkeypatch) -> AppTest:
    """The data quality page, reached through app.py's navigation."""
    return open_app(db, monkeypatch, PAGE)


def _table(at: AppTest, first_column: str, having: str | None = None):
    """The first dataframe on the page whose columns start with `first_column` (and include
    `having`)."""
    for frame in at.dataframe:
        columns = list(frame.value.columns)
        if columns and columns[0] == first_column and (having is None or having in columns):
            return frame.value
    raise AssertionError(f"no table starting with {first_column!r} on the page")


def test_lists_both_runs_newest_first(store, monkeypatch):
    at = _page(store["db"], monkeypatch)
    runs = _table(at, "When", "What happened")
    assert list(runs["Run id"]) == [store["bad"], store["good"]]
    assert list(runs["What happened"]) == ["Refused: nothing loaded", "Loaded (shown now)"]
    files = str(len(list(FIXTURE.glob("*.csv"))))
    assert list(runs["Files"]) == [files, files]
    assert list(runs["Blocking rows"]) == ["1", "0"]
    assert list(runs["Query rows"]) == ["0", "1"]


def test_refused_run_shows_its_rule_and_row(store, monkeypatch):
    at = _page(store["db"], monkeypatch)
    assert at.selectbox(key="run").value["run_id"] == store["bad"]  # newest run first
    failed = _table(at, "Severity", "Failing rows")
    assert [tuple(r) for r in failed[["Severity", "Rule id", "File", "Failing rows"]]
            .itertuples(index=False)] == [("Blocking", BLOCK[2], BLOCK[0], "1")]
    review = _table(at, "File", "Line")
    assert [tuple(r) for r in review[["File", "Line", "Rule id", "Severity", "Value as recorded"]]
            .itertuples(index=False)] == [(BLOCK[0], BLOCK[1], BLOCK[2], "Blocking", "XYZ")]


def test_current_load_lists_query_rows_with_file_and_line(store, monkeypatch):
    at = _page(store["db"], monkeypatch)
    at.selectbox(key="run").select_index(1).run()  # the loaded run
    assert not at.exception
    assert at.selectbox(key="run").value["run_id"] == store["good"]
    review = _table(at, "File", "Line")
    assert [tuple(r) for r in review[["File", "Line", "Rule id", "Severity"]]
            .itertuples(index=False)] == [(QUERY[0], QUERY[1], QUERY[2], "Query")]
    # filterable by rule: the one rule keeps its row
    at.multiselect(key="review_rules").set_value([QUERY[2]]).run()
    assert len(_table(at, "File", "Line")) == 1
    assert any("Download" in b.proto.label for b in at.get("download_button"))


def test_completeness_of_locality(store, monkeypatch):
    at = _page(store["db"], monkeypatch)
    completeness = _table(at, "File", "Filled (%)")
    row = completeness[(completeness["File"] == "children.csv")
                       & (completeness["Column"] == "locality")].iloc[0]
    # children.csv: C001 North, C002 South, C003 North, C004 South, C005 empty -> 4 of 5 rows.
    assert (row["Rows"], row["Filled rows"], row["Filled (%)"]) == ("5", "4", "80.0%")
    # disabled: false, true, empty, empty, false -> 3 of 5.
    row = completeness[(completeness["File"] == "children.csv")
                       & (completeness["Column"] == "disabled")].iloc[0]
    assert (row["Rows"], row["Filled rows"], row["Filled (%)"]) == ("5", "3", "60.0%")


def test_trend_title_states_the_finding(store, monkeypatch):
    at = _page(store["db"], monkeypatch)
    trend = _table(at, "Run", "Query rows")
    assert list(trend["What happened"]) == ["Loaded (shown now)", "Refused: nothing loaded"]
    assert list(trend["Blocking rows"]) == ["0", "1"]  # oldest first
    assert list(trend["Query rows"]) == ["1", "0"]
    assert "The latest delivery had 1 row blocking it; query rows fell from 1 to 0" in [
        h.value for h in at.subheader]
    assert at.get("plotly_chart"), "no chart on the page"


def test_no_runs_explains_instead_of_failing(tmp_path, monkeypatch):
    at = _page(tmp_path / "neglect.duckdb", monkeypatch)
    assert any("No delivery has been checked or loaded yet" in i.value for i in at.info)


def test_refused_only_store_shows_runs_without_a_load(store, tmp_path, monkeypatch):
    """A store whose only run was refused: the run is listed, completeness explains itself."""
    db = tmp_path / "neglect.duckdb"
    runs = db.parent / f"{db.name}.d" / "runs"
    src = store["db"].parent / f"{store['db'].name}.d" / "runs" / store["bad"]
    shutil.copytree(src, runs / store["bad"])
    at = _page(db, monkeypatch)
    assert any("Nothing has been loaded yet" in w.value for w in at.warning)
    runs_table = _table(at, "When", "What happened")
    assert list(runs_table["Run id"]) == [store["bad"]]
    assert any("Completeness is shown for the current load" in i.value for i in at.info)


def test_runs_are_read_from_the_load_when_run_folders_are_gone(store, tmp_path, monkeypatch):
    """The load carries the history up to itself (run_history, run_rules, run_files)."""
    copy = tmp_path / "store"
    shutil.copytree(store["db"].parent, copy, symlinks=True,
                    ignore=shutil.ignore_patterns("good", "bad"))
    shutil.rmtree(copy / f"{store['db'].name}.d" / "runs")
    at = _page(copy / store["db"].name, monkeypatch)
    runs_table = _table(at, "When", "What happened")
    assert list(runs_table["Run id"]) == [store["good"]]  # the refused run came after the load
    assert list(runs_table["What happened"]) == ["Loaded (shown now)"]
    review = _table(at, "File", "Line")  # rows to review from the load's rejects table
    assert [tuple(r) for r in review[["File", "Line", "Rule id"]].itertuples(index=False)] == [
        QUERY]


def test_load_without_run_records_still_shows_completeness(board_db, monkeypatch):
    """A load built outside ingest (tests/dashboard/conftest.py): no runs, but completeness."""
    at = _page(board_db, monkeypatch)
    assert any("carries no record of the runs" in i.value for i in at.info)
    completeness = _table(at, "File", "Filled (%)")
    row = completeness[(completeness["File"] == "children.csv")
                       & (completeness["Column"] == "expected_birth_month")].iloc[0]
    # conftest's children.csv has 20 rows and no expected_birth_month column: 0 of 20.
    assert (row["Rows"], row["Filled rows"], row["Filled (%)"]) == ("20", "0", "0.0%")


@pytest.mark.parametrize(("command", "result", "expected"), [
    ("ingest", "loaded", "Loaded (replaced since)"),  # not the current load
    ("ingest", "refused", "Refused: nothing loaded"),
    ("ingest", "", "Did not finish"),
    ("validate", "valid", "Checked only: would load"),
    ("validate", "refused", "Checked only: would be refused"),
    ("rollback", "rolled back", "Rolled back to an earlier load"),  # a run of `rollback`
    ("rollback", "", "Rollback did not finish"),
])
def test_outcomes_in_plain_english(command, result, expected):
    from neglect_insight.dashboard.data.quality import outcome

    assert outcome({"run_id": "r1", "command": command, "outcome": result}, "r0") == expected
