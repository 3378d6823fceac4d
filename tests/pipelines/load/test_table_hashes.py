"""A content hash per table, recorded in the run history; the same delivery ingested twice
gives the same hash for every table (issue 10, point 7)."""

from __future__ import annotations

import duckdb

from neglect_insight.pipelines.ingest import ingest_delivery
from neglect_insight.pipelines.load.database import connect_read_only
from neglect_insight.pipelines.load.run_history import read_runs
from neglect_insight.pipelines.load.table_hashes import RUN_TABLES, table_hashes
from tests.ingest_runs import EXTRACT_DATE, VALID, copy_store, references


def _db(rows_a, rows_b=()):
    conn = duckdb.connect()
    conn.execute("create table a (id integer, name varchar)")
    conn.executemany("insert into a values (?, ?)", rows_a)
    conn.execute("create table load_info as select 'run 1' as run_id")
    if rows_b:
        conn.execute("create table b (id integer)")
        conn.executemany("insert into b values (?)", rows_b)
    return conn


def test_the_hash_ignores_row_order_and_sees_any_change():
    rows = [(1, "x"), (2, "y"), (2, "y")]
    first = table_hashes(_db(rows))
    assert list(first) == ["a"]  # load_info names the run: left out
    assert table_hashes(_db(list(reversed(rows)))) == first
    assert table_hashes(_db(rows[:2])) != first  # a duplicate row dropped
    assert table_hashes(_db([(1, "x"), (2, "z"), (2, "y")])) != first  # one cell changed
    renamed = duckdb.connect()
    renamed.execute("create table a (id integer, label varchar)")
    renamed.executemany("insert into a values (?, ?)", rows)
    assert table_hashes(renamed) != first  # same values, another column name


def test_the_same_delivery_twice_gives_identical_tables(tmp_path):
    db = copy_store(references(), tmp_path)  # VALID loaded once already
    again = ingest_delivery(VALID, db, EXTRACT_DATE)
    first, second = sorted(read_runs(db), key=lambda r: r["run_id"])
    assert second["run_id"] == again.run.run_id != first["run_id"]
    assert first["table_hashes"] == second["table_hashes"]
    with connect_read_only(db) as conn:
        tables = {t for (t,) in conn.execute("select table_name from duckdb_tables()").fetchall()}
        stored = dict(conn.execute("select table_name, hash from run_tables where run_id = ?",
                                   [again.run.run_id]).fetchall())
    # Every table is hashed except those recording the run itself, each excluded for a reason.
    assert set(first["table_hashes"]) == tables - set(RUN_TABLES)
    assert {"raw_referrals", "cp_plan_history", "published_measures"} <= set(stored)
    assert stored == second["table_hashes"]
