"""Commands that print or write figures: `indicators` (raw, for analysts) and `report` (the
board pack)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from neglect_insight.pipelines.cli.common import (
    DbOption,
    app,
    check_months,
    console,
    db_path_or_default,
    out,
    parse_date,
)


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

    end, months = parse_date(period_end, "--period-end"), check_months(months)
    if format not in ("json", "csv", "table"):
        raise typer.BadParameter("--format must be json, csv or table")
    try:
        conn = connect_read_only(db_path_or_default(db))
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
                         "denominator", "value", "reason", "note"])
        for i, v in values.items():  # as in the JSON: no figure without a file it needs
            shown = v.as_json()
            writer.writerow([i, period.start, period.end, shown["numerator"],
                             shown["denominator"], shown["value"], v.reason, v.note])
    else:
        from rich.table import Table

        table = Table(title=f"Indicators, {period.label}")
        for col in ("Indicator", "id", "Numerator", "Denominator", "Value", "Note"):
            table.add_column(col, justify="right" if col in ("Numerator", "Denominator", "Value")
                             else "left")
        for i, v in values.items():
            shown = v.as_json()
            table.add_row(catalogue()[i].short_label, i, *(
                "" if shown[k] is None else f"{shown[k]:,}"
                for k in ("numerator", "denominator", "value")), v.reason or v.note or "")
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
    pdf: Annotated[Path | None, typer.Option(
        "--pdf", help="Also print the pack to this PDF file (A4, with headless Chromium).")
    ] = None,
) -> None:
    """Write the quarterly board pack: offline HTML, disclosure-controlled (--pdf: also a PDF)."""
    from neglect_insight.pipelines.indicators.benchmarks import PartnershipError
    from neglect_insight.pipelines.pack.pdf import PdfError
    from neglect_insight.pipelines.report import write_board_pack
    from neglect_insight.pipelines.settings import SettingsError

    end, months = parse_date(period_end, "--period-end"), check_months(months)
    try:
        _check_quarter_end(db_path_or_default(db), end)
        path = write_board_pack(db_path_or_default(db), end, out_file, months, pdf_path=pdf)
    except FileNotFoundError as err:
        console.print(str(err))
        raise typer.Exit(1) from None
    except (PartnershipError, SettingsError) as err:
        console.print(f"The board pack was not written: {err}")
        raise typer.Exit(1) from None
    except PdfError as err:
        out.print(f"Board pack written to {out_file}")
        console.print(f"The PDF was not written: {err}")
        raise typer.Exit(1) from None
    out.print(f"Board pack written to {path}")
    if pdf is not None:
        out.print(f"PDF written to {pdf}")
