"""Commands that serve the dashboard or measure speed: `serve`, `demo`, `bench`."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from neglect_insight.pipelines.cli.common import (
    DbOption,
    Port,
    Progress,
    app,
    check_scale,
    console,
    db_path_or_default,
    out,
)


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


Host = Annotated[str | None, typer.Option(
    help="Address to listen on (default: [server] host in the settings, else 127.0.0.1, this "
         "computer only). 0.0.0.0 listens on every network interface.")]
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _host(host: str | None) -> str:
    """--host, else `[server] host` in the settings, else 127.0.0.1."""
    from neglect_insight.pipelines.settings import SettingsError, load_settings

    if host is not None:
        if not host.strip() or any(c.isspace() for c in host):
            raise typer.BadParameter("--host must be an address such as 127.0.0.1 or 0.0.0.0")
        return host.strip()
    try:
        return load_settings().server.host
    except SettingsError as err:
        console.print(str(err), markup=False, soft_wrap=True)
        raise typer.Exit(2) from None


def where(host: str, port: int) -> str:
    """The line `serve` prints: the address, and who can reach it."""
    url_host = f"[{host}]" if ":" in host else host
    reach = ("this computer only" if host in LOOPBACK else
             "every network interface: other computers can connect" if host in ("0.0.0.0", "::")
             else "other computers that can reach this address can connect")
    return f"Serving on http://{url_host}:{port} ({reach})"


def _serve(db_path: Path, port: int, host: str) -> None:
    """Run Streamlit on the dashboard: on `host` only, headless, offline, no usage statistics,
    and without Streamlit's own welcome lines (its "Network URL" would suggest other
    computers can connect when they cannot)."""
    from streamlit.web import cli as stcli

    from neglect_insight.dashboard import APP_PATH

    os.environ["NEGLECT_INSIGHT_DB"] = str(db_path.absolute())
    out.print(where(host, port), markup=False)
    sys.argv = ["streamlit", "run", str(APP_PATH), *_streamlit_flags(),
                "--server.address", host, "--server.port", str(port),
                "--server.headless", "true",
                "--logger.hideWelcomeMessage", "true",
                "--browser.gatherUsageStats", "false", "--global.developmentMode", "false"]
    sys.exit(stcli.main())


@app.command()
def serve(
    db: DbOption = None,
    port: Port = 8501,
    host: Host = None,
) -> None:
    """Serve the Streamlit dashboard (read-only) on http://127.0.0.1:PORT, unless --host or
    the settings' [server] host say otherwise."""
    _serve(db_path_or_default(db), port, _host(host))


@app.command()
def demo(
    port: Port = 8501,
    scale: Annotated[str, typer.Option(help="Synthetic scale.")] = "la",
) -> None:
    """Make synthetic data, load it and serve the dashboard: the one command a newcomer runs."""
    from neglect_insight.pipelines.cli.deliveries import print_outcome
    from neglect_insight.pipelines.ingest import ingest_delivery
    from neglect_insight.pipelines.load.database import LoadFailed
    from neglect_insight.pipelines.load.locks import IngestBusy
    from neglect_insight.pipelines.synth import write_delivery

    scale = check_scale(scale)
    delivery = Path("demo-delivery")
    db_path = db_path_or_default(None)
    end = date(2025, 3, 31)
    if not (delivery / "children.csv").exists():
        with Progress(f"Making {scale} synthetic data") as progress:
            write_delivery(delivery, scale=scale, seed=1, end=end, years=5, progress=progress)
    if not db_path.exists():
        try:
            with Progress("Loading") as progress:
                outcome = ingest_delivery(delivery, db_path, end, progress)
        except (IngestBusy, LoadFailed) as err:
            console.print(str(err), markup=False, soft_wrap=True)
            raise typer.Exit(1) from None
        print_outcome(outcome, "loaded")
        if outcome.refused:
            raise typer.Exit(1)
    _serve(db_path, port, "127.0.0.1")


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

    scale = check_scale(scale)
    with Progress(f"Benchmarking at {scale} scale") as progress:
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
