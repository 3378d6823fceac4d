"""Readers and the one writer for commentary on the pages: the store beside the dashboard's
loads (`pipelines.commentary`, `commentary.sqlite` in `store_dir(db_path())`).

Read afresh on every run (no cache): a QA user's save must show at once, in their session and
in every other. Saving is for QA users and administrators: `save` checks the role again on the
server, whatever the page drew.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from neglect_insight.dashboard.data import db_path
from neglect_insight.dashboard.data.access import Viewer
from neglect_insight.pipelines import commentary
from neglect_insight.pipelines.commentary import MAX_TEXT, Commentary
from neglect_insight.pipelines.load.database import store_dir

__all__ = ["MAX_TEXT", "SIGN_IN_OFF_AUTHOR", "Commentary", "history", "latest", "may_write",
           "save"]
SIGN_IN_OFF_AUTHOR = "Unnamed user (sign-in is off)"  # who wrote it when nobody signs in


def store() -> Path:
    """The dashboard's store folder (beside the load files)."""
    return store_dir(db_path())


def latest(period_end: date, indicator_ids: Iterable[str]) -> dict[str, Commentary]:
    """The newest commentary on each of `indicator_ids` for the quarter ending `period_end`."""
    return commentary.latest(store(), period_end, indicator_ids)


def history(indicator_id: str, period_end: date) -> list[Commentary]:
    """Every version for the quarter, newest first."""
    return commentary.history(store(), indicator_id, period_end)


def may_write(person: Viewer) -> bool:
    """QA users and administrators write commentary; board members read it."""
    return person.may("qa")


def save(person: Viewer, indicator_id: str, period_end: date, text: str) -> Commentary:
    """Save a new version as `person` (recorded in the audit log by `pipelines.commentary`).
    PermissionError below QA; ValueError for text that cannot be saved (its message says why);
    OSError when the store cannot be written (nothing is saved)."""
    if not may_write(person):
        raise PermissionError("Only QA users and administrators can write commentary.")
    return commentary.write(store(), indicator_id, period_end, text,
                            person.name or SIGN_IN_OFF_AUTHOR, person.role)
