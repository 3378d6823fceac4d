"""The last N loads are kept and older ones deleted, never the current one (issue 10, point 7;
`[loads] keep` in pipelines/settings.py)."""

from __future__ import annotations

from datetime import date, datetime

from neglect_insight.pipelines.ingest import ingest_delivery
from neglect_insight.pipelines.load.database import (
    current_load,
    loads_dir,
    new_load_path,
    switch_current,
)
from neglect_insight.pipelines.load.retention import kept_loads, prune_loads
from neglect_insight.pipelines.settings import SETTINGS_ENV
from tests.ingest_runs import EXTRACT_DATE, copy_store, make_load, references


def _names(db):
    return sorted(p.stem for p in loads_dir(db).iterdir())


def test_older_loads_beyond_keep_are_deleted(tmp_path):
    db = tmp_path / "neglect.duckdb"
    for day in range(1, 6):
        switch_current(db, make_load(db, f"run{day}", day))
    assert prune_loads(db, keep=3) == ["run2", "run1"]
    assert _names(db) == ["run3", "run4", "run5"]
    assert prune_loads(db, keep=3) == []


def test_the_current_load_is_never_deleted(tmp_path):
    db = tmp_path / "neglect.duckdb"
    for day in range(1, 5):
        make_load(db, f"run{day}", day)
    switch_current(db, new_load_path(db, "run1"))  # as after a rollback to the oldest
    assert prune_loads(db, keep=2) == ["run2"]
    assert _names(db) == ["run1", "run3", "run4"]
    assert current_load(db) == new_load_path(db, "run1").resolve()


def test_kept_loads_describe_themselves_newest_first(tmp_path):
    db = tmp_path / "neglect.duckdb"
    switch_current(db, make_load(db, "run1", 1))
    make_load(db, "run2", 2)
    new_load_path(db, "run3").write_bytes(b"not a database")
    loads = kept_loads(db)
    assert [(k.run_id, k.is_current, k.complete) for k in loads] == [
        ("run3", False, False), ("run2", False, True), ("run1", True, True)]
    assert loads[1].loaded_at == datetime(2025, 4, 2, 9, 0)
    assert loads[1].extract_date == date(2025, 3, 2)
    assert loads[1].source == "/d2"


def test_an_ingest_deletes_loads_beyond_the_setting(tmp_path, monkeypatch):
    refs = references()
    db = copy_store(refs, tmp_path / "store")
    settings = tmp_path / "neglect-insight.toml"
    settings.write_text("[loads]\nkeep = 1\n")
    monkeypatch.setenv(SETTINGS_ENV, str(settings))
    outcome = ingest_delivery(refs.new_delivery, db, EXTRACT_DATE)
    assert outcome.pruned == [refs.old_id]
    assert _names(db) == [outcome.run.run_id]
    assert current_load(db) == new_load_path(db, outcome.run.run_id).resolve()
