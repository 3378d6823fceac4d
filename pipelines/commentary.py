"""Commentary: what a QA user writes about an indicator for a quarter, beside the automatic
reading, on its page and in the board pack (issue 9, point 5).

Kept in its own SQLite file, `commentary.sqlite`, in the store folder (`store_dir(db_path)`,
beside the load files, never inside one), so a new load, a rollback or a retention sweep never
touches it. Every save appends a new version; nothing is ever overwritten or deleted, so who
wrote what, and when, stays on record:

    commentary(indicator_id, period_end, version, text, author, written_at)
    one row per version; (indicator_id, period_end, version) is unique; version counts from 1

Commentary belongs to a quarter: `period_end` is a quarter end (31 March, 30 June,
30 September, 31 December). Each save also appends a `commentary_edited` event to the audit
log naming the indicator, quarter and version (never the text).

Several processes share the file (the dashboard's sessions read while one of them writes, the
`report` command reads): each call opens its own connection with a busy timeout, and a write
takes the write lock before it reads the last version, so two saves at once get versions n and
n + 1. Reading never creates the file: no file means no commentary. This module sits in the
foundation layer (standard library only) so the dashboard and the pack can both use it.
"""

from __future__ import annotations

import calendar
import os
import re
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from neglect_insight.pipelines import audit

FILE_NAME = "commentary.sqlite"
MAX_TEXT = 2000
MAX_AUTHOR = 100
BUSY_SECONDS = 10.0  # how long a reader or writer waits for another process's lock
FILE_MODE = 0o640
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,79}")
QUARTER_END_MONTHS = (3, 6, 9, 12)
SCHEMA = """
create table if not exists commentary (
    indicator_id text not null,
    period_end text not null,
    version integer not null,
    text text not null,
    author text not null,
    written_at text not null,
    primary key (indicator_id, period_end, version)
)
"""
COLUMNS = "indicator_id, period_end, version, text, author, written_at"


@dataclass(frozen=True)
class Commentary:
    """One version of the commentary on an indicator for the quarter ending `period_end`."""

    indicator_id: str
    period_end: date
    text: str
    author: str
    written_at: datetime  # UTC
    version: int


def store_path(store: Path) -> Path:
    """The commentary file of the store folder `store` (`store_dir(db_path)`)."""
    return Path(store) / FILE_NAME


def _is_quarter_end(day: date) -> bool:
    return day.month in QUARTER_END_MONTHS and \
        day.day == calendar.monthrange(day.year, day.month)[1]


def _check_quarter(period_end: date) -> None:
    if not isinstance(period_end, date) or isinstance(period_end, datetime) or \
            not _is_quarter_end(period_end):
        raise ValueError("Commentary is written for a quarter: the period end must be the last "
                         f"day of March, June, September or December, not {period_end}.")


def _check_id(indicator_id: str) -> None:
    if not isinstance(indicator_id, str) or not ID_PATTERN.fullmatch(indicator_id):
        raise ValueError(f"{indicator_id!r} is not an indicator id.")


def _checked_text(text: str) -> str:
    if not isinstance(text, str):
        raise ValueError("The commentary must be text.")
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ValueError("The commentary is empty: write at least one character.")
    if len(text) > MAX_TEXT:
        raise ValueError(f"The commentary is {len(text):,} characters long; it can be at most "
                         f"{MAX_TEXT:,}. Shorten it and save again.")
    return text


def _checked_author(author: str) -> str:
    author = author.strip() if isinstance(author, str) else ""
    if not author or len(author) > MAX_AUTHOR:
        raise ValueError(f"The commentary needs its author's name (1 to {MAX_AUTHOR} "
                         "characters).")
    return author


def _connect(path: Path, must_exist: bool) -> sqlite3.Connection:
    if must_exist:  # "rw": never creates the file; can still undo a crashed writer's journal
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True,
                               timeout=BUSY_SECONDS)
    return sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)


