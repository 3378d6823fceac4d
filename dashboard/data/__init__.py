"""The only place the dashboard opens DuckDB: read-only, one cached connection per load.

The `--db` path is a pointer to the current load file (see pipelines.load.database). A page
resolves it once per run, with `current()`, and passes the `Load` to every reader; readers open
`cursor(load)`, the file that load's id was read from. So a new load switching the pointer
mid-run cannot put one load's numbers under another's id; it is picked up on the next rerun.
Connections are cached per load file, and cached results keyed by load never mix two loads.
Readers live in submodules by subject: `dashboard.data.indicators` (board pages),
`dashboard.data.quality` (QA pages) and `dashboard.data.rows_behind` (QA users only).
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


def cursor(load: Load) -> duckdb.DuckDBPyConnection:
    """A cursor on `load`'s file: the file its id and details were read from."""
    return _connect(str(load.file)).cursor()


def current() -> Load | None:
    """The current load, or None when nothing has been loaded yet. The pointer is read once:
    the Load's file is the file the connection was opened on."""
    load_file = current_load(db_path())
    if load_file is None:
        return None
    run_id, loaded_at, extract_date, source = _connect(str(load_file)).cursor().execute(
        "select run_id, loaded_at, extract_date, source from load_info"
    ).fetchone()
    return Load(run_id, loaded_at, extract_date, source, load_file)
