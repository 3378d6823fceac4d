"""Reader for the Audit log page (admins): the events `pipelines.audit` appended to the store's
`audit.log`, newest first, in plain English.

Read afresh on every run (no cache): the log grows while the page is open and must never show
one admin what another session cached.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from neglect_insight.dashboard.data import db_path
from neglect_insight.pipelines import audit
from neglect_insight.pipelines.load.database import store_dir

COLUMNS = ["Time (UTC)", "User", "Role", "Action", "Details"]
ACTION_LABELS = {
    "sign_in": "Signed in",
    "sign_in_failed": "Sign-in failed",
    "sign_out": "Signed out",
    "rows_viewed": "Viewed rows behind a number",
    "rows_downloaded": "Downloaded rows",
    "review_viewed": "Viewed rows to review",
    "access_refused": "Refused a page",
    "commentary_edited": "Edited commentary",
    "load": "Loaded a delivery",
    "refusal": "Delivery refused",
    "rollback": "Rolled back to an earlier load",
    audit.UNREADABLE: "Line that cannot be read",
}


def log_file() -> Path:
    """The audit log of the dashboard's store (beside the load files)."""
    return audit.log_path(store_dir(db_path()))


def events(since: date | None = None, actions: list[str] | None = None) -> pd.DataFrame:
    """Events on or after `since` (UTC), newest first; only `actions` (keys of ACTION_LABELS)
    when given. Lines that cannot be read are always kept, so nothing is hidden."""
    rows = [
        [f"{e.time:%Y-%m-%d %H:%M:%S}" if e.time else "", e.user or "", e.role or "",
         ACTION_LABELS[e.action], audit.details_text(e.details)]
        for e in reversed(audit.read(store_dir(db_path()), since))
        if not actions or e.action in actions or e.action == audit.UNREADABLE
    ]
    return pd.DataFrame(rows, columns=COLUMNS, dtype=str)
