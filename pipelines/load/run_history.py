"""One record per run of `validate` or `ingest`, loaded or refused.

Each run writes `runs/<run_id>/run.json` (and `rejects.csv`) beside the database, whatever its
outcome, so a refused delivery is visible to the QA sub-group before the next good load. Every
successful load also carries the whole history as tables (`run_history`, `run_rules`,
`run_files`, `rejects`, and `run_tables`: each loaded table's content hash) so the data can be
audited from the database alone.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from neglect_insight.pipelines.delivery_types import FileSummary, Finding
from neglect_insight.pipelines.load.database import runs_dir
from neglect_insight.pipelines.validate.rejects import REJECTS_COLUMNS, RuleResult, write_rejects


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


@dataclass
class FileRecord:
    file: str
    sha256: str
    bytes: int
    rows: int


@dataclass
class RunRecord:
    run_id: str
    command: str  # validate | ingest | rollback
    started_at: str
    source: str
    extract_date: str
    finished_at: str = ""
    outcome: str = ""  # loaded | refused | valid (validate only) | rolled back (rollback only)
    load_file: str | None = None
    files: list[FileRecord] = field(default_factory=list)
    rules: list[RuleResult] = field(default_factory=list)
    blocking_rows: int = 0
    query_rows: int = 0
    rejects_path: str | None = None
    cleaned: list[str] = field(default_factory=list)  # leftovers of stopped runs it removed
    table_hashes: dict[str, str] = field(default_factory=dict)  # pipelines.load.table_hashes
    detected: list[dict] = field(default_factory=list)  # what each delivered file was found to be

    def to_json(self) -> dict:
        out = asdict(self)
        out["rules"] = [asdict(r) | {"passed": r.passed} for r in self.rules]
        return out


def summary_record(summary: FileSummary) -> dict:
    """A delivered file's summary as run.json keeps it: its facts and the line printed."""
    return asdict(summary) | {"text": summary.text}


def write_run(db_path: Path, record: RunRecord, findings: list[Finding]) -> Path:
    """Write run.json and rejects.csv for a run; return the rejects report's path."""
    folder = runs_dir(db_path) / record.run_id
    folder.mkdir(parents=True, exist_ok=True)
    rejects = write_rejects(findings, folder / "rejects.csv")
    record.rejects_path = str(rejects)
    tmp = folder / "run.json.tmp"
    tmp.write_text(json.dumps(record.to_json(), indent=2))
    os.replace(tmp, folder / "run.json")
    return rejects


def read_runs(db_path: Path) -> list[dict]:
    """Every recorded run, newest first."""
    folder = runs_dir(db_path)
    if not folder.is_dir():
        return []
    runs = []
    for path in folder.glob("*/run.json"):
        try:
            runs.append(json.loads(path.read_text()))
        except (OSError, json.JSONDecodeError):
            continue  # a run still being written
    return sorted(runs, key=lambda r: r["run_id"], reverse=True)


def read_rejects(run: dict) -> list[dict]:
    import csv

    path = run.get("rejects_path")
    if not path or not Path(path).exists():
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def store_history(conn: duckdb.DuckDBPyConnection, db_path: Path, current: RunRecord,
                  findings: list[Finding]) -> None:
    """Write the run history (all runs so far plus this one) and this load's findings as tables."""
    runs = [r for r in read_runs(db_path) if r["run_id"] != current.run_id]
    runs.insert(0, current.to_json())
    history = pa.Table.from_pylist([
        {k: r.get(k) for k in ("run_id", "command", "started_at", "finished_at", "source",
                               "extract_date", "outcome", "load_file", "blocking_rows",
                               "query_rows", "rejects_path")}
        for r in runs
    ])
    rules = pa.Table.from_pylist(
        [{"run_id": r["run_id"], **{k: rule[k] for k in ("rule_id", "severity", "message", "file",
                                                          "failing_rows", "passed")}}
         for r in runs for rule in r.get("rules", [])],
        schema=pa.schema([("run_id", pa.string()), ("rule_id", pa.string()),
                          ("severity", pa.string()), ("message", pa.string()),
                          ("file", pa.string()), ("failing_rows", pa.int64()),
                          ("passed", pa.bool_())]),
    )
    files = pa.Table.from_pylist(
        [{"run_id": r["run_id"], **f} for r in runs for f in r.get("files", [])],
        schema=pa.schema([("run_id", pa.string()), ("file", pa.string()), ("sha256", pa.string()),
                          ("bytes", pa.int64()), ("rows", pa.int64())]),
    )
    rejects = pa.Table.from_pylist(
        [{"run_id": current.run_id, **{c: getattr(f, c) for c in REJECTS_COLUMNS}}
         for f in findings],
        schema=pa.schema([("run_id", pa.string())] + [
            (c, pa.int64() if c == "line" else pa.string()) for c in REJECTS_COLUMNS]),
    )
    hashes = pa.Table.from_pylist(
        [{"run_id": r["run_id"], "table_name": t, "hash": h}
         for r in runs for t, h in (r.get("table_hashes") or {}).items()],
        schema=pa.schema([("run_id", pa.string()), ("table_name", pa.string()),
                          ("hash", pa.string())]),
    )
    for name, table in (("run_history", history), ("run_rules", rules), ("run_files", files),
                        ("rejects", rejects), ("run_tables", hashes)):
        conn.register(f"{name}_arrow", table)
        conn.execute(f"create or replace table {name} as select * from {name}_arrow")
        conn.unregister(f"{name}_arrow")
