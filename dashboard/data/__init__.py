"""The only place the dashboard opens DuckDB: read-only, one cached connection per load.

The `--db` path is a pointer to the current load file (see pipelines.load.database); the
connection is cached per load file, so a new load is picked up on the next rerun and cached
results (keyed by load id) never mix two loads. Readers live in submodules by subject:
`dashboard.data.indicators` (board pages) and `dashboard.data.quality` (QA pages).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import streamlit as st
from neglect_insight.pipelines.load.database import DB_ENV, current_load, default_db_path


@dataclass(frozen=True)
class Load:
    """The load a page is showing: named under every number so it can be traced."""

    run_id: str
    loaded_at: datetime
    extract_date: date
    source: str
    file: Path


def db_path() -> Path:
    return Path(os.environ.get(DB_ENV) or default_db_path())


@st.cache_resource(show_spinner=False)
def _connect(load_file: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(load_file, read_only=True)


def connection() -> duckdb.DuckDBPyConnection | None:
    """A cursor on the current load, or None before the first good load."""
    load_file = current_load(db_path())
    if load_file is None:
        return None
    return _connect(str(load_file)).cursor()


def current() -> Load | None:
    """The current load, or None when nothing has been loaded yet."""
    conn = connection()
    if conn is None:
        return None
    run_id, loaded_at, extract_date, source = conn.execute(
        "select run_id, loaded_at, extract_date, source from load_info"
    ).fetchone()
    return Load(run_id, loaded_at, extract_date, source, current_load(db_path()))
