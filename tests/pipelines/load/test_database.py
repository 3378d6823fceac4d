"""The current-load pointer switches atomically and readers see whole loads only."""

import duckdb
import pytest

from neglect_insight.pipelines.load.database import (
    connect_read_only,
    current_load,
    new_load_path,
    switch_current,
)


def _make_load(db_path, run_id, value):
    path = new_load_path(db_path, run_id)
    with duckdb.connect(str(path)) as conn:
        conn.execute("create table marker as select ? as value", [value])
    return path


def test_no_load_yet(tmp_path):
    db = tmp_path / "neglect.duckdb"
    assert current_load(db) is None
    with pytest.raises(FileNotFoundError, match="No data has been loaded"):
        connect_read_only(db)


def test_switch_points_readers_at_the_new_load(tmp_path):
    db = tmp_path / "neglect.duckdb"
    first = _make_load(db, "run1", "first")
    switch_current(db, first)
    with connect_read_only(db) as conn:
        assert conn.execute("select value from marker").fetchone() == ("first",)
    second = _make_load(db, "run2", "second")
    switch_current(db, second)
    assert current_load(db) == second.resolve()
    with connect_read_only(db) as conn:
        assert conn.execute("select value from marker").fetchone() == ("second",)
    # The earlier load is kept, and the pointer is a relative link (the folder can move).
    assert first.exists()
    assert not db.readlink().is_absolute()


def test_a_reader_open_during_a_switch_keeps_its_load(tmp_path):
    db = tmp_path / "neglect.duckdb"
    switch_current(db, _make_load(db, "run1", "first"))
    reader = connect_read_only(db)
    switch_current(db, _make_load(db, "run2", "second"))
    assert reader.execute("select value from marker").fetchone() == ("first",)
    reader.close()
