"""The loads kept for rollback, and pruning the older ones (issue 10, point 7).

`[loads] keep` (default 8, pipelines.settings) loads are kept in `<db>.d/loads/`; after each
successful switch the older ones are deleted, never the current one (which, after a rollback,
may be an old one). Run ids sort by time, so "newest" is the largest run id. A dashboard
session still reading a deleted file keeps its open copy until it reruns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

from neglect_insight.pipelines.load.database import current_load, loads_dir


@dataclass(frozen=True)
class KeptLoad:
    """A load file kept in `loads/`, as its own `load_info` describes it."""

    run_id: str
    path: Path
    is_current: bool
    loaded_at: datetime | None = None
    extract_date: date | None = None
    source: str = ""

    @property
    def complete(self) -> bool:
        """It opens and names itself: only such a load may be made current."""
        return self.loaded_at is not None


def _load_files(db_path: Path) -> list[Path]:
    """Load files, newest first."""
    folder = loads_dir(db_path)
    return sorted(folder.glob("*.duckdb"), reverse=True) if folder.is_dir() else []


def kept_loads(db_path: Path) -> list[KeptLoad]:
    """Every kept load, newest first; one that cannot be opened is listed as incomplete."""
    current = current_load(db_path)
    return [_describe(path, path.resolve() == current) for path in _load_files(db_path)]


def _describe(path: Path, is_current: bool) -> KeptLoad:
    try:
        with duckdb.connect(str(path), read_only=True) as conn:
            [(run_id, loaded_at, extract_date, source)] = conn.execute(
                "select run_id, loaded_at, extract_date, source from load_info").fetchall()
    except (duckdb.Error, ValueError):
        return KeptLoad(path.stem, path, is_current)
    return KeptLoad(run_id, path, is_current, loaded_at, extract_date, source)


def prune_loads(db_path: Path, keep: int) -> list[str]:
    """Delete all but the `keep` newest loads, never the current one; return the run ids
    deleted."""
    current = current_load(db_path)
    deleted = []
    for path in _load_files(db_path)[keep:]:
        if path.resolve() != current:
            path.unlink(missing_ok=True)
            deleted.append(path.stem)
    return deleted
