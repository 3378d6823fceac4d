"""The audit log: who signed in, looked at or downloaded rows, loaded or rolled back, and when.

An information governance team asks who saw child-level data; this file answers. Every event is
one JSON line appended to `audit.log` in the store folder (`store_dir(db_path)`, beside the load
files, never inside one: a rollback or a retention sweep never touches it):

    {"time": "2025-11-30T15:53:07+00:00", "user": "a.smith", "role": "qa",
     "action": "rows_viewed", "details": {"indicator": "cpp_repeat_within_2y", "rows": 12}}

The file is append-only: each event is opened with O_APPEND, written in one `write` and synced,
so two processes (the dashboard and an ingest) appending at once each leave whole lines, and a
line once written is never rewritten. `neglect-insight audit` prints it; admins see it on the
"Audit log" page.

Details are plain values (text, numbers, true/false, or a flat list of those). Callers pass what
was looked at (indicator id, period, filters, row counts, run ids, file names) and NEVER a child
id, pseudonym or password: a pseudonym cannot be told by its shape, so this module refuses the
keys that would name one (and any key naming a password or secret), and each caller's test
checks that it passes none. This module sits in the foundation layer (standard library only) so
the dashboard, the ingest and the CLI can all call it.
"""

from __future__ import annotations

import getpass
import json
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

FILE_NAME = "audit.log"
ACTIONS = (
    "sign_in", "sign_in_failed", "sign_out", "rows_viewed", "rows_downloaded", "review_viewed",
    "access_refused", "commentary_edited", "load", "refusal", "rollback",
)  # `refusal`: a delivery refused by the checks; `access_refused`: a page refused to a user
UNREADABLE = "unreadable"  # what `read` reports for a line it cannot parse (never recorded)
KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,39}")
# Keys that would carry a secret or a child-level identifier: refused whatever their value.
FORBIDDEN_KEY_PARTS = ("password", "passwd", "secret", "token", "child_id", "person_id",
                       "pseudonym", "referral_id", "episode_id", "plan_id")
FORBIDDEN_KEY_WORDS = ("upn", "nhs")  # short: refused as a whole word of the name only
MAX_TEXT = 500
MAX_WHO = 100
MAX_LINE_BYTES = 8192
FILE_MODE = 0o640  # user names and what they looked at: not for every account on the machine

Scalar = str | int | float | bool | None


@dataclass(frozen=True)
class AuditEvent:
    """One line of the audit log. `line` is its line number in the file (from 1)."""

    time: datetime | None
    user: str | None
    role: str | None
    action: str
    details: dict[str, Scalar | list[Scalar]] = field(default_factory=dict)
    line: int = 0


def log_path(store: Path) -> Path:
    """The audit log of the store folder `store` (`store_dir(db_path)`)."""
    return Path(store) / FILE_NAME


def os_user() -> str | None:
    """The signed-in operating system user: who ran a command-line load or rollback."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name and no passwd entry (some containers)
        return None


def _scalar(key: str, value: object) -> Scalar:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Path):
        value = value.name  # where a file was is not the log's business; which file is
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise ValueError(f"Audit detail {key!r} is longer than {MAX_TEXT} characters.")
        return value
    raise ValueError(f"Audit detail {key!r} must be text, a number, true/false or a list of "
                     f"those, not {type(value).__name__}.")


def _checked_details(details: dict[str, object]) -> dict[str, Scalar | list[Scalar]]:
    checked: dict[str, Scalar | list[Scalar]] = {}
    for key, value in details.items():
        if not KEY_PATTERN.fullmatch(key):
            raise ValueError(f"Audit detail name {key!r} must be lower-case snake_case.")
        if any(part in key for part in FORBIDDEN_KEY_PARTS) or \
                set(key.split("_")) & set(FORBIDDEN_KEY_WORDS):
            raise ValueError(f"Audit detail {key!r} is refused: the audit log never holds a "
                             "password, secret or child-level identifier.")
        if isinstance(value, list | tuple | set | frozenset):
            items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
            checked[key] = [_scalar(key, item) for item in items]
        else:
            checked[key] = _scalar(key, value)
    return checked


def _who(name: str, value: str | None) -> str | None:
    """Text or None; cut to MAX_WHO characters (a name typed at a failed sign-in can be any
    length, and must still be recorded)."""
    if value is not None and not isinstance(value, str):
        raise ValueError(f"The audit {name} must be text or None.")
    return value if value is None else value[:MAX_WHO]


def record(store: Path, action: str, user: str | None, role: str | None,
           **details: object) -> None:
    """Append one event to `<store>/audit.log` (UTC time, user, role, action, details).

    Raises ValueError for an action outside ACTIONS or a detail that is not a plain value or
    whose name could carry a password or child id; OSError when the log cannot be written
    (callers decide whether to go on: an ingest still reports its outcome)."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}; expected one of {', '.join(ACTIONS)}.")
    event = {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "user": _who("user", user),
        "role": _who("role", role),
        "action": action,
        "details": _checked_details(details),
    }
    line = (json.dumps(event, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")
    if len(line) > MAX_LINE_BYTES:
        raise ValueError(f"An audit event is at most {MAX_LINE_BYTES} bytes; pass fewer details.")
    Path(store).mkdir(parents=True, exist_ok=True)
    fd = os.open(log_path(store), os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
    try:
        written = os.write(fd, line)  # one write: concurrent appenders never interleave
        if written != len(line):
            raise OSError(f"Only {written} of {len(line)} bytes of an audit event were written.")
        os.fsync(fd)
    finally:
        os.close(fd)


def _text(value: Scalar | list[Scalar]) -> str:
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    if value is None:
        return "none"
    return str(value).lower() if isinstance(value, bool) else str(value)


def details_text(details: dict[str, Scalar | list[Scalar]]) -> str:
    """Details in one line for people: `run_id: r1; files: a.csv, b.csv; rows: 3`."""
    return "; ".join(f"{key}: {_text(value)}" for key, value in details.items())


def _event(number: int, text: str) -> AuditEvent:
    try:
        raw = json.loads(text)
        time = datetime.fromisoformat(raw["time"])
        details = raw.get("details") or {}
        if raw["action"] not in ACTIONS or not isinstance(details, dict):
            raise ValueError(raw["action"])
        return AuditEvent(time, raw.get("user"), raw.get("role"), raw["action"], details,
                          number)
    except (ValueError, KeyError, TypeError):
        return AuditEvent(None, None, None, UNREADABLE, {"line": number}, number)


def read(store: Path, since: date | None = None) -> list[AuditEvent]:
    """Every event in the store's audit log, oldest first; from `since` (a UTC date, inclusive)
    when given. A line that cannot be read is kept as an `unreadable` event naming its line, so
    nothing is hidden; events without a readable time are kept whatever `since` says."""
    path = log_path(store)
    if not path.exists():
        return []
    events = []
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            event = _event(number, text)
            if since is None or event.time is None or event.time.date() >= since:
                events.append(event)
    return events
