"""Commands that make and take deliveries: `synth`, `validate` and `ingest` (with a summary of
what changed since the previous load)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from neglect_insight.pipelines.cli.common import (
    DbOption,
    DeliveryFolder,
    Progress,
    app,
    check_scale,
    console,
    db_path_or_default,
    out,
    parse_date,
)


@app.command()
def synth(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the delivery into.")],
    scale: Annotated[str, typer.Option(help="small | la | large-la | national")] = "small",
    seed: Annotated[int, typer.Option(help="Random seed; same seed, same files.")] = 1,
    end: Annotated[str, typer.Option(help="Last day of the data (YYYY-MM-DD).")] = "2025-03-31",
    years: Annotated[int, typer.Option(help="Years of history.", min=1)] = 5,
) -> None:
    """Write a coherent synthetic delivery in the canonical CSV form."""
    from neglect_insight.pipelines.synth import write_delivery

    scale, last_day = check_scale(scale), parse_date(end, "--end")
    with Progress(f"Making {scale} synthetic data") as progress:
        rows = write_delivery(out_dir, scale=scale, seed=seed, end=last_day,
                              years=years, progress=progress)
    for name, n in rows.items():
        out.print(f"{name:<28} {n:>12,} rows")
    out.print(f"Wrote {len(rows)} files to {out_dir}")


def _files_found(summaries) -> None:
    """What each delivered file was found to be, printed before any check."""
    out.print("Files in the delivery:")
    for summary in summaries:
        out.print(f"  {summary.text}", markup=False)


def print_outcome(outcome, action: str) -> None:
    """Each failed rule once (its first row, with where it is), the totals, and the verdict."""
    from collections import Counter

    run = outcome.run
    blocking = Counter((f.rule_id, f.file) for f in outcome.blocking)
    queries = Counter((f.rule_id, f.file) for f in outcome.queries)
    for (rule_id, file), n in sorted(blocking.items()):
        first = next(f for f in outcome.blocking if f.rule_id == rule_id and f.file == file)
        more = f" (and {n - 1:,} more row{'' if n == 2 else 's'})" if n > 1 else ""
        out.print(f"BLOCKING {rule_id}: {first.where}{more}: {first.message}")
    for (rule_id, file), n in sorted(queries.items()):
        out.print(f"query    {rule_id}: {file}: {n:,} row{'' if n == 1 else 's'} to review")
    out.print(f"Rules: {sum(r.passed for r in run.rules)} passed, "
              f"{sum(not r.passed for r in run.rules)} failed. "
              f"Blocking rows: {run.blocking_rows:,}; query rows: {run.query_rows:,}.")
    out.print(f"Rejects report: {outcome.rejects_path}")
    if outcome.refused:
        out.print(f"REFUSED: nothing was {action}; the previous load stays current.")


@app.command()
def validate(
    folder: DeliveryFolder,
    db: DbOption = None,
    extract_date: Annotated[str | None, typer.Option(help="Extract date (default today).")] = None,
) -> None:
    """Check a delivery against the data contracts without loading it (exit 1 if refused)."""
    from neglect_insight.pipelines.ingest import validate_delivery

    with Progress("Validating") as progress:
        outcome = validate_delivery(folder, db_path_or_default(db),
                                    parse_date(extract_date, "--extract-date"), progress,
                                    on_files=_files_found)
    print_outcome(outcome, "loaded")
    if not outcome.refused:
        out.print("VALID: this delivery would load.")
    raise typer.Exit(1 if outcome.refused else 0)


@app.command()
def ingest(
    folder: DeliveryFolder,
    db: DbOption = None,
    extract_date: Annotated[str | None, typer.Option(help="Extract date (default today).")] = None,
    wait: Annotated[bool, typer.Option(
        "--wait", help="If another ingest is running, wait for it instead of stopping.")] = False,
) -> None:
    """Validate and load a delivery atomically (exit 1 if refused or not written)."""
    from neglect_insight.pipelines.ingest import ingest_delivery
    from neglect_insight.pipelines.load.database import LoadFailed, current_load
    from neglect_insight.pipelines.load.locks import IngestBusy
    from neglect_insight.pipelines.settings import SettingsError

    previous = current_load(db_path_or_default(db))  # compared with the new load afterwards
    try:
        with Progress("Loading") as progress:
            outcome = ingest_delivery(folder, db_path_or_default(db),
                                      parse_date(extract_date, "--extract-date"), progress,
                                      wait=wait, on_files=_files_found)
    except (IngestBusy, LoadFailed, SettingsError) as err:
        console.print(str(err), markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    for line in outcome.run.cleaned:
        out.print(f"Cleaned up: {line}", markup=False)
    print_outcome(outcome, "loaded")
    if outcome.pruned:
        out.print(f"Deleted the older loads of runs {', '.join(outcome.pruned)} (the settings "
                  "keep the newest [loads] keep loads for rollback).", markup=False)
    for warning in outcome.warnings:
        out.print(f"WARNING: {warning}", markup=False)
    if not outcome.refused:
        _what_changed(previous, db_path_or_default(db))
        out.print(f"LOADED run {outcome.run.run_id} into {db_path_or_default(db)}")
    raise typer.Exit(1 if outcome.refused else 0)


CHANGES_SHOWN = 5


def _what_changed(previous: Path | None, db_path: Path) -> None:
    """Compare the new load with the one current before it, write runs/<run_id>/changes.json
    and print a short summary: rows per file, children new and gone (counts only), the values
    that moved most (raw, as `indicators` prints them)."""
    import duckdb

    from neglect_insight.pipelines.calendar import format_date
    from neglect_insight.pipelines.indicators.catalogue import catalogue
    from neglect_insight.pipelines.indicators.changes import compare_loads, write_changes
    from neglect_insight.pipelines.load.database import current_load
    from neglect_insight.pipelines.present.numbers import number

    current = current_load(db_path)
    if previous is None or current is None or previous == current:
        return
    if not previous.exists():
        out.print("Not compared with the previous load: its file has been deleted.")
        return
    try:
        with Progress("Comparing with the previous load") as progress:
            progress("indicators at every quarter end both loads cover")
            changes = compare_loads(previous, current)
    except duckdb.Error as err:  # an old load the engine cannot read: the new load stands
        out.print(f"Not compared with the previous load ({type(err).__name__}).")
        return
    write_changes(db_path, changes)
    out.print(f"Changes since the previous load (run {changes.previous_run_id}):")
    files = [f"{f.file} {f.old or 0:,} → {f.new or 0:,}" for f in changes.files
             if f.old != f.new]
    out.print(f"  Rows per file: {'; '.join(files) or 'the same in every file'}")
    out.print(f"  Children: {changes.children_new:,} new, {changes.children_gone:,} gone")
    out.print(f"  Values that moved, 12 months to each of the {len(changes.quarter_ends)} "
              f"quarter ends both loads cover: {len(changes.moved):,}")
    for moved in changes.moved[:CHANGES_SHOWN]:
        unit = catalogue()[moved.indicator_id].unit
        old, new = ("no figure" if v is None else number(v, unit) for v in (moved.old, moved.new))
        out.print(f"    {moved.label}, to {format_date(date.fromisoformat(moved.period_end))}: "
                  f"{old} → {new}", markup=False)
    if len(changes.moved) > CHANGES_SHOWN:
        out.print(f"  {len(changes.moved) - CHANGES_SHOWN:,} more in the Data quality page "
                  "(What changed since the previous load).")
