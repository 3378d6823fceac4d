"""Commands that look after loads and files: `rollback`, `pseudonymise`, `audit` (the users
commands are in users.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from neglect_insight.pipelines.cli.common import (
    DbOption,
    app,
    console,
    db_path_or_default,
    out,
    parse_date,
)


@app.command()
def rollback(
    run_id: Annotated[str | None, typer.Argument(
        help="Run id of the kept load to make current (default: the one before the current).")
    ] = None,
    db: DbOption = None,
) -> None:
    """List the kept loads and make an earlier one current again (recorded in the history)."""
    from neglect_insight.pipelines.load.database import write_failure
    from neglect_insight.pipelines.load.locks import IngestBusy
    from neglect_insight.pipelines.load.retention import kept_loads
    from neglect_insight.pipelines.load.rollback import RollbackRefused
    from neglect_insight.pipelines.load.rollback import rollback as roll_back

    db_path = db_path_or_default(db)
    out.print("Kept loads, newest first (* is current):")
    for load in kept_loads(db_path):
        loaded = f"{load.loaded_at:%d %B %Y %H:%M}" if load.loaded_at else "cannot be opened"
        extract = f"extract date {load.extract_date:%d %B %Y}" if load.extract_date else ""
        out.print(f"{'*' if load.is_current else ' '} {load.run_id}  loaded {loaded}  {extract}",
                  markup=False)
    try:
        done = roll_back(db_path, run_id)
    except (RollbackRefused, IngestBusy) as err:
        console.print(str(err), markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    except OSError as err:
        console.print(write_failure(err, db_path).replace("the ingest", "the rollback"),
                      markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    for line in done.record.cleaned:
        out.print(f"Cleaned up: {line}", markup=False)
    was = f" (was run {done.replaced.run_id})" if done.replaced else ""
    out.print(f"ROLLED BACK: run {done.current.run_id} is current again{was}. Recorded as run "
              f"{done.record.run_id}.", markup=False)
    if done.warning:
        console.print(f"Warning: {done.warning}", markup=False, soft_wrap=True)


@app.command()
def pseudonymise(
    src: Annotated[Path, typer.Argument(help="Folder of the identifiable extract.")],
    dst: Annotated[Path, typer.Argument(help="New or empty folder for the anonymised copy.")],
    key: Annotated[Path | None, typer.Option(
        "--key", help="Secret key file: the same key every quarter keeps pseudonyms stable.")
    ] = None,
    new_key: Annotated[bool, typer.Option(
        "--new-key", help="Create the key file first (never replaces one).")] = False,
) -> None:
    """Turn an identifiable extract into an anonymised delivery (run by the LA, before sending):
    keyed pseudonyms, identifiers dropped, birth dates cut to the month, postcodes to the
    outward code. Reports what it changed, never a value."""
    from neglect_insight.pipelines.pseudonymise import PseudonymiseError, pseudonymise_folder

    try:
        outcome = pseudonymise_folder(src, dst, key, new_key)
    except PseudonymiseError as err:
        console.print(str(err), markup=False, soft_wrap=True)
        raise typer.Exit(err.exit_code) from None
    if outcome.key_created:
        out.print(f"Created the key file {key}, readable by you only. Keep it secret, outside "
                  "the delivery, and use it every quarter.", markup=False)
    for change in outcome.changes:
        out.print(change.describe(), markup=False)
    written = sum(not change.not_copied for change in outcome.changes)
    out.print(f"Wrote {written} file{'' if written == 1 else 's'} to {dst}. Check them with: "
              f"neglect-insight validate {dst}", markup=False)
    if not outcome.key_is_private:
        console.print(f"Warning: other users can read the key file {key}; make it private "
                      f"(chmod 600 {key}).", markup=False, soft_wrap=True)


@app.command()
def audit(
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(
        help="Only events on or after this day (YYYY-MM-DD, UTC).")] = None,
    format: Annotated[str, typer.Option("--format", help="table | json")] = "table",
) -> None:
    """Print the audit log: sign-ins, rows viewed or downloaded, loads, refusals, rollbacks."""
    import json

    from neglect_insight.pipelines.audit import details_text, log_path, read
    from neglect_insight.pipelines.load.database import store_dir

    if format not in ("table", "json"):
        raise typer.BadParameter("--format must be table or json")
    store = store_dir(db_path_or_default(db))
    events = read(store, parse_date(since, "--since"))
    if format == "json":
        out.print(json.dumps([{
            "line": e.line, "time": e.time.isoformat() if e.time else None, "user": e.user,
            "role": e.role, "action": e.action, "details": e.details} for e in events],
            indent=2), markup=False)
        return
    if not events:
        out.print(f"No audit events{f' since {since}' if since else ''} in {log_path(store)}.",
                  markup=False)
        return
    rows = [(f"{e.time:%Y-%m-%d %H:%M:%S}" if e.time else "?", e.user or "-", e.role or "-",
             e.action, details_text(e.details)) for e in events]
    widths = [max(len(row[i]) for row in [AUDIT_HEADINGS, *rows]) for i in range(4)]
    for row in [AUDIT_HEADINGS, *rows]:
        out.print("  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True))
                  + "  " + row[4], markup=False)


AUDIT_HEADINGS = ("time (UTC)", "user", "role", "action", "details")
