"""Readers for the data quality page (the QA sub-group's view of every delivery).

Two sources, so that a delivery refused after the current load is still visible:

- the run records beside the database (`runs/<run_id>/run.json` and `rejects.csv`, written for
  every `ingest` and `validate`, loaded or refused; `pipelines.load.run_history`), and
- the current load (table `rejects`), read from the `Load` the page got once from
  `current_load()` and cached by it, so two loads never mix. Field completeness has its own
  readers in `dashboard/data/completeness.py`.

Readers return plain-English frames ready for a table or chart: no SQL, arithmetic or wording
in the page. Values are shown as the rejects report recorded them (pseudonyms and lines only;
a finding never carries a direct identifier, see `pipelines.delivery_types`). A row converted
from an official file also names its source file, the place in it and the child's id; loads
made before those columns existed show them empty.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from neglect_insight.dashboard.data import Load, current, cursor, db_path
from neglect_insight.pipelines.calendar import format_date
from neglect_insight.pipelines.load.database import runs_dir
from neglect_insight.pipelines.load.run_history import read_rejects, read_runs
from neglect_insight.pipelines.present.numbers import number
from neglect_insight.pipelines.present.states import NO_FIGURE

SEVERITY_LABELS = {"blocking": "Blocking", "query": "Query"}
SEVERITY_MEANINGS = {
    "blocking": "Blocking: the delivery is refused until it is fixed",
    "query": "Query: the data loads; the rows are listed for review",
}
SHA_CHARS = 12

# The columns of the rows-to-review table, in the rejects report's order.
REVIEW_COLUMNS = {
    "file": "File",
    "line": "Line",
    "source": "Source file",
    "place": "Place in source",
    "child_id": "Child",
    "rule_id": "Rule id",
    "severity": "Severity",
    "column": "Column",
    "value": "Value as recorded",
    "message": "What is wrong",
}


# --- formatting shared by the readers below -------------------------------------------------

def _local(moment: str | None) -> datetime | None:
    """A run's UTC timestamp in UK time (run records store UTC, ISO 8601)."""
    if not moment:
        return None
    parsed = datetime.fromisoformat(moment)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        from zoneinfo import ZoneInfo

        return parsed.astimezone(ZoneInfo("Europe/London"))
    except Exception:  # no time zone database: show UTC rather than fail
        return parsed.astimezone(UTC)


def when(moment: str | None) -> str:
    """'24 November 2025, 09:05' (UK time), as people write it."""
    local = _local(moment)
    return "" if local is None else f"{format_date(local.date())}, {local:%H:%M}"


def day(iso_date: str | None) -> str:
    """'31 March 2025'."""
    return format_date(date.fromisoformat(str(iso_date)[:10])) if iso_date else ""


def rows_phrase(n: int) -> str:
    return f"{n:,} row" + ("" if n == 1 else "s")


def count(n: int | None) -> str:
    """'17,590': counts with thousands separators (tables show them as text)."""
    return "" if n is None or pd.isna(n) else number(int(n), "count")


def percent(p: float | None) -> str:
    """'80.0%' (one decimal), or '–' when there is nothing to divide."""
    return NO_FIGURE if p is None or pd.isna(p) else number(p, "percent")


# --- runs: every ingest and validate, newest first ------------------------------------------

def has_table(conn, name: str) -> bool:
    return bool(conn.execute(
        "select count(*) from duckdb_tables() where table_name = ?", [name]).fetchone()[0])


def _run_ids(db: Path) -> tuple[str, ...]:
    folder = runs_dir(db)
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.parent.name for p in folder.glob("*/run.json")))


@st.cache_data(show_spinner=False)
def _read_runs(db: str, run_ids: tuple[str, ...]) -> list[dict]:
    return read_runs(Path(db))


@st.cache_data(show_spinner=False)
def _history_runs(load: Load) -> list[dict]:
    """The run history stored in the load (tables run_history, run_files, run_rules), shaped
    like run.json: the record when the run folders beside the database are gone."""
    conn = cursor(load)
    if not has_table(conn, "run_history"):
        return []
    history = conn.execute("select * from run_history order by run_id desc").df()
    files = conn.execute("select * from run_files").df() if has_table(conn, "run_files") \
        else pd.DataFrame(columns=["run_id"])
    rules = conn.execute("select * from run_rules").df() if has_table(conn, "run_rules") \
        else pd.DataFrame(columns=["run_id"])
    out = []
    for run in _records(history):
        run["files"] = _records(files[files["run_id"] == run["run_id"]].drop(columns="run_id"))
        run["rules"] = _records(rules[rules["run_id"] == run["run_id"]].drop(columns="run_id"))
        out.append(run)
    return out


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts with None (not NaN) for missing values, as run.json holds them."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def current_load() -> Load | None:
    """The load the page shows (the pointer read once), or None before the first good load."""
    return current()


