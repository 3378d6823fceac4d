"""`neglect-insight rollback [RUN_ID]`: make an earlier kept load current again (issue 10,
point 7).

`rollback` is the one way to do it, for the command and any admin page alike: under the ingest
lock it switches the pointer to the chosen kept load (by default the one loaded before the
current one), records a run of kind `rollback` and appends a `rollback` event (from → to run
ids) to the audit log, as by the user who asked (default: the OS user), an admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from neglect_insight.pipelines import audit
from neglect_insight.pipelines.load.commit import clean_leftovers
from neglect_insight.pipelines.load.database import store_dir, switch_current
from neglect_insight.pipelines.load.locks import ingest_lock
from neglect_insight.pipelines.load.retention import KeptLoad, kept_loads
from neglect_insight.pipelines.load.run_history import RunRecord, new_run_id, write_run


class RollbackRefused(ValueError):
    """Nothing to roll back to, or not that run; the message says what is kept."""


@dataclass(frozen=True)
class Rollback:
    record: RunRecord  # the run of kind `rollback`, as written to the history
    current: KeptLoad  # the load now current
    replaced: KeptLoad | None  # the load that was current before
    warning: str | None = None  # the audit log could not be written (the rollback stands)


def rollback(db_path: Path, run_id: str | None = None, user: str | None = None) -> Rollback:
    """Make the kept load of `run_id` current (default: the one before the current load)."""
    started = _now()
    with ingest_lock(db_path) as lock:
        cleaned = clean_leftovers(db_path, lock)
        loads = kept_loads(db_path)
        replaced = next((load for load in loads if load.is_current), None)
        target = _target(loads, replaced, run_id)
        switch_current(db_path, target.path)
        record = RunRecord(new_run_id(), "rollback", started, target.source,
                           target.extract_date.isoformat() if target.extract_date else "",
                           finished_at=_now(), outcome="rolled back",
                           load_file=str(target.path.resolve()), cleaned=cleaned)
        write_run(db_path, record, [])
        try:
            audit.record(store_dir(db_path), "rollback", user or audit.os_user(), "admin",
                         run_id=record.run_id, from_run_id=replaced.run_id if replaced else None,
                         to_run_id=target.run_id)
        except OSError as err:
            return Rollback(record, target, replaced,
                            f"Could not write the audit log ({err.strerror or err}).")
    return Rollback(record, target, replaced)


def _target(loads: list[KeptLoad], current: KeptLoad | None, run_id: str | None) -> KeptLoad:
    kept = ", ".join(load.run_id for load in loads) or "none"
    if run_id is None:
        older = loads[loads.index(current) + 1:] if current else loads
        target = next((load for load in older if load.complete), None)
        if target is None:
            raise RollbackRefused(f"There is no earlier complete load to go back to (kept: "
                                  f"{kept}).")
        return target
    target = next((load for load in loads if load.run_id == run_id), None)
    if target is None:
        raise RollbackRefused(f"No kept load has run id {run_id}. Kept loads: {kept}.")
    if target.is_current:
        raise RollbackRefused(f"Run {run_id} is already the current load.")
    if not target.complete:
        raise RollbackRefused(f"The load of run {run_id} cannot be opened, so it cannot be "
                              "made current.")
    return target


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
