"""Validate a delivery and, if nothing blocks, load it atomically (extracts.md, "Refusals").

    files → format check → raw_ tables → stg_ views → identifiers, types, GX, cross-file rules
          → blocking findings? refuse: rejects report, previous load stays current
          → else: models built in a new file, history stored, `current` switched
                  (pipelines.load.commit), loads beyond `[loads] keep` deleted

One ingest at a time per database (pipelines.load.locks); each first cleans up what a stopped
one left. A write error (disk full, read-only folder) raises `LoadFailed` with a plain message
and leaves the previous load current.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from neglect_insight.pipelines import audit
from neglect_insight.pipelines.delivery_types import FileSummary, Finding
from neglect_insight.pipelines.load.build import build_models
from neglect_insight.pipelines.load.commit import clean_leftovers, commit_load
from neglect_insight.pipelines.load.coverage import coverage
from neglect_insight.pipelines.load.database import (
    LoadFailed,
    is_write_failure,
    new_load_path,
    store_dir,
    work_dir,
    write_failure,
)
from neglect_insight.pipelines.load.faults import during, fault_point
from neglect_insight.pipelines.load.locks import ingest_lock
from neglect_insight.pipelines.load.retention import prune_loads
from neglect_insight.pipelines.load.run_history import (
    FileRecord,
    RunRecord,
    new_run_id,
    store_history,
    summary_record,
    write_run,
)
from neglect_insight.pipelines.load.staging import keep_staged_rows, stage
from neglect_insight.pipelines.load.table_hashes import table_hashes
from neglect_insight.pipelines.read.all_pupils import separate_all_pupils
from neglect_insight.pipelines.read.locations import locate
from neglect_insight.pipelines.settings import load_settings
from neglect_insight.pipelines.validate import check_delivery
from neglect_insight.pipelines.validate.rejects import summarise

Progress = Callable[[str], None]
FilesFound = Callable[[list[FileSummary]], None]  # told what each delivered file is


@dataclass
class Outcome:
    run: RunRecord
    findings: list[Finding]
    rejects_path: Path
    pruned: list[str] = field(default_factory=list)  # run ids of older loads deleted
    warnings: list[str] = field(default_factory=list)  # e.g. a stale extract date (coverage.py)

    @property
    def refused(self) -> bool:
        return self.run.outcome == "refused"

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "blocking"]

    @property
    def queries(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "query"]


def _check(conn: duckdb.DuckDBPyConnection, folder: Path, extract_date: date,
           record: RunRecord, say: Progress, on_files: FilesFound | None = None
           ) -> list[Finding]:
    staged = stage(conn, folder, during("read", say))
    fault_point("after:read")
    separate_all_pupils(conn, staged)  # school census: all pupils, or only the children?
    keep_staged_rows(conn)  # the raw tables are final: convert each row once
    record.detected = [summary_record(s) for s in staged.files]
    if on_files:  # what each file is, before any check
        on_files(staged.files)
    record.files = [FileRecord(r.file_name, r.sha256, r.bytes, r.rows)
                    for r in staged.reads.values()]
    rules = list(staged.rules)
    findings = list(staged.findings)
    if not staged.has_blocking or staged.loadable_reads:
        checked_rules, checked = check_delivery(conn, staged, extract_date,
                                                during("validate", say))
        fault_point("after:validate")
        rules += checked_rules
        findings += checked
    findings = locate(conn, staged, findings)  # converted rows: the file, place and child
    record.rules = summarise(rules, findings)
    record.blocking_rows = sum(f.severity == "blocking" for f in findings)
    record.query_rows = sum(f.severity == "query" for f in findings)
    return findings


def _new_record(command: str, folder: Path, extract_date: date) -> RunRecord:
    return RunRecord(new_run_id(), command, datetime.now(UTC).isoformat(timespec="seconds"),
                     str(folder.resolve()), extract_date.isoformat())


def validate_delivery(folder: Path, db_path: Path, extract_date: date | None = None,
                      progress: Progress | None = None, on_files: FilesFound | None = None
                      ) -> Outcome:
    """Check a delivery without loading it; the run and its rejects report are still recorded."""
    say = progress or (lambda _m: None)
    extract_date = extract_date or date.today()
    record = _new_record("validate", folder, extract_date)
    with duckdb.connect() as conn:
        findings = _check(conn, folder, extract_date, record, say, on_files)
    record.outcome = "refused" if any(f.severity == "blocking" for f in findings) else "valid"
    record.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
    rejects = write_run(db_path, record, findings)
    return Outcome(record, findings, rejects)


def ingest_delivery(folder: Path, db_path: Path, extract_date: date | None = None,
                    progress: Progress | None = None, wait: bool = False,
                    on_files: FilesFound | None = None, user: str | None = None) -> Outcome:
    """Validate and, when nothing blocks, load into a new database file and switch to it; the
    load or refusal is recorded in the audit log as by `user` (default: the OS user), an admin.
    Raises `IngestBusy` if another ingest holds the lock (unless `wait`), `LoadFailed` if the
    load cannot be written, `SettingsError` for a bad settings file."""
    say = progress or (lambda _m: None)
    extract_date = extract_date or date.today()
    keep = load_settings().loads.keep
    record = _new_record("ingest", folder, extract_date)
    try:
        with ingest_lock(db_path, wait, say) as lock:
            record.cleaned = clean_leftovers(db_path, lock)
            outcome = _load(folder, db_path, extract_date, record, say, on_files)
            if not outcome.refused:
                outcome.pruned = _prune(db_path, keep, say)
    except (OSError, duckdb.Error) as err:
        if not is_write_failure(err):
            raise
        raise LoadFailed(write_failure(err, db_path)) from err
    _audit(db_path, outcome, user, say)
    return outcome


def _audit(db_path: Path, outcome: Outcome, user: str | None, say: Progress) -> None:
    """Record the load or refusal; the outcome stands even if the log cannot be written."""
    run = outcome.run
    try:
        audit.record(store_dir(db_path), "refusal" if outcome.refused else "load",
                     user or audit.os_user(), "admin", run_id=run.run_id,
                     source=Path(run.source).name, extract_date=run.extract_date,
                     files=[f.file for f in run.files], rows=sum(f.rows for f in run.files),
                     blocking_rows=run.blocking_rows, query_rows=run.query_rows)
    except OSError as err:
        say(f"Could not write the audit log ({err.strerror or err}).")


def _prune(db_path: Path, keep: int, say: Progress) -> list[str]:
    """Delete loads beyond `keep`; a failure is reported, never fatal (the load is current)."""
    try:
        return prune_loads(db_path, keep)
    except OSError as err:
        say(f"Could not delete older loads ({err.strerror or err}); they are kept for now.")
        return []


def _load(folder: Path, db_path: Path, extract_date: date, record: RunRecord,
          say: Progress, on_files: FilesFound | None = None) -> Outcome:
    work = work_dir(db_path, record.run_id)
    work.mkdir(parents=True)
    work_file = work / "load.duckdb"
    warnings: list[str] = []
    try:
        with duckdb.connect(str(work_file)) as conn:
            findings = _check(conn, folder, extract_date, record, say, on_files)
            refused = any(f.severity == "blocking" for f in findings)
            if not refused:
                say("Building models")
                warnings = _store_load_info(conn, record, extract_date)
                build_models(conn)
                fault_point("after:build_models")
                record.table_hashes = table_hashes(conn)
                record.outcome = "loaded"
                record.load_file = str(new_load_path(db_path, record.run_id).resolve())
                record.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
                store_history(conn, db_path, record, findings)
                conn.execute("checkpoint")
        fault_point("after:history")
        if refused:
            record.outcome = "refused"
            record.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
            rejects = write_run(db_path, record, findings)
        else:
            rejects = commit_load(db_path, work_file, record, findings)
            say("Switched to the new load")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Outcome(record, findings, rejects, warnings=warnings)


def _store_load_info(conn: duckdb.DuckDBPyConnection, record: RunRecord,
                     extract_date: date) -> list[str]:
    """One row naming this load, with how far its data runs (`coverage.py`: the periods offered
    stop there); the dashboard shows it under every number. Returns warnings for the user."""
    covered = coverage(conn, extract_date)
    conn.execute(
        "create or replace table load_info as select ?::varchar as run_id, ?::timestamp as "
        "loaded_at, ?::date as extract_date, ?::varchar as source, "
        "?::date as newest_event_date, ?::date as data_until",
        [record.run_id, record.started_at.replace("+00:00", ""), extract_date, record.source,
         covered.newest_event, covered.data_until],
    )
    files = [(f.file, f.rows) for f in record.files]
    conn.execute("create or replace table load_files (file varchar, rows bigint)")
    if files:
        conn.executemany("insert into load_files values (?, ?)", files)
    return [covered.warning] if covered.warning else []
