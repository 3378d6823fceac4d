"""One ingest (or rollback) at a time per database: `<db>.d/ingest.lock` (issue 10, point 6).

The lock is an `fcntl.flock` on that file, so the operating system releases it when its holder
dies, however it dies: a lock left by a killed ingest is simply taken over. While held, the
file names the holder (`pid` and start time) so a second ingest can say who it is waiting for;
a file still naming a holder when the lock is taken means that holder was stopped.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from neglect_insight.pipelines.load.database import store_dir


class IngestBusy(RuntimeError):
    """Another ingest or rollback holds the lock; the message says whose it is."""


@dataclass(frozen=True)
class Holder:
    pid: int
    since: datetime

    def describe(self) -> str:
        return f"since {self.since:%H:%M} (pid {self.pid})"


@dataclass(frozen=True)
class Lock:
    """A held lock; `stale` names the stopped holder whose lock was taken over, if any."""

    path: Path
    stale: Holder | None


def lock_path(db_path: Path) -> Path:
    return store_dir(db_path) / "ingest.lock"


def _holder(text: str) -> Holder | None:
    try:
        pid, since = text.split()
        return Holder(int(pid), datetime.fromisoformat(since))
    except ValueError:
        return None


@contextmanager
def ingest_lock(db_path: Path, wait: bool = False,
                waiting: Callable[[str], None] | None = None) -> Iterator[Lock]:
    """Hold the database's lock for the block. Without `wait`, raise `IngestBusy` at once if
    another process holds it; with `wait`, say whose it is (through `waiting`) and block."""
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.seek(0)
            holder = _holder(file.read())
            who = holder.describe() if holder else "(it has only just started)"
            if not wait:
                raise IngestBusy(f"Another ingest is running {who} on {db_path}. Wait for it "
                                 "to finish, or run this one with --wait.") from None
            if waiting:
                waiting(f"Waiting for the ingest running {who} to finish")
            fcntl.flock(file, fcntl.LOCK_EX)
        file.seek(0)
        stale = _holder(file.read())
        file.seek(0)
        file.truncate()
        file.write(f"{os.getpid()} {datetime.now().isoformat(timespec='seconds')}\n")
        file.flush()
        try:
            yield Lock(path, stale)
        finally:
            file.seek(0)
            file.truncate()
            file.flush()
            fcntl.flock(file, fcntl.LOCK_UN)
