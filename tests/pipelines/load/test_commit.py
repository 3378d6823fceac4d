"""Switching to a new load in steps a crash cannot spoil, and cleaning up after a crash at
each step (pipelines/load/commit.py; issue 10, point 6). The real kills are in
tests/pipelines/test_ingest_faults.py; here each leftover is made by hand."""

from __future__ import annotations

import errno
import json
import os

import duckdb
import pytest

from neglect_insight.pipelines.load import commit
from neglect_insight.pipelines.load.commit import SWITCHING, clean_leftovers, commit_load
from neglect_insight.pipelines.load.database import (
    current_load,
    loads_dir,
    new_load_path,
    runs_dir,
    store_dir,
    switch_current,
    switch_link,
    work_dir,
)
from neglect_insight.pipelines.load.locks import ingest_lock
from neglect_insight.pipelines.load.run_history import RunRecord


def _load(db, run_id):
    path = new_load_path(db, run_id)
    with duckdb.connect(str(path)) as conn:
        conn.execute("create table load_info as select ? as run_id", [run_id])
    return path


def _built(db, run_id):
    """A load built in its work folder, as ingest leaves it before commit_load."""
    folder = work_dir(db, run_id)
    folder.mkdir(parents=True)
    with duckdb.connect(str(folder / "load.duckdb")) as conn:
        conn.execute("create table load_info as select ? as run_id", [run_id])
    return folder / "load.duckdb"


def _record(run_id):
    return RunRecord(run_id, "ingest", "2025-04-01T09:00:00+00:00", "/delivery", "2025-03-31",
                     outcome="loaded")


def _clean(db):
    with ingest_lock(db) as lock:
        return clean_leftovers(db, lock)


@pytest.fixture
def db(tmp_path):
    db = tmp_path / "neglect.duckdb"
    switch_current(db, _load(db, "run1"))
    return db


def test_commit_switches_and_leaves_nothing_behind(db):
    work_file = _built(db, "run2")
    commit_load(db, work_file, _record("run2"), [])
    assert current_load(db) == (loads_dir(db) / "run2.duckdb").resolve()
    assert json.loads((runs_dir(db) / "run2" / "run.json").read_text())["outcome"] == "loaded"
    assert not (runs_dir(db) / "run2" / SWITCHING).exists()
    work_file.parent.rmdir()  # ingest removes its (now empty) work folder
    assert _clean(db) == []


def test_a_write_error_before_the_switch_is_undone(db, monkeypatch):
    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(commit, "switch_current", full)
    with pytest.raises(OSError):
        commit_load(db, _built(db, "run2"), _record("run2"), [])
    assert current_load(db) == (loads_dir(db) / "run1.duckdb").resolve()
    assert sorted(p.name for p in loads_dir(db).iterdir()) == ["run1.duckdb"]
    assert not (runs_dir(db) / "run2").exists()


def test_a_run_stopped_before_its_switch_is_removed(db):
    # As if killed at before:switch: record and load in place, the mark still there.
    (runs_dir(db) / "run2").mkdir(parents=True)
    (runs_dir(db) / "run2" / SWITCHING).write_text("run2.duckdb\n")
    (runs_dir(db) / "run2" / "run.json").write_text("{}")
    _load(db, "run2")
    work_dir(db, "run2").mkdir()  # emptied by the move into loads/
    assert _clean(db) == ["Removed run run2: its ingest stopped before switching to its load, "
                          "so the previous load stayed current."]
    assert sorted(p.name for p in loads_dir(db).iterdir()) == ["run1.duckdb"]
    assert not (runs_dir(db) / "run2").exists()


def test_a_run_stopped_after_its_switch_is_kept(db):
    # As if killed at after:switch: the new load is current, only the mark is left.
    (runs_dir(db) / "run2").mkdir(parents=True)
    (runs_dir(db) / "run2" / SWITCHING).write_text("run2.duckdb\n")
    switch_current(db, _load(db, "run2"))
    work_dir(db, "run2").mkdir()
    assert _clean(db) == ["Run run2 had become current when its ingest stopped; its record is "
                          "complete."]
    assert current_load(db) == (loads_dir(db) / "run2.duckdb").resolve()
    assert not (runs_dir(db) / "run2" / SWITCHING).exists()
    assert not work_dir(db, "run2").exists()


def test_half_built_loads_switch_links_and_old_temp_records_are_removed(db):
    work_dir(db, "run3").mkdir(parents=True)
    (work_dir(db, "run3") / "load.duckdb").write_bytes(b"half")
    os.symlink("anything", switch_link(db, 4242))
    (runs_dir(db) / "run4").mkdir(parents=True)
    temp = runs_dir(db) / "run4" / "run.json.tmp"
    temp.write_text("{")
    os.utime(temp, (0, 0))
    assert _clean(db) == [
        "Removed the half-built load of run run3 (its ingest stopped before the load was "
        "complete).",
        f"Removed {switch_link(db, 4242).name}, a pointer switch that never finished.",
        "Removed the half-written record of run run4.",
    ]
    assert not list(store_dir(db).glob(".loading-*"))
    assert not switch_link(db, 4242).is_symlink()
    assert not temp.exists()
    assert current_load(db) == (loads_dir(db) / "run1.duckdb").resolve()
