"""Name where a converted row came from in every finding on it.

Rules report a row by its canonical file and line (`referrals.csv, line 4`); for a row converted
from an official file that line is in no file the LA sent. The raw table keeps each converted
row's delivered file and place (`_source`, `_place`, see `raw_tables.py`), so after validation
each finding on such a row is given them and the row's child id: one join per raw table over
all its findings, not a lookup per finding.

The child id is the LA's own pseudonymous id (LAchildID), never a UPN or a name. Findings of
the identifier rules get no child id: the value they found may be in that very column.
"""

from __future__ import annotations

from dataclasses import replace

import duckdb
import pyarrow as pa

from neglect_insight.pipelines.delivery_types import Finding, StagedDelivery
from neglect_insight.pipelines.read.raw_tables import raw_table

NO_CHILD_ID_RULES = "identifiers."  # rule id prefix


def _columns(conn: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {name for (name,) in conn.execute(
        "select column_name from duckdb_columns() where table_name = ?", [table]).fetchall()}


def locate(conn: duckdb.DuckDBPyConnection, staged: StagedDelivery,
           findings: list[Finding]) -> list[Finding]:
    """`findings`, each one on a converted row given its source, place and child id."""
    stems = {read.file_name: stem for stem, read in staged.reads.items()}
    wanted: dict[str, list[int]] = {}
    for i, f in enumerate(findings):
        if f.source is None and f.line and f.file in stems:
            wanted.setdefault(stems[f.file], []).append(i)
    located = list(findings)
    for stem, indexes in wanted.items():
        table = raw_table(stem)
        columns = _columns(conn, table)
        if "_source" not in columns:
            continue  # a delivered CSV: its file and line are already where the row is
        child = "r.child_id" if "child_id" in columns else "null"
        asked = pa.table({"i": pa.array(indexes, pa.int64()),
                          "line": pa.array([findings[i].line for i in indexes], pa.int64())})
        conn.register("finding_lines", asked)
        try:
            rows = conn.execute(
                f"select f.i, r._source, r._place, {child} from finding_lines as f "
                f"join {table} as r on r._line = f.line where r._source is not null").fetchall()
        finally:
            conn.unregister("finding_lines")
        for i, source, place, child_id in rows:
            if findings[i].rule_id.startswith(NO_CHILD_ID_RULES):
                child_id = None
            located[i] = replace(findings[i], source=source, place=place, child_id=child_id)
    return located
