"""write_delivery: one coherent synthetic partnership delivery in the canonical CSV form.

Why one entry point: the CLI (`neglect-insight synth`), the demo and the tests all need the
same files from the same arguments; the same seed and arguments give byte-identical files
(one numpy PCG64 stream, deterministic sorts, polars CSV writer). Steps: births -> spells
and their rounds (journeys) -> the window an LA would extract (tables) -> planted query-level
rows (questionable) -> attendance, population, early years -> Graded Care Profile 2 and case
audits (practice, on a stream of its own) -> CSV files.
"""

from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from neglect_insight.pipelines.synth import (
    attendance,
    dates,
    early_years,
    journeys,
    population,
    practice,
    questionable,
)
from neglect_insight.pipelines.synth import tables as extract_tables
from neglect_insight.pipelines.synth.params import BURN_IN_YEARS, SCALES

FILES = (
    "children", "early_help", "referrals", "assessments", "cin_plans", "cp_plans",
    "attendance", "attendance_all_pupils", "population", "early_years", "gcp2", "case_audits",
)  # fmt: skip


def write_delivery(
    out_dir: Path,
    scale: str = "small",
    seed: int = 1,
    end: date = date(2025, 3, 31),
    years: int = 5,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Write a coherent synthetic delivery in the canonical CSV form into out_dir; return
    {file name: data rows}."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    if years < 1:
        raise ValueError("years must be at least 1")
    say = progress or (lambda _message: None)
    rng = np.random.Generator(np.random.PCG64(seed))
    end_day = dates.to_day(end)
    window_start = int(dates.add_months(np.int32(end_day), -12 * years)) + 1
    sim_start = int(dates.add_months(np.int32(window_start), -12 * BURN_IN_YEARS))

    say("births")
    births = population.simulate(
        rng,
        SCALES[scale],
        first=int(dates.add_months(np.int32(sim_start), -12 * 18 - 1)),
        last=int(dates.add_months(np.int32(end_day), 12)),
        ref_day=dates.day_of(end.year - 1, 6, 30),
    )
    simulated = journeys.simulate(rng, births, sim_start, end_day, say)
    say("children")
    tables, services = extract_tables.build(
        rng, simulated, window_start, end_day, national=scale == "national"
    )
    del simulated
    tables = questionable.plant(rng, tables, end_day)
    say("attendance")
    tables["attendance_all_pupils"] = attendance.all_pupils(rng, births, window_start, end_day)
    # Population for every year the data spans and the year before.
    starts = (tables["early_help"]["start_date"], tables["referrals"]["referral_date"],
              tables["cp_plans"]["start_date"])  # fmt: skip
    first_day = min((s.min() for s in starts if s.len()), default=end)
    tables["population"] = population.table(births, first_day.year - 1, end.year)
    tables["early_years"] = early_years.table(rng, births, window_start, end_day)
    say("practice")  # its own random stream: the files above are as they were without it
    tables |= practice.tables(seed, tables, window_start, end_day)
    chunks = attendance.child_rows(
        rng, services, tables["children"]["child_id"], window_start, end_day
    )

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = {}
    for name in FILES:
        say(f"writing {name}.csv")
        path = out_dir / f"{name}.csv"
        if name == "attendance":
            rows[path.name] = _write_chunks(chunks, path)
        else:
            tables[name].write_csv(path)
            rows[path.name] = tables[name].height
    return rows


def _write_chunks(chunks, path: Path) -> int:
    """Write frames one after another under one header; return the number of rows."""
    total = 0
    with path.open("wb") as f:
        for i, chunk in enumerate(chunks):
            chunk.write_csv(f, include_header=i == 0)
            total += chunk.height
        if total == 0:
            pl.DataFrame(schema={c: pl.String for c in attendance.COLUMNS}).write_csv(f)
    return total
