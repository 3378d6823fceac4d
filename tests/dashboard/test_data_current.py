"""dashboard/data/__init__.py: the `current` pointer is read once, so a load's id and its
numbers always come from the same file, even when a new load switches the pointer mid-run."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from neglect_insight.dashboard import data
from neglect_insight.dashboard.data import completeness, quality
from neglect_insight.pipelines.load.database import DB_ENV, current_load, switch_current


def _load_file(path: Path, run_id: str, referrals: int) -> Path:
    """A load file with its load_info row and one number to tell it by."""
    with duckdb.connect(str(path)) as conn:
        conn.execute("create table load_info (run_id varchar, loaded_at timestamp, "
                     "extract_date date, source varchar)")
        conn.execute("insert into load_info values (?, ?, ?, 'test')",
                     [run_id, datetime(2025, 4, 1, 9), date(2025, 3, 31)])
        conn.execute("create table numbers as select ? as referrals", [referrals])
    return path


@pytest.fixture
def two_loads(tmp_path, monkeypatch):
    """Load A (12 referrals) is current; load B (40) is ready to switch to."""
    a = _load_file(tmp_path / "a.duckdb", "run-a", 12)
    b = _load_file(tmp_path / "b.duckdb", "run-b", 40)
    pointer = tmp_path / "neglect.duckdb"
    switch_current(pointer, a)
    monkeypatch.setenv(DB_ENV, str(pointer))
    yield pointer, a, b
    data._connect.clear()  # close the cached connections to the temporary files


def test_a_switch_after_the_pointer_is_read_does_not_mix_two_loads(two_loads, monkeypatch):
    pointer, a, b = two_loads
    reads = []

    def read_then_switch(db_path: Path) -> Path:
        """Read the pointer (load A), then let a new load switch it to B straight away."""
        reads.append(db_path)
        resolved = db_path.resolve()
        switch_current(pointer, b)
        return resolved

    monkeypatch.setattr(data, "current_load", read_then_switch)
    load = data.current()
    assert len(reads) == 1  # the pointer is read once per call
    assert (load.run_id, load.file) == ("run-a", a)
    # The numbers shown under load A's id come from load A's file, not the new current one.
    assert data.cursor(load).execute("select referrals from numbers").fetchone() == (12,)
    assert pointer.resolve() == b  # the switch did happen
    # The next run of the page sees load B, its id and its numbers together.
    monkeypatch.setattr(data, "current_load", current_load)
    load = data.current()
    assert load.run_id == "run-b"
    assert data.cursor(load).execute("select referrals from numbers").fetchone() == (40,)


def test_quality_readers_use_the_load_they_are_given(two_loads):
    pointer, a, b = two_loads
    load = quality.current_load()
    switch_current(pointer, b)  # a new load arrives while the page is drawn
    assert quality.load_caption(load).endswith("(run run-a)")
    assert completeness.field_completeness(load) is None  # load A has no completeness table
    assert quality.load_caption(None) == "nothing loaded yet"


def test_nothing_loaded_yet(tmp_path, monkeypatch):
    monkeypatch.setenv(DB_ENV, str(tmp_path / "neglect.duckdb"))
    assert data.current() is None
