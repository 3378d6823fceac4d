"""The `neglect-insight` command (shared spec interface.md); each subcommand calls one function."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(
    help="Neglect Insight: child neglect across early help, children in need and child "
    "protection, for local safeguarding children partnerships.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)
out = Console(highlight=False, soft_wrap=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Database path (default ./neglect.duckdb or $NEGLECT_INSIGHT_DB)."),
]


def _db(db: Path | None) -> Path:
    from neglect_insight.pipelines.load.database import default_db_path

    return db or default_db_path()


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{option} must be a date written YYYY-MM-DD") from None


def _scale(scale: str) -> str:
    from neglect_insight.pipelines.synth import SCALES

    if scale not in SCALES:
        raise typer.BadParameter(f"--scale must be one of {', '.join(SCALES)}")
    return scale


def _months(months: int) -> int:
    """Periods are a year or a quarter (indicators.md)."""
    if months not in (3, 12):
        raise typer.BadParameter("--months must be 12 (a year) or 3 (a quarter)")
    return months


def _delivery_folder(folder: Path) -> Path:
    if not folder.exists():
        raise typer.BadParameter(f"the delivery folder {folder} does not exist")
    if not folder.is_dir():
        raise typer.BadParameter(f"{folder} is a file; give the folder that holds the delivery")
    return folder


DeliveryFolder = Annotated[
    Path, typer.Argument(help="Delivery folder.", callback=_delivery_folder),
]
Port = Annotated[int, typer.Option(help="Port to serve on.", min=1, max=65535)]


class _Progress:
    """Progress on stderr: a spinner with the current step on a terminal, plain lines otherwise."""

    def __init__(self, title: str):
        self.title = title
        self.status = console.status(title) if console.is_terminal else None

    def __enter__(self):
        if self.status:
            self.status.__enter__()
        return self

    def __call__(self, message: str) -> None:
        if self.status:
            self.status.update(f"{self.title}: {message}")
        else:
            console.print(f"  {message}")

    def __exit__(self, *exc):
        if self.status:
            self.status.__exit__(*exc)


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

    scale, last_day = _scale(scale), _date(end, "--end")
    with _Progress(f"Making {scale} synthetic data") as progress:
        rows = write_delivery(out_dir, scale=scale, seed=seed, end=last_day,
                              years=years, progress=progress)
    for name, n in rows.items():
        out.print(f"{name:<28} {n:>12,} rows")
    out.print(f"Wrote {len(rows)} files to {out_dir}")


def _report(outcome, action: str) -> None:
    from collections import Counter

    run = outcome.run
    blocking = Counter((f.rule_id, f.file) for f in outcome.blocking)
    queries = Counter((f.rule_id, f.file) for f in outcome.queries)
    for (rule_id, file), n in sorted(blocking.items()):
        first = next(f for f in outcome.blocking if f.rule_id == rule_id and f.file == file)
        where = f"{file}, line {first.line}" if first.line else (file or "delivery")
        more = f" (and {n - 1:,} more row{'' if n == 2 else 's'})" if n > 1 else ""
        out.print(f"BLOCKING {rule_id}: {where}{more}: {first.message}")
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

    with _Progress("Validating") as progress:
        outcome = validate_delivery(folder, _db(db), _date(extract_date, "--extract-date"),
                                    progress)
    _report(outcome, "loaded")
    if not outcome.refused:
        out.print("VALID: this delivery would load.")
    raise typer.Exit(1 if outcome.refused else 0)


@app.command()
def ingest(
    folder: DeliveryFolder,
    db: DbOption = None,
    extract_date: Annotated[str | None, typer.Option(help="Extract date (default today).")] = None,
) -> None:
    """Validate and load a delivery atomically (exit 1 if refused)."""
    from neglect_insight.pipelines.ingest import ingest_delivery

    with _Progress("Loading") as progress:
        outcome = ingest_delivery(folder, _db(db), _date(extract_date, "--extract-date"),
                                  progress)
    _report(outcome, "loaded")
    if not outcome.refused:
        out.print(f"LOADED run {outcome.run.run_id} into {_db(db)}")
    raise typer.Exit(1 if outcome.refused else 0)


@app.command()
def indicators(
    period_end: Annotated[str, typer.Option("--period-end", help="Last day of the period.")],
    db: DbOption = None,
    months: Annotated[int, typer.Option(help="Length of the period in months.")] = 12,
    format: Annotated[str, typer.Option("--format", help="json | csv | table")] = "json",
) -> None:
    """Print every indicator for the period (raw, unsuppressed: the analyst's output)."""
    from neglect_insight.pipelines.calendar import period_ending
    from neglect_insight.pipelines.indicators.catalogue import catalogue
    from neglect_insight.pipelines.indicators.engine import compute
    from neglect_insight.pipelines.load.database import connect_read_only

    end, months = _date(period_end, "--period-end"), _months(months)
    if format not in ("json", "csv", "table"):
        raise typer.BadParameter("--format must be json, csv or table")
    try:
        conn = connect_read_only(_db(db))
    except FileNotFoundError as err:
        console.print(str(err))
        raise typer.Exit(1) from None
    with conn:
        values = compute(conn, end, months)
    period = period_ending(end, months)
    if format == "json":
        out.print(json.dumps({
            "period_start": period.start.isoformat(),
            "period_end": period.end.isoformat(),
            "indicators": {i: v.as_json() for i, v in values.items()},
        }, indent=2))
    elif format == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(["indicator_id", "period_start", "period_end", "numerator",
                         "denominator", "value"])
        for i, v in values.items():
            writer.writerow([i, period.start, period.end, v.numerator, v.denominator, v.value])
    else:
        from rich.table import Table

        table = Table(title=f"Indicators, {period.label}")
        for col in ("Indicator", "id", "Numerator", "Denominator", "Value"):
            table.add_column(col, justify="right" if col in ("Numerator", "Denominator", "Value")
                             else "left")
        for i, v in values.items():
            table.add_row(catalogue()[i].short_label, i, f"{v.numerator:,}",
                          "" if v.denominator is None else f"{v.denominator:,}",
                          "" if v.value is None else f"{v.value:,}")
        out.print(table)


def _check_quarter_end(db_path: Path, end: date) -> None:
    """A board pack is for a quarter end the load covers (interface.md): otherwise a usage
    error naming the quarter ends it can make."""
    from neglect_insight.pipelines.indicators.engine import quarter_ends
    from neglect_insight.pipelines.load.database import connect_read_only

    with connect_read_only(db_path) as conn:
        ends = quarter_ends(conn)
    if end not in ends:
        offered = ", ".join(e.isoformat() for e in ends) or "none yet"
        raise typer.BadParameter(
            f"--period-end must be a quarter end this load covers; it covers: {offered}")


@app.command()
def report(
    period_end: Annotated[str, typer.Option("--period-end", help="Last day of the quarter.")],
    out_file: Annotated[Path, typer.Option("--out", help="HTML file to write.")],
    db: DbOption = None,
    months: Annotated[int, typer.Option(help="Length of the period in months.")] = 12,
) -> None:
    """Write the quarterly board pack: one offline HTML file, disclosure-controlled."""
    from neglect_insight.pipelines.report import write_board_pack

    end, months = _date(period_end, "--period-end"), _months(months)
    try:
        _check_quarter_end(_db(db), end)
        path = write_board_pack(_db(db), end, out_file, months)
    except FileNotFoundError as err:
        console.print(str(err))
        raise typer.Exit(1) from None
    out.print(f"Board pack written to {path}")


@app.command("add-qa-user")
def add_qa_user(
    name: Annotated[str, typer.Argument(help="User name: 2 to 40 of a-z, 0-9, '.', '_', '-'.")],
    db: DbOption = None,
) -> None:
    """Add (or replace the password of) a QA user who may see the rows behind a number."""
    from neglect_insight.pipelines.access import add_user, check_name, users_path
    from neglect_insight.pipelines.load.database import store_dir

    try:
        check_name(name)
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None
    password = typer.prompt("Password (at least 12 characters)", hide_input=True,
                            confirmation_prompt=True)
    try:
        path = add_user(users_path(store_dir(_db(db))), name, password)
    except ValueError as err:
        console.print(str(err))
        raise typer.Exit(1) from None
    out.print(f"Saved QA user {name} in {path}")


def _streamlit_flags() -> list[str]:
    """The dashboard's Streamlit settings (dashboard/streamlit_config.toml) as command-line
    flags, so they apply whichever folder the command runs from."""
    import tomllib

    from neglect_insight.dashboard import APP_PATH

    config = APP_PATH.with_name("streamlit_config.toml")
    flags: list[str] = []
    if config.exists():
        for section, options in tomllib.loads(config.read_text()).items():
            for option, value in options.items():
                text = str(value).lower() if isinstance(value, bool) else str(value)
                flags += [f"--{section}.{option}", text]
    return flags


def _serve(db_path: Path, port: int) -> None:
    """Run Streamlit on the dashboard: headless, offline, no usage statistics."""
    from streamlit.web import cli as stcli

    from neglect_insight.dashboard import APP_PATH

    os.environ["NEGLECT_INSIGHT_DB"] = str(db_path.absolute())
    sys.argv = ["streamlit", "run", str(APP_PATH), *_streamlit_flags(),
                "--server.port", str(port), "--server.headless", "true",
                "--browser.gatherUsageStats", "false", "--global.developmentMode", "false"]
    sys.exit(stcli.main())


@app.command()
def serve(
    db: DbOption = None,
    port: Port = 8501,
) -> None:
    """Serve the Streamlit dashboard (read-only) on http://localhost:PORT."""
    _serve(_db(db), port)


@app.command()
def demo(
    port: Port = 8501,
    scale: Annotated[str, typer.Option(help="Synthetic scale.")] = "la",
) -> None:
    """Make synthetic data, load it and serve the dashboard: the one command a newcomer runs."""
    from neglect_insight.pipelines.ingest import ingest_delivery
    from neglect_insight.pipelines.synth import write_delivery

    scale = _scale(scale)
    delivery = Path("demo-delivery")
    db_path = _db(None)
    end = date(2025, 3, 31)
    if not (delivery / "children.csv").exists():
        with _Progress(f"Making {scale} synthetic data") as progress:
            write_delivery(delivery, scale=scale, seed=1, end=end, years=5, progress=progress)
    if not db_path.exists():
        with _Progress("Loading") as progress:
            outcome = ingest_delivery(delivery, db_path, end, progress)
        _report(outcome, "loaded")
        if outcome.refused:
            raise typer.Exit(1)
    out.print(f"Dashboard: http://localhost:{port}")
    _serve(db_path, port)


@app.command()
def bench(
    scale: Annotated[str, typer.Option(help="small | la | large-la | national")] = "la",
    seed: Annotated[int, typer.Option(help="Random seed.")] = 1,
    out_file: Annotated[Path, typer.Option("--out", help="JSON results file.")] = Path(
        "bench.json"),
) -> None:
    """Time synth, validation and load, and indicators; set the indicators beside England."""
    from rich.table import Table

    from neglect_insight.pipelines.bench import run, write_json
    from neglect_insight.pipelines.indicators.catalogue import catalogue

    scale = _scale(scale)
    with _Progress(f"Benchmarking at {scale} scale") as progress:
        result = run(scale, seed, progress=progress)
    steps = Table(title=f"Neglect Insight benchmark, {scale} scale")
    for col in ("Step", "Seconds", "Detail"):
        steps.add_column(col)
    for step in result.steps:
        steps.add_row(step.name, f"{step.seconds:.2f}", step.detail)
    out.print(steps)
    out.print(f"Peak memory: {result.peak_rss_mib:,.0f} MiB")
    figures = Table(title=f"Indicators for the 12 months ending {result.period_end}")
    for col in ("Indicator", "Value", "England", "England period"):
        figures.add_column(col)
    for indicator_id, v in result.indicators.items():
        indicator = catalogue()[indicator_id]
        england = "" if v["england"] is None else (
            f"{v['england']:,.0f}" if indicator.unit == "count" else f"{v['england']:,}")
        figures.add_row(indicator.short_label, "" if v["value"] is None else f"{v['value']:,}",
                        england, v["england_period"] or "")
    out.print(figures)
    out.print(f"Results written to {write_json(result, out_file)}")


def main() -> None:  # pragma: no cover
    app()
