"""The faster model build (issue 11) makes exactly the tables the plain build made.

`build_models` reads the seeds with their CSV dialect given (not sniffed) and builds the
models in one transaction. The plain build, kept here as the reference, sniffs each seed and
commits every table on its own. Both run on the same staged synthetic delivery; every table of
the load must then hold the same columns, types and rows and have the same `table_hashes`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from neglect_insight.pipelines.load import build, coverage
from neglect_insight.pipelines.load.bank_holidays import create_bank_holidays
from neglect_insight.pipelines.load.build import SEEDS_DIR, build_models, seed_table
from neglect_insight.pipelines.load.field_completeness import field_completeness_sql
from neglect_insight.pipelines.load.staging import stage
from neglect_insight.pipelines.load.table_hashes import table_hashes
from neglect_insight.pipelines.synth import write_delivery

END = date(2025, 3, 31)


def plain_build(conn: duckdb.DuckDBPyConnection) -> None:
    """The build as it was before issue 11: sniffed seeds, one commit per table."""
    for path in sorted(SEEDS_DIR.glob("*.csv")):
        conn.execute(f"create or replace table {seed_table(path.stem)} as select * from "
                     "read_csv(?, all_varchar = true, header = true)", [str(path)])
    create_bank_holidays(conn)
    for path in build._dependency_order(build.sql_files("models")):
        conn.execute(f"create or replace table {path.stem} as\n{path.read_text()}")
    conn.execute(f"create or replace table field_completeness as\n{field_completeness_sql()}")
    build.build_macros(conn, over_models=True)


def staged(folder: Path, delivery: Path) -> duckdb.DuckDBPyConnection:
    conn = duckdb.connect(str(folder / "load.duckdb"))
    stage(conn, delivery)
    conn.execute("create table load_info as select 'speed' as run_id, timestamp '2025-04-01 09:00' "
                 "as loaded_at, ?::date as extract_date, 'synth' as source", [END])
    return conn


@pytest.fixture(scope="module")
def loads(tmp_path_factory):
    """(plain, fast): the same small synthetic delivery, staged twice and built both ways."""
    root = tmp_path_factory.mktemp("speed")
    write_delivery(root / "delivery", scale="small", seed=11, end=END)
    (root / "plain").mkdir()
    (root / "fast").mkdir()
    plain = staged(root / "plain", root / "delivery")
    plain_build(plain)
    fast = staged(root / "fast", root / "delivery")
    build_models(fast)
    yield plain, fast
    plain.close()
    fast.close()


def tables(conn: duckdb.DuckDBPyConnection) -> list[str]:
    return [name for (name,) in conn.execute(
        "select table_name from duckdb_tables() where not temporary order by 1").fetchall()]


def test_the_same_tables_are_built(loads):
    plain, fast = loads
    assert tables(fast) == tables(plain)
    assert {"attendance_terms", "service_events", "published_measures", "field_completeness",
            "dfe_absence_la"} <= set(tables(fast))


def test_every_table_has_the_same_columns_and_rows(loads):
    """Rows are compared sorted: a model made by a window or a grouping (gcp2_history,
    attendance_years) stores its rows in an order that varies from build to build anyway."""
    plain, fast = loads
    for table in tables(plain):
        assert (fast.execute(f'describe "{table}"').fetchall()
                == plain.execute(f'describe "{table}"').fetchall()), table
        rows = plain.execute(f'select * from "{table}" order by all').fetchall()
        assert fast.execute(f'select * from "{table}" order by all').fetchall() == rows, table


def test_the_table_hashes_are_equal(loads):
    plain, fast = loads
    assert table_hashes(fast) == table_hashes(plain)


def test_the_models_are_not_empty(loads):
    _, fast = loads
    for table in ("attendance_terms", "service_events", "cin_episodes", "published_measures"):
        [(count,)] = fast.execute(f"select count(*) from {table}").fetchall()
        assert count > 0, table


def test_seeds_read_with_the_dialect_equal_sniffed_reads():
    with duckdb.connect() as conn:
        for path in sorted(SEEDS_DIR.glob("*.csv")):
            sniffed = conn.execute("select * from read_csv(?, all_varchar = true, header = true)",
                                   [str(path)])
            columns, rows = sniffed.description, sniffed.fetchall()
            given = conn.execute("select * from read_csv(?, all_varchar = true, header = true, "
                                 f"{build.SEED_DIALECT})", [str(path)])
            assert given.description == columns, path.name
            assert given.fetchall() == rows, path.name


def test_a_failing_model_leaves_no_model_table(tmp_path, monkeypatch):
    """The models are one transaction: a failure keeps none of them, and the connection stays
    usable (not stuck in a failed transaction)."""
    write_delivery(tmp_path / "delivery", scale="small", seed=11, end=END, years=1)
    conn = staged(tmp_path, tmp_path / "delivery")
    monkeypatch.setattr(build, "field_completeness_sql", lambda: "select * from no_such_table")
    with pytest.raises(duckdb.CatalogException, match="no_such_table"):
        build_models(conn, seeds=False)
    assert not {"child_profile", "bank_holidays", "attendance_terms"} & set(tables(conn))
    assert conn.execute("select count(*) from stg_children").fetchall()[0][0] > 0
    conn.close()


def test_coverage_finds_the_newest_event_as_the_per_row_query_did(loads):
    """coverage.py works out each distinct (academic_year, term)'s last day once; the per-row
    query it replaced gives the same newest event."""
    _, fast = loads
    per_row = coverage.NEWEST_EVENT_SQL.replace(
        "(select distinct academic_year, term from stg_attendance)", "stg_attendance")
    assert per_row != coverage.NEWEST_EVENT_SQL
    [(newest,)] = fast.execute(per_row).fetchall()
    assert coverage.coverage(fast, END).newest_event == newest
    [(term_end_per_row,)] = fast.execute(
        f"select max({coverage._TERM_END}) from stg_attendance").fetchall()
    [(term_end_distinct,)] = fast.execute(
        f"select max({coverage._TERM_END}) from (select distinct academic_year, term "
        "from stg_attendance)").fetchall()
    assert term_end_distinct == term_end_per_row


def test_coverage_counts_a_summer_term_to_31_july():
    # Hand-made staged rows: the newest dated event is 2025-03-01; attendance for summer
    # 2024/25 counts to 31 July 2025 (autumn 2024/25 to 31 December 2024); a malformed year
    # has no date and is ignored. Newest event: 2025-07-31.
    with duckdb.connect() as conn:
        for view, columns in {
            "stg_early_help": "start_date, end_date",
            "stg_referrals": "referral_date, closure_date",
            "stg_assessments": "start_date, authorised_date",
            "stg_cin_plans": "start_date, end_date",
            "stg_cp_plans": "start_date, end_date",
        }.items():
            first, second = columns.split(", ")
            conn.execute(f"create table {view} as select date '2025-01-10' as {first}, "
                         f"date '2025-03-01' as {second}")
        conn.execute("create table stg_attendance as select * from (values "
                     "('2024/25', 'AUTUMN'), ('2024/25', 'SUMMER'), ('2024/25', 'SUMMER'), "
                     "('24/25', 'SPRING')) as t(academic_year, term)")
        assert coverage.coverage(conn, END).newest_event == date(2025, 7, 31)


def test_a_hand_made_seed_with_windows_line_ends_reads_as_sniffed(tmp_path):
    # Python's csv module ends lines with \r\n; a quoted comma and a doubled quote stay text.
    path = tmp_path / "seed.csv"
    path.write_bytes(b'time_period,la_name,value\r\n202425,"Bristol, City of",c\r\n'
                     b'202324,"The ""Test"" LA",12\r\n')
    with duckdb.connect() as conn:
        given = conn.execute("select * from read_csv(?, all_varchar = true, header = true, "
                             f"{build.SEED_DIALECT})", [str(path)]).fetchall()
        assert given == [("202425", "Bristol, City of", "c"), ("202324", 'The "Test" LA', "12")]
        sniffed = conn.execute("select * from read_csv(?, all_varchar = true, header = true)",
                               [str(path)]).fetchall()
        assert given == sniffed
