"""A content hash per table of a load, recorded in its run (issue 10, point 7: idempotence).

Ingesting the same delivery twice must give the same tables: the hashes in the two runs'
records (`run.json` `table_hashes`, table `run_tables`) are then equal. A table's hash covers
its column names and types, its row count and the sum of DuckDB's `hash()` of each row: one
cheap pass (a fraction of a second at LA scale, where an MD5 of every row's text took seconds),
independent of the order rows are stored in. DuckDB's `hash()` may change between DuckDB
versions, so compare hashes of loads made by the same installation.

Tables that record the run itself differ from run to run by design and are left out:
RUN_TABLES says why for each.
"""

from __future__ import annotations

import hashlib

import duckdb

RUN_TABLES = {
    "load_info": "names this run: its id and the time it was loaded",
    "run_history": "every run so far, so it grows with each run",
    "run_rules": "every run's rule results, keyed by run id",
    "run_files": "every run's files, keyed by run id",
    "run_tables": "every run's table hashes, keyed by run id",
    "rejects": "this run's findings, keyed by its run id",
}


def table_hashes(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """{table: sha256 hex} for every table of the load but the RUN_TABLES."""
    tables = [name for (name,) in conn.execute(
        "select table_name from duckdb_tables() where schema_name = 'main' and not temporary "
        "order by table_name").fetchall() if name not in RUN_TABLES]
    return {name: _table_hash(conn, name) for name in tables}


def _table_hash(conn: duckdb.DuckDBPyConnection, table: str) -> str:
    columns = conn.execute(f'describe "{table}"').fetchall()
    [(rows, total)] = conn.execute(
        f'select count(*), sum(hash(row_value)::hugeint) '
        f'from "{table}" as row_value').fetchall()
    shape = ";".join(f"{name} {kind}" for name, kind, *_ in columns)
    return hashlib.sha256(f"{shape}|{rows}|{total}".encode()).hexdigest()
