"""pipelines/load/run_history.py: one record per `validate` or `ingest` run, loaded or refused,
written beside the database (run.json, rejects.csv) and copied into every good load as tables."""

from __future__ import annotations

import json
import re

import duckdb

from neglect_insight.pipelines.delivery_types import FileSummary, Finding
from neglect_insight.pipelines.load.database import runs_dir
from neglect_insight.pipelines.load.run_history import (
    FileRecord,
    RunRecord,
    new_run_id,
    read_rejects,
    read_runs,
    store_history,
    summary_record,
    write_run,
)
from neglect_insight.pipelines.validate.rejects import RuleResult

QUERY = Finding("cross.cp_plans_no_overlap", "query", "cp_plans.csv", 3, "start_date",
                "2024-02-15", "Plan p2 starts before plan p1 ends.")
BLOCKING = Finding("children.child_id_unique", "blocking", "children.csv", 5, "child_id", None,
                   "child_id appears twice.")


def record(run_id: str, outcome: str, command: str = "ingest") -> RunRecord:
    return RunRecord(
        run_id=run_id, command=command, started_at=f"{run_id}-start", source="delivery",
        extract_date="2025-03-31", finished_at=f"{run_id}-end", outcome=outcome,
        files=[FileRecord("children.csv", "ab12", 120, 5)],
        rules=[RuleResult("children.child_id_unique", "blocking", "Unique ids.", "children.csv",
                          1 if outcome == "refused" else 0)],
        blocking_rows=1 if outcome == "refused" else 0,
    )


def test_run_ids_are_utc_timestamps_that_sort_in_time_order():
    first = new_run_id()
    assert re.fullmatch(r"20\d{6}T\d{12}Z", first)  # YYYYMMDD T HHMMSS microseconds Z
    assert new_run_id() >= first


def test_a_run_writes_its_record_and_rejects_report(tmp_path):
    db = tmp_path / "neglect.duckdb"
    run = record("20250401T090000000000Z", "refused")
    rejects = write_run(db, run, [QUERY, BLOCKING])
    folder = runs_dir(db) / "20250401T090000000000Z"
    assert rejects == folder / "rejects.csv"
    assert run.rejects_path == str(rejects)
    written = json.loads((folder / "run.json").read_text())
    assert written["outcome"] == "refused" and written["rejects_path"] == str(rejects)
    assert written["files"] == [{"file": "children.csv", "sha256": "ab12", "bytes": 120,
                                 "rows": 5}]
    assert [(r["rule_id"], r["failing_rows"], r["passed"]) for r in written["rules"]] == [
        ("children.child_id_unique", 1, False)]
    assert not (folder / "run.json.tmp").exists()  # written whole, then renamed
    # Blocking rows first, then queries; the value column carries no identifier.
    rows = read_rejects(written)
    assert [(r["rule_id"], r["line"], r["value"]) for r in rows] == [
        ("children.child_id_unique", "5", ""),
        ("cross.cp_plans_no_overlap", "3", "2024-02-15"),
    ]


def test_runs_are_read_newest_first_skipping_one_still_being_written(tmp_path):
    db = tmp_path / "neglect.duckdb"
    assert read_runs(db) == []  # no run yet
    write_run(db, record("20250101T000000000000Z", "loaded"), [])
    write_run(db, record("20250301T000000000000Z", "valid", "validate"), [])
    unfinished = runs_dir(db) / "20250401T000000000000Z"
    unfinished.mkdir()
    (unfinished / "run.json").write_text('{"run_id": "20250401')  # cut off mid-write
    assert [(r["run_id"], r["outcome"]) for r in read_runs(db)] == [
        ("20250301T000000000000Z", "valid"), ("20250101T000000000000Z", "loaded")]


def test_rejects_of_a_run_without_a_report_are_empty(tmp_path):
    assert read_rejects({"rejects_path": None}) == []
    assert read_rejects({"rejects_path": str(tmp_path / "gone.csv")}) == []


def test_a_load_carries_the_history_up_to_itself(tmp_path):
    db = tmp_path / "neglect.duckdb"
    write_run(db, record("20250101T000000000000Z", "refused"), [BLOCKING])
    current = record("20250201T000000000000Z", "loaded")
    write_run(db, current, [QUERY])  # on disk already: stored once, as `current`
    with duckdb.connect() as conn:
        store_history(conn, db, current, [QUERY])
        assert conn.execute("select run_id, outcome, blocking_rows from run_history").fetchall() \
            == [("20250201T000000000000Z", "loaded", 0), ("20250101T000000000000Z", "refused", 1)]
        assert conn.execute("select run_id, failing_rows, passed from run_rules "
                            "order by run_id").fetchall() == [
            ("20250101T000000000000Z", 1, False), ("20250201T000000000000Z", 0, True)]
        assert conn.execute("select count(*) from run_files").fetchall() == [(2,)]  # one each
        # Only this load's findings are its rejects.
        assert conn.execute("select run_id, file, line, rule_id from rejects").fetchall() == [
            ("20250201T000000000000Z", "cp_plans.csv", 3, "cross.cp_plans_no_overlap")]


def test_a_first_clean_load_has_empty_history_tables_of_the_right_shape(tmp_path):
    current = RunRecord("20250101T000000000000Z", "ingest", "s", "delivery", "2025-03-31",
                        outcome="loaded")
    with duckdb.connect() as conn:
        store_history(conn, tmp_path / "neglect.duckdb", current, [])
        assert conn.execute("select count(*) from run_history").fetchall() == [(1,)]
        for table in ("run_rules", "run_files", "rejects"):
            assert conn.execute(f"select count(*) from {table}").fetchall() == [(0,)]
        columns = [c for (c,) in conn.execute("select column_name from duckdb_columns() "
                                              "where table_name = 'rejects'").fetchall()]
        assert columns == ["run_id", "file", "line", "source", "place", "child_id", "rule_id",
                           "severity", "column", "value", "message"]


CONVERTED = Finding("cp_plans.initial_category_code", "blocking", "cp_plans.csv", 4,
                    "initial_category", "XYZ", "Not a category code.",
                    source="cin_census_2025.xml", place="line 84", child_id="CH1001")


def test_a_finding_on_a_converted_row_keeps_its_source_place_and_child(tmp_path):
    db = tmp_path / "neglect.duckdb"
    run = record("20250401T090000000000Z", "refused")
    run.detected = [summary_record(FileSummary("cin.xml", "CIN census XML",
                                               {"children.csv": 3}, "schema year 2024/25"))]
    rejects = read_rejects({"rejects_path": str(write_run(db, run, [CONVERTED, QUERY]))})
    assert [(r["file"], r["line"], r["source"], r["place"], r["child_id"]) for r in rejects] == [
        ("cp_plans.csv", "4", "cin_census_2025.xml", "line 84", "CH1001"),
        ("cp_plans.csv", "3", "", "", "")]  # a CSV row: its file and line say where it is
    detected = read_runs(db)[0]["detected"]
    assert detected == [{"file": "cin.xml", "format": "CIN census XML",
                         "feeds": {"children.csv": 3}, "detail": "schema year 2024/25",
                         "text": "cin.xml: CIN census XML (schema year 2024/25), 3 children → "
                                 "children.csv (3)"}]
    with duckdb.connect() as conn:
        store_history(conn, db, record("20250402T090000000000Z", "loaded"), [CONVERTED])
        assert conn.execute("select file, line, source, place, child_id from rejects"
                            ).fetchall() == [
            ("cp_plans.csv", 4, "cin_census_2025.xml", "line 84", "CH1001")]
