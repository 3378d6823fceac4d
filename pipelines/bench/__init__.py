"""The performance benchmark (`neglect-insight bench`, issue 11): synthesise a delivery once
per (scale, seed) and cache it, then time ingest, the DuckDB floor, all indicators for one
period and the full quarterly trend, each as the min and median of several runs; set the core
indicators beside a plain-pandas reference (same data, same run) and, with `pages`, time every
dashboard page in Chromium. Returns the "bench JSON" of interface.md, with every indicator
beside England's published figure under "indicators" (the synthetic data's calibration).

Each timed run of synth, ingest, floor and the indicator steps is a fresh Python process
(`child.py`), so the peak RSS reported for a step is that step's own (getrusage of the child);
the reference and the engine beside it run in this process, warm, one after the other.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

SCALES = ("small", "la", "large-la", "national")
DEFAULT_CACHE = Path.home() / ".cache" / "neglect-insight" / "bench"
END = date(2025, 3, 31)  # the synthetic data's extract date, its last quarter end

Progress = Callable[[str], None]


def machine() -> dict:
    """Cores and memory as /proc reports them (os.cpu_count where /proc is missing)."""
    memory_kib = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kib = int(line.split()[1])
    except OSError:
        pass
    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in
                    Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "")
    except OSError:
        pass
    return {"cores": os.cpu_count() or 0, "memory_gib": round(memory_kib / 1024 ** 2),
            "python": platform.python_version(), "cpu": cpu}


def _child(step: str, args: dict) -> dict:
    """Run one step in a fresh process (child.py) and return what it reported."""
    with tempfile.TemporaryDirectory(prefix="neglect-bench-step-") as folder:
        result = Path(folder) / "result.json"
        done = subprocess.run(
            [sys.executable, "-m", "neglect_insight.pipelines.bench.child", step,
             json.dumps(args), str(result)], capture_output=True, text=True, check=False)
        if done.returncode != 0 or not result.exists():
            raise RuntimeError(f"bench step {step} failed:\n{done.stderr[-3000:]}")
        return json.loads(result.read_text())


def summary(seconds: list[float], rss: list[float] | None = None) -> dict:
    """min and median of the runs (seconds, 3 decimals) and the largest peak RSS."""
    return {"min_s": round(min(seconds), 3), "median_s": round(statistics.median(seconds), 3),
            "runs": len(seconds), "peak_rss_mib": round(max(rss), 1) if rss else None}


def cached_delivery(scale: str, seed: int, cache: Path | None, say: Progress
                    ) -> tuple[Path, dict]:
    """The synthetic delivery for (scale, seed), made once and kept under `cache`; returns its
    folder and its meta (rows per file, synth seconds and peak RSS when it was made)."""
    home = Path(cache or DEFAULT_CACHE) / f"{scale}-{seed}"
    delivery, meta_path = home / "delivery", home / "meta.json"
    if meta_path.exists() and delivery.is_dir():
        meta = json.loads(meta_path.read_text())
        if meta.get("end") == END.isoformat():
            say(f"Using the cached {scale} delivery in {delivery}")
            return delivery, meta
    say(f"Making the {scale} synthetic delivery (once; cached in {home})")
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    made = _child("synth", {"out": str(home / "making"), "scale": scale, "seed": seed,
                            "end": END.isoformat()})
    (home / "making").rename(delivery)
    meta = {"end": END.isoformat(), "rows": made["rows"], "synth_s": made["seconds"],
            "synth_peak_rss_mib": made["peak_rss_mib"]}
    meta_path.write_text(json.dumps(meta, indent=2))
    return delivery, meta


def _ingest_runs(delivery: Path, work: Path, runs: int, say: Progress
                 ) -> tuple[dict, Path]:
    """`runs` ingests, each into a new store; the last store is kept for the steps after."""
    seconds, rss, parts = [], [], {}
    db = work / "run-0" / "neglect.duckdb"
    for n in range(runs):
        say(f"Ingest, run {n + 1} of {runs}")
        db = work / f"run-{n}" / "neglect.duckdb"
        db.parent.mkdir(parents=True)
        got = _child("ingest", {"delivery": str(delivery), "db": str(db),
                                "end": END.isoformat()})
        if got["refused"]:
            raise RuntimeError(f"the synthetic delivery was refused: see {got['rejects']}")
        seconds.append(got["seconds"])
        rss.append(got["peak_rss_mib"])
        for part, s in got["parts"].items():
            parts.setdefault(part, []).append(s)
        if n:  # keep disk use to one store
            shutil.rmtree(work / f"run-{n - 1}", ignore_errors=True)
    steps = {"ingest": summary(seconds, rss)}
    steps.update({f"ingest.{p}": summary(s) for p, s in parts.items()})
    return steps, db


def _timed_child(step: str, args: dict, runs: int, say: Progress) -> tuple[dict, dict]:
    seconds, rss, last = [], [], {}
    for n in range(runs):
        say(f"{step}, run {n + 1} of {runs}")
        last = _child(step, args)
        seconds.append(last["seconds"])
        rss.append(last["peak_rss_mib"])
    return summary(seconds, rss), last


def _floor(delivery: Path, work: Path, runs: int, say: Progress) -> dict:
    seconds = []
    for n in range(runs):
        say(f"Floor (DuckDB reading the CSVs), run {n + 1} of {runs}")
        db = work / f"floor-{n}.duckdb"
        seconds.append(_child("floor", {"delivery": str(delivery), "db": str(db)})["seconds"])
        db.unlink(missing_ok=True)
    return {"min_s": round(min(seconds), 3), "median_s": round(statistics.median(seconds), 3)}


def side_by_side(delivery: Path, db: Path, runs: int, say: Progress) -> tuple[dict, dict, dict]:
    """Each core indicator by the engine (its family, from the load) and by pandas (from frames
    already read): times (median of `runs`), speed-up and whether numerator, denominator and
    value all agree. Returns (reference JSON, the two sets of figures, the CSV read step)."""
    from neglect_insight.pipelines.bench import reference as pandas_ref
    from neglect_insight.pipelines.indicators.availability import availability
    from neglect_insight.pipelines.indicators.engine import compute
    from neglect_insight.pipelines.load.database import connect_read_only

    say("Reference: reading the CSVs with pandas")
    read_s = []
    for _ in range(runs):
        started = time.perf_counter()
        frames = pandas_ref.read_frames(delivery)
        read_s.append(time.perf_counter() - started)
    out, figures = {}, {}
    with connect_read_only(db) as conn:
        known = availability(conn)  # what the load lacks: read once per load, as a server does
        for indicator_id in pandas_ref.INDICATORS:
            say(f"Reference: {indicator_id}")
            ours_s, pandas_s = [], []
            for _ in range(runs):
                started = time.perf_counter()
                ours = compute(conn, END, ids=[indicator_id], known=known)[indicator_id]
                ours_s.append(time.perf_counter() - started)
                started = time.perf_counter()
                theirs = pandas_ref.figures(frames, END, indicator_id)
                pandas_s.append(time.perf_counter() - started)
            mine = {"numerator": ours.numerator, "denominator": ours.denominator,
                    "value": ours.value}
            o, p = statistics.median(ours_s), statistics.median(pandas_s)
            out[indicator_id] = {"ours_s": round(o, 4), "pandas_s": round(p, 4),
                                 "speedup": round(p / o, 2) if o else None,
                                 "agree": mine == theirs}
            figures[indicator_id] = {"ours": mine, "pandas": theirs}
    return out, figures, {"reference.read_csv": summary(read_s)}


def calibration(db: Path) -> dict:
    """Every indicator for the period beside England's published figure (the synthetic data's
    calibration, as tests/sql/indicators/test_calibration.py asks of the national scale)."""
    from neglect_insight.pipelines.indicators.comparators import england_all
    from neglect_insight.pipelines.indicators.engine import compute
    from neglect_insight.pipelines.load.database import connect_read_only

    with connect_read_only(db) as conn:
        values, englands = compute(conn, END), england_all(conn)
    out = {}
    for indicator_id, value in values.items():
        england = englands.get(indicator_id)
        out[indicator_id] = value.as_json() | {
            "england": england.value if england else None,
            "england_period": england.period if england else None}
    return out


def _parquet(db: Path, work: Path, runs: int, say: Progress) -> dict:
    """Scale-out check: the load's tables exported to Parquet (COPY ... FORMAT parquet), then
    all indicators for one period read from the Parquet files through views (with a digest of
    the figures, to check they are those read from the .duckdb file)."""
    import duckdb

    folder = work / "parquet"
    folder.mkdir()
    say("Exporting the load to Parquet")
    started = time.perf_counter()
    with duckdb.connect(str(db), read_only=True) as conn:
        names = [r[0] for r in conn.execute(
            "select table_name from information_schema.tables where table_schema = 'main' "
            "order by 1").fetchall()]
        for name in names:
            conn.execute(f"copy (select * from \"{name}\") to '{folder / name}.parquet' "
                         "(format parquet)")
    export_s = time.perf_counter() - started
    step, last = _timed_child("indicators_period",
                              {"parquet": str(folder), "end": END.isoformat()}, runs, say)
    return {"parquet.export": summary([export_s]), "parquet.indicators_period": step,
            "parquet_bytes": sum(p.stat().st_size for p in folder.glob("*.parquet")),
            "digest": last["digest"]}


def run(scale: str, seed: int = 1, runs: int = 3, cache: Path | None = None,
        pages: bool = False, progress: Progress | None = None) -> dict:
    """The bench JSON (interface.md) for `scale`; see the module docstring."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    if runs < 1:
        raise ValueError("runs must be at least 1")
    say = progress or (lambda _m: None)
    delivery, meta = cached_delivery(scale, seed, cache, say)
    result: dict = {"scale": scale, "seed": seed, "machine": machine(), "period_end":
                    END.isoformat(), "rows": meta["rows"],
                    "rows_total": sum(meta["rows"].values()), "db_bytes": 0, "steps": {
                        "synth": summary([meta["synth_s"]], [meta["synth_peak_rss_mib"]])}}
    work = Path(tempfile.mkdtemp(prefix="neglect-bench-"))
    try:
        ingest_steps, db = _ingest_runs(delivery, work, runs, say)
        result["steps"].update(ingest_steps)
        load = db.resolve()
        result["db_bytes"] = load.stat().st_size
        result["rows_per_s"] = round(result["rows_total"] / ingest_steps["ingest"]["median_s"])
        args = {"db": str(db), "end": END.isoformat()}
        result["steps"]["indicators_period"], period = _timed_child(
            "indicators_period", args, runs, say)
        result["steps"]["trend_all_quarters"], trend = _timed_child(
            "trend_all_quarters", args, runs, say)
        result["quarter_ends"] = trend["quarter_ends"]
        result["steps"]["import.great_expectations"], _ = _timed_child("gx_import", {}, runs,
                                                                       say)
        result["floor"] = _floor(delivery, work, runs, say)
        result["ingest_over_floor"] = round(
            result["steps"]["ingest"]["median_s"] / result["floor"]["median_s"], 1)
        result["reference"], result["reference_figures"], read = side_by_side(
            delivery, db, runs, say)
        result["steps"].update(read)
        result["indicators"] = calibration(db)
        scale_out = _parquet(load, work, runs, say)
        result["parquet_bytes"] = scale_out.pop("parquet_bytes")
        result["parquet_same_numbers"] = scale_out.pop("digest") == period["digest"]
        result["steps"].update(scale_out)
        if pages:
            from neglect_insight.pipelines.bench.pages import time_pages

            result["pages"] = time_pages(db, say)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


def write_json(result: dict, path: Path) -> Path:
    path.write_text(json.dumps(result, indent=2))
    return path