def runs(load: Load | None) -> list[dict]:
    """Every recorded run, newest first: the run folders beside the database (so a delivery
    refused after the current load shows), plus any run only the current load's history
    holds. A new run is picked up on the next rerun."""
    db = db_path()
    run_ids = _run_ids(db)
    recorded = _read_runs(str(db), run_ids) if run_ids else []
    stored = _history_runs(load) if load is not None else []
    known = {r["run_id"] for r in recorded}
    merged = recorded + [r for r in stored if r["run_id"] not in known]
    return sorted(merged, key=lambda r: r["run_id"], reverse=True)


def outcome(run: dict, current_id: str | None = None) -> str:
    """What happened to the delivery, in plain English."""
    result, command = run.get("outcome"), run.get("command")
    if command == "validate":
        return {"valid": "Checked only: would load",
                "refused": "Checked only: would be refused"}.get(result, "Check did not finish")
    if command == "rollback":
        return "Rolled back to an earlier load" if result else "Rollback did not finish"
    if result == "loaded":
        return "Loaded (shown now)" if run["run_id"] == current_id else "Loaded (replaced since)"
    if result == "refused":
        return "Refused: nothing loaded"
    return "Did not finish"


def run_label(run: dict, current_id: str | None = None) -> str:
    """One line naming a run, for a picker: '24 November 2025, 09:05 — Refused: nothing loaded'."""
    return f"{when(run.get('started_at'))} — {outcome(run, current_id)}"


def runs_table(all_runs: list[dict], current_id: str | None = None) -> pd.DataFrame:
    """One row per run, newest first."""
    return pd.DataFrame(
        [
            {
                "When": when(run.get("started_at")),
                "What happened": outcome(run, current_id),
                "Extract date": day(run.get("extract_date")),
                "Files": count(len(run.get("files", []))),
                "Rows read": count(sum(f.get("rows") or 0 for f in run.get("files", []))),
                "Blocking rows": count(run.get("blocking_rows", 0)),
                "Query rows": count(run.get("query_rows", 0)),
                "Source folder": run.get("source", ""),
                "Run id": run["run_id"],
            }
            for run in all_runs
        ],
        columns=["When", "What happened", "Extract date", "Files", "Rows read", "Blocking rows",
                 "Query rows", "Source folder", "Run id"],
    )


def run_caption(run: dict) -> str:
    """Where a run's files came from and what it found, in one line."""
    return (f"Source folder: {run.get('source', '')}. Extract date: "
            f"{day(run.get('extract_date'))}. Blocking rows: {run.get('blocking_rows', 0):,}; "
            f"query rows: {run.get('query_rows', 0):,}. Run id: {run['run_id']}.")


def load_caption(load: Load | None) -> str:
    """The load the board pages show, as named under every number."""
    if load is None:
        return "nothing loaded yet"
    return (f"current load: extract date {day(str(load.extract_date))}, loaded "
            f"{when(load.loaded_at.isoformat())} (run {load.run_id})")


def run_files(run: dict) -> pd.DataFrame:
    """The files a run read: rows, size and a short SHA-256 to match against what was sent."""
    return pd.DataFrame(
        [
            {
                "File": f["file"],
                "Rows": count(f.get("rows") or 0),
                "Size (bytes)": count(f.get("bytes") or 0),
                "SHA-256 (first 12)": (f.get("sha256") or "")[:SHA_CHARS],
            }
            for f in run.get("files", [])
        ],
        columns=["File", "Rows", "Size (bytes)", "SHA-256 (first 12)"],
    )


# --- rules of one run -----------------------------------------------------------------------

def rule_summary(run: dict) -> dict[str, int]:
    """Counts for the run's headline: rules run, passed, failed by severity; rows by severity."""
    rules = run.get("rules", [])
    return {
        "rules": len(rules),
        "passed": sum(1 for r in rules if r.get("failing_rows", 0) == 0),
        "failed_blocking": sum(1 for r in rules
                               if r.get("failing_rows", 0) and r["severity"] == "blocking"),
        "failed_query": sum(1 for r in rules
                            if r.get("failing_rows", 0) and r["severity"] == "query"),
        "blocking_rows": run.get("blocking_rows", 0),
        "query_rows": run.get("query_rows", 0),
    }


def rule_results(run: dict, failed: bool) -> pd.DataFrame:
    """The run's failed (or passed) rules: blocking first, then by file and rule id."""
    rules = [r for r in run.get("rules", []) if bool(r.get("failing_rows", 0)) == failed]
    rules.sort(key=lambda r: (r["severity"] != "blocking", r.get("file") or "", r["rule_id"]))
    return pd.DataFrame(
        [
            {
                "Severity": SEVERITY_LABELS.get(r["severity"], r["severity"]),
                "Rule id": r["rule_id"],
                "File": r.get("file") or "Whole delivery",
                "Failing rows": count(r.get("failing_rows", 0)),
                "What it checks": r.get("message", ""),
            }
            for r in rules
        ],
        columns=["Severity", "Rule id", "File", "Failing rows", "What it checks"],
    )


