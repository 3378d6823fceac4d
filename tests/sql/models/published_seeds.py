"""Tiny hand-made seed sets for the `published_*` model tests: each file keeps the shipped
file's header, with only the rows a test writes (columns not given are empty)."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from neglect_insight.pipelines.load import build

NATIONAL = {"geographic_level": "National", "country_code": "E92000001", "country_name": "England"}
REGIONAL = NATIONAL | {"geographic_level": "Regional", "region_code": "E12000001",
                       "region_name": "North East"}
LOCAL = REGIONAL | {"geographic_level": "Local authority", "old_la_code": "841",
                    "new_la_code": "E06000005", "la_name": "Darlington"}


def published(tmp_path: Path, model: str, rows: dict[str, list[dict | list]]
              ) -> duckdb.DuckDBPyConnection:
    """A connection holding every seed table (only `rows` in each: {file stem: [row]}, a row
    being {column: value} or every value in order) and `model` built from them, as
    `build_models` builds it."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in sorted(build.SEEDS_DIR.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as f:
            header = next(csv.reader(f))
        with (folder / path.name).open("w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            for row in rows.get(path.stem, []):
                writer.writerow(row if isinstance(row, list)
                                else [row.get(column, "") for column in header])
    conn = duckdb.connect()
    original, build.SEEDS_DIR = build.SEEDS_DIR, folder
    try:
        build.build_seeds(conn)
    finally:
        build.SEEDS_DIR = original
    sql = (build.SQL_ROOT / "models" / f"{model}.sql").read_text()
    conn.execute(f"create table {model} as\n{sql}")
    return conn
