"""Commands that serve the dashboard or measure speed: `serve`, `demo`, `bench`."""

from __future__ import annotations

import errno
import os
import socket
import sys
import tempfile
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


def port_free(host: str, port: int) -> bool:
    """Whether no other program is listening on host:port now (probed as Streamlit binds:
    address reuse on, so a port a closed server left in TIME_WAIT counts as free). Any other
    problem with the address is left for the server to report."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as err:
            return err.errno != errno.EADDRINUSE
    return True


def check_port(host: str, port: int, command: str) -> None:
    """Stop at once, in plain words and with a port to try instead, when the port is taken (a
    dashboard already running, say): no data made, no traceback."""
    if port_free(host, port):
        return
    spare = next((p for p in range(port + 1, min(port + 50, 65536)) if port_free(host, p)),
                 None)
    hint = (f" Try another port: neglect-insight {command} --port {spare}" if spare else
            " Stop the program using it, or choose another port with --port.")
    console.print(f"Port {port} is already in use on this computer (is the dashboard already "
                  f"running?).{hint}", markup=False, soft_wrap=True)
    raise typer.Exit(1)


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
    host = _host(host)
    check_port(host, port, "serve")
    _serve(db_path_or_default(db), port, host)


@app.command()
def demo(
    port: Port = 8501,
    scale: Annotated[str, typer.Option(help="Synthetic scale.")] = "la",
) -> None:
    """Make synthetic data, load it and serve the dashboard: the one command a newcomer runs.
    The synthetic delivery is made in a temporary folder, deleted once loaded: only the load
    (the --db store, neglect.duckdb here by default) stays, and is reused next time."""
    from neglect_insight.pipelines.cli.deliveries import print_outcome
    from neglect_insight.pipelines.ingest import ingest_delivery
    from neglect_insight.pipelines.load.database import LoadFailed
    from neglect_insight.pipelines.load.locks import IngestBusy
    from neglect_insight.pipelines.synth import write_delivery

    scale = check_scale(scale)
    check_port("127.0.0.1", port, "demo")
    db_path = db_path_or_default(None)
    end = date(2025, 3, 31)
    if not db_path.exists():
        try:
            with tempfile.TemporaryDirectory(prefix="neglect-insight-demo-") as folder:
                delivery = Path(folder) / "delivery"
                with Progress(f"Making {scale} synthetic data") as progress:
                    write_delivery(delivery, scale=scale, seed=1, end=end, years=5,
                                   progress=progress)
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
    seed: Annotated[int, typer.Option(help="Random seed of the synthetic data.")] = 1,
    runs: Annotated[int, typer.Option(min=1, help="Runs of each timed step (min, median).")
                    ] = 3,
    cache: Annotated[Path | None, typer.Option(
        help="Folder keeping the synthetic delivery per scale and seed "
             "(default ~/.cache/neglect-insight/bench).")] = None,
    pages: Annotated[bool, typer.Option(
        "--pages", help="Also time every dashboard page in Chromium.")] = False,
    json_file: Annotated[Path, typer.Option("--json", help="JSON results file.")] = Path(
        "bench.json"),
) -> None:
    """Time synth, ingest (and its parts) against DuckDB's floor, indicators and the quarterly
    trend; check the core indicators against a plain-pandas reference; set every indicator
    beside England; optionally time the pages in Chromium. See docs/performance.md."""
    from rich.table import Table

    from neglect_insight.pipelines.bench import run, write_json
    from neglect_insight.pipelines.indicators.catalogue import catalogue

    scale = check_scale(scale)
    with Progress(f"Benchmarking at {scale} scale") as progress:
        result = run(scale, seed, runs, cache, pages, progress)
    steps = Table(title=f"Neglect Insight benchmark, {scale} scale, "
                        f"{result['rows_total']:,} rows, {result['machine']['cores']} cores")
    for col in ("Step", "Min s", "Median s", "Runs", "Peak RSS MiB"):
        steps.add_column(col, justify="left" if col == "Step" else "right")
    for name, step in result["steps"].items():
        rss = step["peak_rss_mib"]
        steps.add_row(name, f"{step['min_s']:.3f}", f"{step['median_s']:.3f}",
                      str(step["runs"]), "" if rss is None else f"{rss:,.0f}")
    floor = result["floor"]
    steps.add_row("floor (DuckDB reads the CSVs)", f"{floor['min_s']:.3f}",
                  f"{floor['median_s']:.3f}", "", "")
    out.print(steps)
    out.print(f"Ingest = {result['ingest_over_floor']}x the floor; "
              f"{result['rows_per_s']:,} rows a second; "
              f"database {result['db_bytes'] / 2 ** 20:,.1f} MiB")
    reference = Table(title="Core indicators: ours beside a plain-pandas reference")
    for col in ("Indicator", "Ours s", "Pandas s", "Speed-up", "Same numbers"):
        reference.add_column(col, justify="left" if col == "Indicator" else "right")
    for indicator_id, r in result["reference"].items():
        reference.add_row(indicator_id, f"{r['ours_s']:.4f}", f"{r['pandas_s']:.4f}",
                          f"{r['speedup']}x", "yes" if r["agree"] else "NO")
    out.print(reference)
    figures = Table(title=f"Indicators for the 12 months ending {result['period_end']}")
    for col in ("Indicator", "Value", "England", "England period"):
        figures.add_column(col)
    for indicator_id, v in result["indicators"].items():
        indicator = catalogue()[indicator_id]
        england = "" if v["england"] is None else (
            f"{v['england']:,.0f}" if indicator.unit == "count" else f"{v['england']:,}")
        figures.add_row(indicator.short_label, "" if v["value"] is None else f"{v['value']:,}",
                        england, v["england_period"] or "")
    out.print(figures)
    if result.get("pages"):
        timings = Table(title="Pages in Chromium (ms)")
        for col in ("Page", "First open", "p50 change", "p95 change", "Changes"):
            timings.add_column(col, justify="left" if col == "Page" else "right")
        for page, t in result["pages"].items():
            timings.add_row(page, f"{t['first_open_ms']:,}", str(t["p50_ms"] or ""),
                            str(t["p95_ms"] or ""), str(t["changes"]))
        out.print(timings)
    out.print(f"Results written to {write_json(result, json_file)}")