# --- rows to review -------------------------------------------------------------------------

@st.cache_data(show_spinner=False)
def _load_rejects(load: Load) -> pd.DataFrame | None:
    conn = cursor(load)
    if not has_table(conn, "rejects"):
        return None
    # Loads made before findings named their source have no source, place or child columns.
    present = {r[0] for r in conn.execute(
        "select column_name from duckdb_columns() where table_name = 'rejects'").fetchall()}
    select = ", ".join(f'"{c}"' if c in present else f'null::varchar as "{c}"'
                       for c in REVIEW_COLUMNS)
    return conn.execute(
        f"select {select} from rejects "
        "where run_id = ? order by severity != 'blocking', file, line, rule_id",
        [load.run_id],
    ).df()


@st.cache_data(show_spinner=False)
def _report_rejects(run_id: str, rejects_path: str | None) -> pd.DataFrame:
    rows = read_rejects({"rejects_path": rejects_path})
    frame = pd.DataFrame(rows, columns=list(REVIEW_COLUMNS))
    frame["line"] = pd.to_numeric(frame["line"], errors="coerce").astype("Int64")
    return frame


def review_caption(run: dict, load: Load | None) -> str:
    if load is not None and run["run_id"] == load.run_id:
        return ("Rows of the current load that a query rule picked out: they were loaded, but "
                "should be checked with the local authority.")
    if run.get("outcome") == "refused":
        return ("Every failing row of this refused delivery, from its rejects report: fix the "
                "blocking rows and send the delivery again.")
    return "Every failing row of this run, from its rejects report."


def rows_to_review(run: dict, load: Load | None) -> pd.DataFrame:
    """Every failing row of a run, with file and line: from the load's `rejects` table for the
    current load, from the run's rejects report (rejects.csv) for any other run."""
    frame = None
    if load is not None and run["run_id"] == load.run_id:
        frame = _load_rejects(load)
    if frame is None:
        frame = _report_rejects(run["run_id"], run.get("rejects_path"))
    frame = frame.copy()
    frame["severity"] = frame["severity"].map(lambda s: SEVERITY_LABELS.get(s, s))
    frame = frame.astype({c: "string" for c in ("file", "source", "place", "child_id",
                                                "column", "value")})
    return frame.rename(columns=REVIEW_COLUMNS)


def review_rules(review: pd.DataFrame) -> list[str]:
    """Rule ids present in a rows-to-review frame, for the filter."""
    return sorted(review["Rule id"].dropna().unique().tolist())


def filter_review(review: pd.DataFrame, rule_ids: list[str]) -> pd.DataFrame:
    if not rule_ids:
        return review
    return review[review["Rule id"].isin(rule_ids)].reset_index(drop=True)


# --- trend across runs ----------------------------------------------------------------------

def quality_trend(all_runs: list[dict], current_id: str | None = None) -> pd.DataFrame:
    """Blocking and query rows per finished run, oldest first (runs that did not finish are
    left out: their counts are not known). `Run` names each run once, to the minute, or to
    the second where two runs share a minute."""
    finished = sorted((r for r in all_runs if r.get("outcome") and r.get("command") != "rollback"),
                      key=lambda r: r["run_id"])
    labels = [when(r.get("started_at")) for r in finished]
    labels = [
        label if labels.count(label) == 1 else
        f"{label}:{_local(r.get('started_at')):%S}"
        for label, r in zip(labels, finished, strict=True)
    ]
    return pd.DataFrame(
        [
            {
                "Run": label,
                "What happened": outcome(r, current_id),
                "Blocking rows": int(r.get("blocking_rows", 0)),
                "Query rows": int(r.get("query_rows", 0)),
            }
            for label, r in zip(labels, finished, strict=True)
        ],
        columns=["Run", "What happened", "Blocking rows", "Query rows"],
    )


def trend_table(trend: pd.DataFrame) -> pd.DataFrame:
    """The trend as the table beside its chart shows it."""
    return trend.assign(**{c: trend[c].map(count) for c in ("Blocking rows", "Query rows")})


def trend_finding(trend: pd.DataFrame) -> str:
    """The chart title: what the latest run found, against the one before."""
    if trend.empty:
        return "No runs have finished yet"
    latest = trend.iloc[-1]
    blocking, queries = int(latest["Blocking rows"]), int(latest["Query rows"])
    if blocking:
        head = f"The latest delivery had {rows_phrase(blocking)} blocking it"
    else:
        head = f"The latest delivery had no blocking rows and {rows_phrase(queries)} to review"
    if len(trend) < 2:
        return head
    before = int(trend.iloc[-2]["Query rows"])
    if queries == before:
        change = "the same number of query rows as the run before"
    elif queries < before:
        change = f"query rows fell from {before:,} to {queries:,}"
    else:
        change = f"query rows rose from {before:,} to {queries:,}"
    return f"{head}; {change}"
