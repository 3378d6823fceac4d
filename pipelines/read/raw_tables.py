"""The raw layer: one text table `raw_<stem>` per extract file, every contract column present
(an absent optional column is empty), extra columns kept, and `_line`, the line of the
canonical CSV each row is on, so every later finding can name file and line.

Delivered CSVs are loaded by `extract_csv.load_raw`; tables converted from official formats
(`official.py`) are loaded here straight from Arrow, their line being the one the row would have
in the canonical CSV (the header is line 1). A converted table also keeps its location columns
(`LOCATION_COLUMNS`): `_source`, the delivered file's name, and `_place`, the row's place in it
in plain English (`line 1234`, `sheet List 6, row 14`), so a finding on the row can name them.
Staging views never select them.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from neglect_insight.pipelines.delivery_types import ExtractRead
from neglect_insight.pipelines.read.extract_files import ExtractFile

LOCATION_COLUMNS = ("_source", "_place")


def raw_table(stem: str) -> str:
    return f"raw_{stem}"


def data_columns(table: pa.Table) -> list[str]:
    """A converted table's columns without its location columns."""
    return [c for c in table.column_names if c not in LOCATION_COLUMNS]


def load_table(conn: duckdb.DuckDBPyConnection, read: ExtractRead, table: pa.Table,
               extract: ExtractFile, name: str | None = None, first_line: int = 2) -> None:
    """Load a converted table (columns checked by `read`) as text into raw_<stem> (or `name`),
    its rows on lines `first_line`, `first_line` + 1, ... and its location columns kept."""
    name = name or raw_table(extract.stem)
    lines = pa.array(range(first_line, table.num_rows + first_line), pa.int64())
    conn.register(f"{name}_arrow", table.append_column("_line", lines))
    try:
        missing = [c for c in extract.column_names if c not in read.columns]
        select = ", ".join(
            [f'"{source}"::varchar as "{column}"'
             for source, column in zip(data_columns(table), read.columns, strict=True)]
            + [f'null::varchar as "{c}"' for c in missing]
            + [f'"{c}"::varchar as "{c}"' if c in table.column_names
               else f'null::varchar as "{c}"' for c in LOCATION_COLUMNS])
        conn.execute(f"create or replace table {name} as select {select}, _line "
                     f"from {name}_arrow order by _line")
    finally:
        conn.unregister(f"{name}_arrow")


def create_empty_raw(conn: duckdb.DuckDBPyConnection, extract: ExtractFile) -> None:
    """An absent optional file loads as an empty table, so every model still builds."""
    cols = ", ".join(f'null::varchar as "{c}"' for c in extract.column_names)
    conn.execute(
        f"create or replace table {raw_table(extract.stem)} as select {cols}, "
        "null::bigint as _line "
        "where false"
    )
