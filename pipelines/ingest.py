"""Validate a delivery and, if nothing blocks, load it atomically (extracts.md, "Refusals").

    files → format check → raw_ tables → stg_ views → identifiers, types, GX, cross-file rules
          → blocking findings? refuse: rejects report, previous load stays current
          → else: models built in a new file, history stored, `current` switched
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from neglect_insight.pipelines.delivery_types import Finding
from neglect_insight.pipelines.load.build import build_models
from neglect_insight.pipelines.load.database import new_load_path, switch_current
from neglect_insight.pipelines.load.run_history import (
    FileRecord,
    RunRecord,
    new_run_id,
    store_history,
    write_run,
)
from neglect_insight.pipelines.load.staging import stage
from neglect_insight.pipelines.validate import check_delivery
from neglect_insight.pipelines.validate.rejects import summarise

Progress = Callable[[str], None]


@dataclass
class Outcome:
    run: RunRecord
    findings: list[Finding]
    rejects_path: Path

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
           record: RunRecord, say: Progress) -> list[Finding]:
    staged = stage(conn, folder, say)
    record.files = [FileRecord(r.file_name, r.sha256, r.bytes, r.rows)
                    for r in staged.reads.values()]
    rules = list(staged.rules)
    findings = list(staged.findings)
    if not staged.has_blocking or staged.loadable_reads:
        checked_rules, checked = check_delivery(conn, staged, extract_date, say)
        rules += checked_rules
        findings += checked
    record.rules = summarise(rules, findings)
    record.blocking_rows = sum(f.severity == "blocking" for f in findings)
    record.query_rows = sum(f.severity == "query" for f in findings)
    return findings


def _new_record(command: str, folder: Path, extract_date: date) -> RunRecord:
    return RunRecord(new_run_id(), command, datetime.now(UTC).isoformat(timespec="seconds"),
                     str(folder.resolve()), extract_date.isoformat())


def validate_delivery(folder: Path, db_path: Path, extract_date: date | None = None,
                      progress: Progress | None = None) -> Outcome:
    """Check a delivery without loading it; the run and its rejects report are still recorded."""
    say = progress or (lambda _m: None)
    extract_date = extract_date or date.today()
    record = _new_record("validate", folder, extract_date)
    with duckdb.connect() as conn:
        findings = _check(conn, folder, extract_date, record, say)
    record.outcome = "refused" if any(f.severity == "blocking" for f in findings) else "valid"
    record.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
    rejects = write_run(db_path, record, findings)
    return Outcome(record, findings, rejects)


def ingest_delivery(folder: Path, db_path: Path, extract_date: date | None = None,
                    progress: Progress | None = None) -> Outcome:
    """Validate and, when nothing blocks, load into a new database file and switch to it."""
    say = progress or (lambda _m: None)
    extract_date = extract_date or date.today()
    record = _new_record("ingest", folder, extract_date)
    work_dir = Path(tempfile.mkdtemp(prefix=".loading-", dir=_ensure_parent(db_path)))
    work_file = work_dir / "load.duckdb"
    try:
        with duckdb.connect(str(work_file)) as conn:
            findings = _check(conn, folder, extract_date, record, say)
            refused = any(f.severity == "blocking" for f in findings)
            if not refused:
                say("Building models")
                _store_load_info(conn, record, extract_date)
                build_models(conn)
                record.outcome = "loaded"
                record.load_file = str(new_load_path(db_path, record.run_id).resolve())
                record.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
                store_history(conn, db_path, record, findings)
                conn.execute("checkpoint")
        if refused:
            record.outcome = "refused"
            record.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
        else:
            load_path = new_load_path(db_path, record.run_id)
            shutil.move(str(work_file), load_path)
            switch_current(db_path, load_path)
            say("Switched to the new load")
        rejects = write_run(db_path, record, findings)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
    return Outcome(record, findings, rejects)


def _ensure_parent(db_path: Path) -> Path:
    parent = db_path.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    return parent


def _store_load_info(conn: duckdb.DuckDBPyConnection, record: RunRecord,
                     extract_date: date) -> None:
    """One row naming this load; the dashboard shows it under every number."""
    conn.execute(
        "create or replace table load_info as select ?::varchar as run_id, ?::timestamp as "
        "loaded_at, ?::date as extract_date, ?::varchar as source",
        [record.run_id, record.started_at.replace("+00:00", ""), extract_date, record.source],
    )
    files = [(f.file, f.rows) for f in record.files]
    conn.execute("create or replace table load_files (file varchar, rows bigint)")
    if files:
        conn.executemany("insert into load_files values (?, ?)", files)
