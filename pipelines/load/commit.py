"""Make a built load current in an order a crash cannot spoil, and clean up after a crash
(issue 10, point 6).

An ingest builds its load in `<db>.d/.loading-<run_id>/`, then `commit_load`:

    1. writes `runs/<run_id>/switching` (the mark of a switch under way)
    2. writes the run's record (run.json, rejects.csv)
    3. moves the load into `loads/` (a rename on the same disk)
    4. switches the `<db>` pointer (one atomic rename)
    5. removes the mark

Killed at any step, `<db>` still names one complete load: the old one up to step 4, the new
one from then on. The next ingest (holding the lock) calls `clean_leftovers`, which finishes or
undoes what a stopped run left, using the mark to tell which, and says what it did.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from pathlib import Path

from neglect_insight.pipelines.delivery_types import Finding
from neglect_insight.pipelines.load.database import (
    current_load,
    new_load_path,
    runs_dir,
    store_dir,
    switch_current,
    switch_link,
    work_dir,
)
from neglect_insight.pipelines.load.faults import fault_point
from neglect_insight.pipelines.load.locks import Lock
from neglect_insight.pipelines.load.run_history import RunRecord, write_run

SWITCHING = "switching"
STALE_TEMP_SECONDS = 60  # a run.json.tmp this old belongs to no running command


def commit_load(db_path: Path, work_file: Path, record: RunRecord,
                findings: list[Finding]) -> Path:
    """Record the run, move its load into place and switch to it; return the rejects report.
    On a write error before the switch, undo the steps taken and raise it."""
    run_folder = runs_dir(db_path) / record.run_id
    load_path = new_load_path(db_path, record.run_id)
    try:
        run_folder.mkdir(parents=True, exist_ok=True)
        (run_folder / SWITCHING).write_text(f"{load_path.name}\n")
        rejects = write_run(db_path, record, findings)
        os.replace(work_file, load_path)
        fault_point("before:switch")
        switch_current(db_path, load_path)
    except OSError:
        _undo(db_path, run_folder, load_path)
        raise
    fault_point("after:switch")
    with contextlib.suppress(OSError):  # the switch is done; the next ingest removes the mark
        (run_folder / SWITCHING).unlink()
    return rejects


def _undo(db_path: Path, run_folder: Path, load_path: Path) -> None:
    if current_load(db_path) == load_path.resolve():
        return  # the switch itself went through
    with contextlib.suppress(OSError):
        load_path.unlink(missing_ok=True)
    shutil.rmtree(run_folder, ignore_errors=True)


def clean_leftovers(db_path: Path, lock: Lock) -> list[str]:
    """Finish or undo what stopped runs left behind; one plain-English line per thing done.
    Call it holding the ingest lock: it removes files only a running ingest would be using."""
    done = []
    if lock.stale:
        done.append(f"Took over the lock of an ingest that stopped without finishing "
                    f"(pid {lock.stale.pid}, started {lock.stale.since:%d %B %Y %H:%M}).")
    done += _unfinished_switches(db_path)
    for folder in sorted(store_dir(db_path).glob(".loading-*")):
        shutil.rmtree(folder, ignore_errors=True)
        done.append(f"Removed the half-built load of run {folder.name.removeprefix('.loading-')}"
                    " (its ingest stopped before the load was complete).")
    for link in sorted(db_path.parent.glob(switch_link(db_path, "*").name)):
        link.unlink(missing_ok=True)
        done.append(f"Removed {link.name}, a pointer switch that never finished.")
    for temp in sorted(runs_dir(db_path).glob("*/run.json.tmp")):
        if time.time() - temp.stat().st_mtime > STALE_TEMP_SECONDS:
            temp.unlink(missing_ok=True)
            done.append(f"Removed the half-written record of run {temp.parent.name}.")
    return done


def _unfinished_switches(db_path: Path) -> list[str]:
    done = []
    current = current_load(db_path)
    for mark in sorted(runs_dir(db_path).glob(f"*/{SWITCHING}")):
        run_id = mark.parent.name
        load_path = new_load_path(db_path, run_id)
        shutil.rmtree(work_dir(db_path, run_id), ignore_errors=True)  # empty: the load moved
        if current == load_path.resolve():
            mark.unlink()
            done.append(f"Run {run_id} had become current when its ingest stopped; its record "
                        "is complete.")
        else:
            load_path.unlink(missing_ok=True)
            shutil.rmtree(mark.parent, ignore_errors=True)
            done.append(f"Removed run {run_id}: its ingest stopped before switching to its load,"
                        " so the previous load stayed current.")
    return done
