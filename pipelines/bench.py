"""The performance benchmark (`neglect-insight bench`): synthesise, validate and load, compute
every indicator, and time each step; also set the indicators beside England's figures, so one
run shows both speed and calibration of the synthetic data.
"""

from __future__ import annotations

import json
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path


@dataclass
class Step:
    name: str
    seconds: float
    detail: str = ""


@dataclass
class BenchResult:
    scale: str
    seed: int
    period_end: str
    steps: list[Step] = field(default_factory=list)
    peak_rss_mib: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)
    indicators: dict[str, dict] = field(default_factory=dict)

    def to_json(self) -> dict:
        return asdict(self)


def _timed(result: BenchResult, name: str, fn: Callable, detail: str = ""):
    started = time.perf_counter()
    value = fn()
    result.steps.append(Step(name, round(time.perf_counter() - started, 2), detail))
    return value


def run(scale: str, seed: int = 1, end: date = date(2025, 3, 31), work_dir: Path | None = None,
        progress: Callable[[str], None] | None = None, keep: bool = False) -> BenchResult:
    """Time synth → ingest → indicators at `scale`; the work folder is removed unless `keep`."""
    from neglect_insight.pipelines.indicators.catalogue import catalogue
    from neglect_insight.pipelines.indicators.comparators import england_all
    from neglect_insight.pipelines.indicators.engine import compute, quarter_ends
    from neglect_insight.pipelines.ingest import ingest_delivery
    from neglect_insight.pipelines.load.database import connect_read_only
    from neglect_insight.pipelines.synth import write_delivery

    say = progress or (lambda _m: None)
    work = Path(work_dir or tempfile.mkdtemp(prefix="neglect-bench-"))
    result = BenchResult(scale, seed, end.isoformat())
    try:
        delivery, db = work / "delivery", work / "neglect.duckdb"
        say("synthesising")
        result.rows = _timed(result, "synth", lambda: write_delivery(
            delivery, scale=scale, seed=seed, end=end, progress=say))
        total_rows = sum(result.rows.values())
        say("validating and loading")
        outcome = _timed(result, "validate + load",
                         lambda: ingest_delivery(delivery, db, end, say),
                         f"{total_rows:,} rows")
        if outcome.refused:
            raise RuntimeError(f"the synthetic delivery was refused: {outcome.rejects_path}")
        with connect_read_only(db) as conn:
            say("computing indicators")
            values = _timed(result, "all indicators, 12 months", lambda: compute(conn, end),
                            f"{len(catalogue())} indicators")
            _timed(result, "all indicators, one quarter", lambda: compute(conn, end, 3))
            ends = quarter_ends(conn)[-8:]
            _timed(result, "trend of 8 quarters, 3 indicators", lambda: [
                compute(conn, e, 12, ids=["neglect_children_total", "rereferral_12m",
                                          "cpp_second_or_subsequent"]) for e in ends])
            englands = england_all(conn)
        for indicator_id, value in values.items():
            england = englands.get(indicator_id)
            result.indicators[indicator_id] = value.as_json() | {
                "england": england.value if england else None,
                "england_period": england.period if england else None,
            }
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    result.peak_rss_mib = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def write_json(result: BenchResult, path: Path) -> Path:
    path.write_text(json.dumps(result.to_json(), indent=2))
    return path