def _commentary(row: tuple) -> Commentary:
    indicator_id, period_end, version, text, author, written_at = row
    return Commentary(indicator_id, date.fromisoformat(period_end), text, author,
                      datetime.fromisoformat(written_at), version)


def _create(path: Path) -> None:
    """Make the file with owner and group access only (user names are in it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        pass


def write(store: Path, indicator_id: str, period_end: date, text: str, author: str,
          role: str | None = None) -> Commentary:
    """Save `text` as the newest version of the commentary on `indicator_id` for the quarter
    ending `period_end`, by `author` (their user name), and record a `commentary_edited` audit
    event (as `author` in `role`) naming the indicator, quarter and version.

    Raises ValueError, in plain words, for empty text or text longer than MAX_TEXT characters
    (after stripping spaces at either end), a period end that is not a quarter end, or no
    author; OSError when the file or the audit log cannot be written, in which case nothing is
    saved (a version is kept only with its audit event)."""
    _check_id(indicator_id)
    _check_quarter(period_end)
    text, author = _checked_text(text), _checked_author(author)
    path = store_path(store)
    try:
        _create(path)
        with closing(_connect(path, must_exist=False)) as conn:
            conn.execute(SCHEMA)
            conn.execute("begin immediate")  # the write lock, before reading the last version
            try:
                (last,) = conn.execute(
                    "select coalesce(max(version), 0) from commentary "
                    "where indicator_id = ? and period_end = ?",
                    [indicator_id, period_end.isoformat()]).fetchone()
                saved = Commentary(indicator_id, period_end, text, author,
                                   datetime.now(UTC).replace(microsecond=0), last + 1)
                conn.execute(f"insert into commentary ({COLUMNS}) values (?, ?, ?, ?, ?, ?)",
                             [indicator_id, period_end.isoformat(), saved.version, text,
                              author, saved.written_at.isoformat()])
                audit.record(store, "commentary_edited", author, role, indicator=indicator_id,
                             period_end=period_end, version=saved.version)
                conn.execute("commit")
            except BaseException:
                conn.execute("rollback")
                raise
    except sqlite3.Error as err:
        raise OSError(f"The commentary could not be saved in {path.name}: {err}.") from err
    return saved


def _read(store: Path, where: str, parameters: list, order: str) -> list[Commentary]:
    path = store_path(store)
    if not path.exists():
        return []
    try:
        with closing(_connect(path, must_exist=True)) as conn:
            if conn.execute("select count(*) from sqlite_master where name = 'commentary'"
                            ).fetchone()[0] == 0:
                return []  # created by a save that failed before its first row
            rows = conn.execute(f"select {COLUMNS} from commentary where {where} order by "
                                f"{order}", parameters).fetchall()
    except sqlite3.Error as err:
        raise OSError(f"The commentary in {path.name} could not be read: {err}.") from err
    return [_commentary(row) for row in rows]


def latest(store: Path, period_end: date,
           indicator_ids: Iterable[str] | None = None) -> dict[str, Commentary]:
    """The newest version of the commentary on each indicator for the quarter ending
    `period_end` that has any ({indicator id: Commentary}), only of `indicator_ids` when given.
    No file, or no commentary for the quarter: {}. OSError for a file that cannot be read."""
    wanted = None if indicator_ids is None else set(indicator_ids)
    rows = _read(store, "period_end = ? and version = (select max(version) from commentary as "
                 "newer where newer.indicator_id = commentary.indicator_id and "
                 "newer.period_end = commentary.period_end)",
                 [period_end.isoformat()], "indicator_id")
    return {row.indicator_id: row for row in rows if wanted is None or row.indicator_id in wanted}


def history(store: Path, indicator_id: str, period_end: date) -> list[Commentary]:
    """Every version of the commentary on `indicator_id` for the quarter ending `period_end`,
    newest first; [] when there is none."""
    return _read(store, "indicator_id = ? and period_end = ?",
                 [indicator_id, period_end.isoformat()], "version desc")
