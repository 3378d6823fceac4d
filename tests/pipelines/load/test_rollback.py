"""`neglect-insight rollback [RUN_ID]` makes an earlier kept load current again and records a
run of kind `rollback` (issue 10, point 7)."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.load.database import current_load, new_load_path, switch_current
from neglect_insight.pipelines.load.locks import IngestBusy, ingest_lock
from neglect_insight.pipelines.load.rollback import RollbackRefused, rollback
from neglect_insight.pipelines.load.run_history import read_runs
from tests.ingest_runs import make_load


@pytest.fixture
def db(tmp_path):
    """Three loads, the newest current."""
    db = tmp_path / "neglect.duckdb"
    for day in (1, 2, 3):
        switch_current(db, make_load(db, f"run{day}", day))
    return db


def _current(db):
    return current_load(db).stem


def test_without_a_run_id_the_previous_load_becomes_current(db):
    done = rollback(db)
    assert (done.current.run_id, done.replaced.run_id) == ("run2", "run3")
    assert _current(db) == "run2"
    assert rollback(db).current.run_id == "run1"  # and again, one further back
    with pytest.raises(RollbackRefused, match="no earlier complete load"):
        rollback(db)
    assert _current(db) == "run1"


def test_a_run_id_names_the_load_to_make_current(db):
    rollback(db, "run1")
    assert _current(db) == "run1"
    rollback(db, "run3")  # forward again: any kept load
    assert _current(db) == "run3"


def test_an_unknown_or_current_run_is_refused_and_nothing_changes(db):
    with pytest.raises(RollbackRefused, match="No kept load has run id nope. Kept loads: run3, "
                                              "run2, run1"):
        rollback(db, "nope")
    with pytest.raises(RollbackRefused, match="already the current load"):
        rollback(db, "run3")
    new_load_path(db, "run0").write_bytes(b"broken")
    with pytest.raises(RollbackRefused, match="cannot be opened"):
        rollback(db, "run0")
    assert _current(db) == "run3"


def test_the_rollback_is_recorded_in_the_run_history(db):
    done = rollback(db, "run1")
    (run,) = read_runs(db)
    assert run["run_id"] == done.record.run_id
    assert (run["command"], run["outcome"]) == ("rollback", "rolled back")
    assert run["load_file"] == str(new_load_path(db, "run1").resolve())
    assert (run["extract_date"], run["source"]) == ("2025-03-01", "/d1")


def test_a_rollback_waits_for_no_ingest(db):
    with ingest_lock(db), pytest.raises(IngestBusy):
        rollback(db)
    assert _current(db) == "run3"


def test_the_command_lists_kept_loads_and_rolls_back(db):
    result = CliRunner().invoke(app, ["rollback", "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Kept loads, newest first (* is current):"
    assert re.match(r"\* run3  loaded 03 April 2025 09:00  extract date 03 March 2025", lines[1])
    assert lines[2].startswith("  run2  loaded 02 April 2025")
    assert "ROLLED BACK: run run2 is current again (was run run3)" in result.output
    refused = CliRunner().invoke(app, ["rollback", "nope", "--db", str(db)])
    assert refused.exit_code == 1
    assert "No kept load has run id nope" in refused.output
    assert _current(db) == "run2"
