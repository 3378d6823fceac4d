"""Reader for the Data quality page's "What changed since the previous load": the comparison
`neglect-insight ingest` wrote beside the current load's run record
(`runs/<run_id>/changes.json`, made by `pipelines.indicators.changes`).

Values are the raw figures the analyst's `indicators` command gives (the page is for the QA
sub-group, who already see the rows to review); counts of children only, never an id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from neglect_insight.dashboard.data import Load, db_path
from neglect_insight.pipelines.calendar import format_date
from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.indicators.changes import changes_path, read_changes
from neglect_insight.pipelines.present.numbers import change, number
from neglect_insight.pipelines.present.states import NO_FIGURE

FILE_COLUMNS = ["File", "Rows before", "Rows now", "Change"]
VALUE_COLUMNS = ["Indicator", "Period", "Before", "Now", "Change"]


@dataclass(frozen=True)
class LoadChanges:
    """What the page shows: a sentence, and the two tables (empty when there is nothing)."""

    caption: str
    files: pd.DataFrame
    values: pd.DataFrame
    compared: bool  # False: first load, or a load made before comparisons were written


@st.cache_data(show_spinner=False)
def _read(path: str, run_id: str, mtime: float) -> dict | None:
    """The comparison, cached by its file and that file's time (a new ingest rewrites it)."""
    return read_changes(db_path(), run_id)


def load_changes(load: Load | None) -> LoadChanges:
    """The current load against the load that was current before it."""
    empty_files, empty_values = pd.DataFrame(columns=FILE_COLUMNS), pd.DataFrame(
        columns=VALUE_COLUMNS)
    path = None if load is None else changes_path(db_path(), load.run_id)
    found = None if path is None or not path.exists() else _read(
        str(path), load.run_id, path.stat().st_mtime)
    if found is None:
        return LoadChanges(
            "No comparison for this load: it is the first load, or it was made without "
            "`neglect-insight ingest` comparing it with the load before.", empty_files,
            empty_values, False)
    values = moved_values(found)
    caption = (
        f"Compared with run {found.get('previous_run_id') or 'unknown'}: "
        f"{found['children_new']:,} {_children(found['children_new'])} new, "
        f"{found['children_gone']:,} gone; {len(values):,} "
        f"{'value' if len(values) == 1 else 'values'} moved, over the 12 months to each of the "
        f"{len(found['quarter_ends']):,} quarter ends both loads cover. Largest moves first.")
    return LoadChanges(caption, changed_files(found), values, True)


def _children(n: int) -> str:
    return "child" if n == 1 else "children"


def changed_files(found: dict) -> pd.DataFrame:
    """Rows per extract file, before and now, for the files whose count changed."""
    rows = [(f["file"], _count(f["old"]), _count(f["new"]),
             f"{(f['new'] or 0) - (f['old'] or 0):+,}")
            for f in found["files"] if f["old"] != f["new"]]
    return pd.DataFrame(rows, columns=FILE_COLUMNS)


def _count(n: int | None) -> str:
    return "not in the load" if n is None else f"{n:,}"


def moved_values(found: dict) -> pd.DataFrame:
    """Every indicator value that moved: label, period, before, now and the change."""
    known = catalogue()
    rows = []
    for moved in found["moved"]:
        indicator = known.get(moved["indicator_id"])
        unit = indicator.unit if indicator else "count"
        old, new = moved["old"], moved["new"]
        rows.append((
            indicator.label if indicator else moved["label"],
            f"12 months to {format_date(date.fromisoformat(moved['period_end']))}",
            NO_FIGURE if old is None else number(old, unit),
            NO_FIGURE if new is None else number(new, unit),
            NO_FIGURE if old is None or new is None else change(new - old, unit)))
    return pd.DataFrame(rows, columns=VALUE_COLUMNS)
