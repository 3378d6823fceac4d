"""Where loads live and how the current one is chosen.

Each load is written to a new file; `--db PATH` is a symbolic link to the current load, switched
atomically (a new link renamed over the old one). A refused or interrupted load never touches
the current one, and readers (the dashboard opens read-only) never see a half-written file.

    neglect.duckdb                    -> neglect.duckdb.d/loads/<run_id>.duckdb
    neglect.duckdb.d/loads/           one database per successful load
    neglect.duckdb.d/runs/<run_id>/   run.json and rejects.csv for every run, loaded or refused
    neglect.duckdb.d/.loading-<run_id>/  the load being built (removed when it ends or, after a
                                      crash, by the next ingest: see pipelines.load.commit)
    neglect.duckdb.d/ingest.lock      one ingest at a time (pipelines.load.locks)
"""

from __future__ import annotations

import errno
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


def work_dir(db_path: Path, run_id: str) -> Path:
    """Where run `run_id` builds its load before it is complete."""
    return store_dir(db_path) / f".loading-{run_id}"


def new_load_path(db_path: Path, run_id: str) -> Path:
    path = loads_dir(db_path) / f"{run_id}.duckdb"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def switch_link(db_path: Path, pid: int | str) -> Path:
    """The new link a switch makes before renaming it over `db_path`."""
    return db_path.parent / f".{db_path.name}.switch-{pid}"


def switch_current(db_path: Path, load_path: Path) -> None:
    """Point db_path at load_path in one atomic rename."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = switch_link(db_path, os.getpid())
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


class LoadFailed(RuntimeError):
    """A load could not be written (disk full, read-only folder); nothing was switched."""


WRITE_FAILURES = ("No space left", "Disk quota", "Read-only file system", "Permission denied")


def is_write_failure(err: Exception) -> bool:
    """An OSError, or a DuckDB error (it reports them as text) caused by one of them."""
    return isinstance(err, OSError) or any(text in str(err) for text in WRITE_FAILURES)


def write_failure(err: Exception, db_path: Path) -> str:
    """A plain-English message for an error writing a load (an OSError or DuckDB's IOException,
    which carries only text)."""
    text, code = str(err), getattr(err, "errno", None)
    folder = store_dir(db_path)
    if code == errno.ENOSPC or "No space left" in text:
        reason = f"the disk holding {folder} is full. Free some space"
    elif code == errno.EDQUOT or "Disk quota" in text:
        reason = f"the disk quota for {folder} is used up. Free some space"
    elif code in (errno.EROFS, errno.EACCES, errno.EPERM) or "Read-only file system" in text \
            or "Permission denied" in text:
        reason = (f"{getattr(err, 'filename', None) or folder} cannot be written to (the "
                  "folder is read-only or belongs to someone else). Use a folder this account "
                  "may write to")
    else:
        reason = f"writing in {folder} failed ({getattr(err, 'strerror', None) or text}). Fix it"
    return (f"The load could not be written: {reason}, then run the ingest again. Nothing was "
            "switched: the previous load stays current.")
