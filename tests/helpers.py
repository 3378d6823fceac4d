"""Build a real DuckDB load from small CSV texts, for SQL and dashboard tests.

`build_load` stages the files and builds every model exactly as `ingest` does, but without the
validation step, so a golden test states only the rows its indicator needs.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import duckdb

from neglect_insight.pipelines.load.build import build_models
from neglect_insight.pipelines.load.staging import stage

CHILDREN_HEADER = "child_id,sex,birth_month,ethnicity,disabled,locality"


def write_delivery(folder: Path, files: dict[str, str]) -> Path:
    """Write {stem: csv text} as <stem>.csv; texts are dedented and stripped."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, text in files.items():
        (folder / f"{stem}.csv").write_text(textwrap.dedent(text).strip() + "\n")
    return folder


def build_load(tmp_path: Path, files: dict[str, str], extract_date: date = date(2025, 3, 31)
               ) -> duckdb.DuckDBPyConnection:
    """A database file holding the staged files and every model; returns an open connection."""
    folder = write_delivery(tmp_path / "delivery", files)
    return load_delivery(folder, tmp_path / "load.duckdb", extract_date)


def load_delivery(folder: Path, db: Path, extract_date: date = date(2025, 3, 31)
                  ) -> duckdb.DuckDBPyConnection:
    """`build_load` for a delivery folder already written (a synthetic one, say)."""
    conn = duckdb.connect(str(db))
    staged = stage(conn, folder)
    assert not [f for f in staged.findings if f.severity == "blocking"], staged.findings
    conn.execute("create or replace table load_info as select 'test' as run_id, "
                 "now()::timestamp as loaded_at, ?::date as extract_date, 'test' as source",
                 [extract_date])
    build_models(conn, seeds=False)  # the published DfE tables are tested once, in ingest
    return conn


def triples(values: dict) -> dict:
    """{indicator id: (numerator, denominator, value)}, the form golden tests write answers in."""
    return {i: (v.numerator, v.denominator, v.value) for i, v in values.items()}
