"""Where loads live and how the current one is chosen.

Each load is written to a new file; `--db PATH` is a symbolic link to the current load, switched
atomically (a new link renamed over the old one). A refused or interrupted load never touches
the current one, and readers (the dashboard opens read-only) never see a half-written file.

    neglect.duckdb                    -> neglect.duckdb.d/loads/<run_id>.duckdb
    neglect.duckdb.d/loads/           one database per successful load
    neglect.duckdb.d/runs/<run_id>/   run.json and rejects.csv for every run, loaded or refused
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

DB_ENV = "NEGLECT_INSIGHT_DB"
DEFAULT_DB = "neglect.duckdb"


def default_db_path() -> Path:
    return Path(os.environ.get(DB_ENV, DEFAULT_DB))


def store_dir(db_path: Path) -> Path:
    return db_path.parent / f"{db_path.name}.d"


def loads_dir(db_path: Path) -> Path:
    return store_dir(db_path) / "loads"


def runs_dir(db_path: Path) -> Path:
    return store_dir(db_path) / "runs"


def new_load_path(db_path: Path, run_id: str) -> Path:
    path = loads_dir(db_path) / f"{run_id}.duckdb"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def switch_current(db_path: Path, load_path: Path) -> None:
    """Point db_path at load_path in one atomic rename."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.parent / f".{db_path.name}.switch-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(load_path.resolve(), db_path.parent.resolve()), tmp)
    os.replace(tmp, db_path)


def current_load(db_path: Path) -> Path | None:
    """The load file the pointer names, or None before the first good load."""
    if not db_path.exists():
        return None
    return db_path.resolve()


def connect_read_only(db_path: Path) -> duckdb.DuckDBPyConnection:
    if current_load(db_path) is None:
        raise FileNotFoundError(
            f"No data has been loaded at {db_path} yet. Run 'neglect-insight ingest DIR' first."
        )
    return duckdb.connect(str(db_path), read_only=True)
