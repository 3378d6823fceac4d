"""One timed benchmark step, run in a fresh Python process so that its peak RSS is its own.

    python -m neglect_insight.pipelines.bench.child STEP ARGS_JSON RESULT_JSON

The parent (`bench.run`) starts one process per step and run; the step writes
{"seconds": float, "peak_rss_mib": float, ...} to RESULT_JSON. What each step's clock covers:
synth and ingest include importing their modules (a command-line run pays for it); the
indicator steps start after the imports and time connect + compute (a served dashboard has
its modules loaded already). Only the standard library is imported at the top, so no step pays
for another's imports.
"""

from __future__ import annotations

import hashlib
import json
import resource
import sys
import time
from datetime import date
from pathlib import Path

# The parts of an ingest, in order, and the progress message (its start) that begins each; a
# message that matches none belongs to the part already running. Keep in step with
# pipelines/ingest.py and pipelines/validate/__init__.py: a reworded message only merges two
# parts, it never loses time. "contracts" begins at the first "Checking <file> against its data
# contract", so it is only looked for once "types" is running.
INGEST_PARTS = ("read", "identifiers", "types", "contracts", "cross_file", "models", "finish")
_STARTS = (
    ("identifiers", "Looking for names"),
    ("types", "Checking dates, whole numbers"),
    ("cross_file", "Checking rules across files"),
    ("models", "Building models"),
    ("finish", "Switched to the new load"),
)


def peak_rss_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _part_of(message: str, current: str) -> str:
    """The part `message` begins, or `current`; parts only move forward."""
    found = next((name for name, start in _STARTS if message.startswith(start)), None)
    if found is None and current == "types" and message.startswith("Checking "):
        found = "contracts"
    if found and INGEST_PARTS.index(found) > INGEST_PARTS.index(current):
        return found
    return current


def synth(args: dict) -> dict:
    started = time.perf_counter()
    from neglect_insight.pipelines.synth import write_delivery

    rows = write_delivery(Path(args["out"]), scale=args["scale"], seed=args["seed"],
                          end=date.fromisoformat(args["end"]))
    return {"seconds": time.perf_counter() - started, "rows": rows}


def ingest(args: dict) -> dict:
    """ingest_delivery, with each part timed from the progress messages it gives."""
    started = time.perf_counter()
    marks: list[tuple[str, float]] = [("read", started)]

    def say(message: str) -> None:
        part = _part_of(message, marks[-1][0])
        if part != marks[-1][0]:
            marks.append((part, time.perf_counter()))

    from neglect_insight.pipelines.ingest import ingest_delivery

    outcome = ingest_delivery(Path(args["delivery"]), Path(args["db"]),
                              date.fromisoformat(args["end"]), say)
    finished = time.perf_counter()
    parts: dict[str, float] = {}
    for (name, at), (_next, until) in zip(marks, [*marks[1:], ("", finished)], strict=True):
        parts[name] = parts.get(name, 0.0) + until - at
    return {"seconds": finished - started, "parts": parts, "refused": outcome.refused,
            "load_file": outcome.run.load_file, "rejects": str(outcome.rejects_path)}


def floor(args: dict) -> dict:
    """DuckDB reading every CSV of the delivery into a table of a new database, nothing else."""
    import duckdb

    started = time.perf_counter()
    with duckdb.connect(args["db"]) as conn:
        for csv in sorted(Path(args["delivery"]).glob("*.csv")):
            conn.execute(f"create table \"{csv.stem}\" as select * from "
                         f"read_csv_auto('{csv}')")
        conn.execute("checkpoint")
    return {"seconds": time.perf_counter() - started}


def gx_import(_args: dict) -> dict:
    """Importing Great Expectations alone: part of `ingest.types` (contracts import it first)."""
    started = time.perf_counter()
    import great_expectations  # noqa: F401

    return {"seconds": time.perf_counter() - started}


def _connect(args: dict):
    import duckdb

    if args.get("parquet"):  # a load exported as Parquet, read through views + the macros
        from neglect_insight.pipelines.load.build import build_macros

        conn = duckdb.connect()
        for path in sorted(Path(args["parquet"]).glob("*.parquet")):
            conn.execute(f"create view \"{path.stem}\" as select * from read_parquet('{path}')")
        build_macros(conn)
        build_macros(conn, over_models=True)
        return conn
    from neglect_insight.pipelines.load.database import connect_read_only

    return connect_read_only(Path(args["db"]))


def indicators_period(args: dict) -> dict:
    from neglect_insight.pipelines.indicators.engine import compute

    end = date.fromisoformat(args["end"])
    with _connect(args) as conn:
        started = time.perf_counter()
        values = compute(conn, end, args.get("months", 12))
        seconds = time.perf_counter() - started
    figures = json.dumps({i: v.as_json() for i, v in values.items()}, sort_keys=True)
    return {"seconds": seconds, "indicators": len(values),
            "digest": hashlib.sha256(figures.encode()).hexdigest()}


def trend_all_quarters(args: dict) -> dict:
    from neglect_insight.pipelines.indicators.catalogue import catalogue
    from neglect_insight.pipelines.indicators.engine import quarter_ends, trend

    with _connect(args) as conn:
        started = time.perf_counter()
        ends = quarter_ends(conn)
        trend(conn, list(catalogue()), ends, args.get("months", 12))
        return {"seconds": time.perf_counter() - started, "quarter_ends": len(ends)}


STEPS = {f.__name__: f for f in (synth, ingest, floor, gx_import, indicators_period,
                                  trend_all_quarters)}


def main(argv: list[str]) -> None:
    step, args, result = argv[1], json.loads(argv[2]), Path(argv[3])
    out = STEPS[step](args)
    out["peak_rss_mib"] = peak_rss_mib()
    result.write_text(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv)
