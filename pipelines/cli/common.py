"""What every `neglect-insight` subcommand shares: the Typer app, the two consoles (progress
and messages on stderr, results on stdout), option types and their checks, and progress."""

from __future__ import annotations

import os
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


@app.callback()
def _settings_file(
    config: Annotated[
        Path | None,
        typer.Option("--config", metavar="PATH",
                     help="Settings file (default ./neglect-insight.toml or "
                     "$NEGLECT_INSIGHT_CONFIG)."),
    ] = None,
) -> None:
    """Options every subcommand shares: `--config PATH` names the settings file for this run
    (interface.md, "Settings"), by setting $NEGLECT_INSIGHT_CONFIG for the process, so the
    dashboard `serve` starts reads the same file."""
    from neglect_insight.pipelines.settings import SETTINGS_ENV

    if config is None:
        return
    if not config.is_file():
        raise typer.BadParameter(f"the settings file {config} was not found", param_hint="--config")
    os.environ[SETTINGS_ENV] = str(config.resolve())

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Database path (default ./neglect.duckdb or $NEGLECT_INSIGHT_DB)."),
]


def db_path_or_default(db: Path | None) -> Path:
    from neglect_insight.pipelines.load.database import default_db_path

    return db or default_db_path()


def parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{option} must be a date written YYYY-MM-DD") from None


def check_scale(scale: str) -> str:
    from neglect_insight.pipelines.synth import SCALES

    if scale not in SCALES:
        raise typer.BadParameter(f"--scale must be one of {', '.join(SCALES)}")
    return scale


def check_months(months: int) -> int:
    """Periods are a year or a quarter (indicators.md)."""
    if months not in (3, 12):
        raise typer.BadParameter("--months must be 12 (a year) or 3 (a quarter)")
    return months


def check_delivery_folder(folder: Path) -> Path:
    if not folder.exists():
        raise typer.BadParameter(f"the delivery folder {folder} does not exist")
    if not folder.is_dir():
        raise typer.BadParameter(f"{folder} is a file; give the folder that holds the delivery")
    return folder


DeliveryFolder = Annotated[
    Path, typer.Argument(help="Delivery folder.", callback=check_delivery_folder),
]
Port = Annotated[int, typer.Option(help="Port to serve on.", min=1, max=65535)]


class Progress:
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
