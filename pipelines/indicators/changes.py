"""What changed since the previous load (issue 8, point 10): each quarter's extract restates
history (late recording, corrected episodes), so after a load the QA sub-group needs to see why
last quarter's reported figure is now different.

    previous current load  ┐
                           ├→ rows per extract file (old → new)
    new load               ┘→ children new and gone (counts only, never an id)
                            → every indicator, for the 12 months to every quarter end both
                              loads cover, whose value moved (old → new)

Values come from the engine, run on each load with today's indicator SQL, so a difference is a
difference in the data: each family's record rows summed into an `engine.Cube` whose `values()`
divide and round as `compute` does; only the breakdown characteristics are left out, as the
comparison is of the whole. A figure the load cannot give (a file it lacks) compares as empty.
To stay fast, a family is run only when something it reads differs: the tables its SQL (and the
macros it calls) names and the population (for rates), compared by a fingerprint of their
rows (count and the sum of every row's hash; a staging view by its raw table). The two loads are
worked on in two threads. The result is written beside the run record,
`runs/<run_id>/changes.json`, which the `ingest` summary and the Data quality page read.
"""

from __future__ import annotations

import json
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from neglect_insight.pipelines.calendar import Period, period_ending
from neglect_insight.pipelines.indicators import engine
from neglect_insight.pipelines.indicators.availability import availability
from neglect_insight.pipelines.indicators.catalogue import catalogue, families
from neglect_insight.pipelines.load.build import SQL_ROOT, indicator_sql
from neglect_insight.pipelines.load.database import runs_dir
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES

CHANGES_FILE = "changes.json"
MONTHS = 12
ALWAYS_READ = ("raw_population",)  # rates per 10,000 children
_WORD = re.compile(r"[a-z_][a-z0-9_]*")


@dataclass(frozen=True)
class FileRows:
    file: str
    old: int | None  # None: the load has no such table
    new: int | None


@dataclass(frozen=True)
class MovedValue:
    indicator_id: str
    label: str
    period_end: str  # ISO date; the period is the 12 months to it
    old: float | None
    new: float | None

    @property
    def change(self) -> float | None:
        if self.old is None or self.new is None:
            return None
        return round(self.new - self.old, 1)

    def size(self) -> tuple[float, float]:
        """How far it moved, for ordering: relative first (a rate and a count compare), then
        absolute; a value appearing or disappearing counts as the largest move."""
        if self.change is None:
            return float("inf"), float("inf")
        return abs(self.change) / max(abs(self.old or 0), 1.0), abs(self.change)


@dataclass
class LoadChanges:
    run_id: str
    previous_run_id: str | None
    months: int = MONTHS
    quarter_ends: list[str] = field(default_factory=list)
    files: list[FileRows] = field(default_factory=list)
    children_new: int = 0
    children_gone: int = 0
    moved: list[MovedValue] = field(default_factory=list)  # largest move first
    families_unchanged: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict:
        out = asdict(self)
        out["moved"] = [asdict(m) | {"change": m.change} for m in self.moved]
        out["period"] = f"{self.months} months to each quarter end both loads cover"
        return out


def compare_loads(previous: Path, current: Path) -> LoadChanges:
    """Compare two load files (each opened read-only)."""
    started = time.perf_counter()
    with duckdb.connect(str(previous), read_only=True) as old, \
            duckdb.connect(str(current), read_only=True) as new:
        changes = LoadChanges(_run_id(new), _run_id(old))
        changes.files = _file_rows(old, new)
        changes.children_new, changes.children_gone = _children(old, new)
        ends = sorted(set(engine.quarter_ends(old)) & set(engine.quarter_ends(new)))
        changes.quarter_ends = [e.isoformat() for e in ends]
        changed = _changed_families(old, new)
        changes.families_unchanged = [f for f in families() if f not in changed]
        with ThreadPoolExecutor(max_workers=2) as pool:
            old_values, new_values = pool.map(
                lambda conn: _values(conn.cursor(), changed, ends), (old, new))
    changes.moved = sorted(_moved(old_values, new_values), key=MovedValue.size, reverse=True)
    changes.seconds = round(time.perf_counter() - started, 2)
    return changes


def _run_id(conn: duckdb.DuckDBPyConnection) -> str | None:
    try:
        rows = conn.execute("select run_id from load_info").fetchall()
    except duckdb.Error:
        return None
    return rows[0][0] if rows else None


def _relations(conn: duckdb.DuckDBPyConnection) -> set[str]:
    return {name for (name,) in conn.execute(
        "select table_name from duckdb_tables() union select view_name from duckdb_views() "
        "where not internal").fetchall()}


def _file_rows(old: duckdb.DuckDBPyConnection, new: duckdb.DuckDBPyConnection
               ) -> list[FileRows]:
    def rows(conn: duckdb.DuckDBPyConnection, table: str, present: set[str]) -> int | None:
        return conn.execute(f"select count(*) from {table}").fetchall()[0][0] \
            if table in present else None

    old_tables, new_tables = _relations(old), _relations(new)
    return [FileRows(extract.file_name, rows(old, f"raw_{stem}", old_tables),
                     rows(new, f"raw_{stem}", new_tables))
            for stem, extract in EXTRACT_FILES.items()]


def _children(old: duckdb.DuckDBPyConnection, new: duckdb.DuckDBPyConnection
              ) -> tuple[int, int]:
    """(children in the new load only, children in the old load only): counts, never ids."""
    def ids(conn: duckdb.DuckDBPyConnection) -> set[str]:
        return {i for (i,) in conn.execute(
            "select distinct trim(child_id) from raw_children where trim(child_id) <> ''"
        ).fetchall()}

    before, after = ids(old), ids(new)
    return len(after - before), len(before - after)


def _family_reads(family: str, present: set[str]) -> set[str]:
    """The tables a family's values depend on: the relations its SQL and the macros it calls
    name (a staging view stands for its raw table), and those every family reads."""
    macros = {path.stem: path.read_text().lower() for path in (SQL_ROOT / "macros").glob("*.sql")}
    text, seen = indicator_sql(family).lower(), set()
    while True:
        called = {m for m in macros if m not in seen and re.search(rf"\b{m}\b", text)}
        if not called:
            break
        seen |= called
        text += "\n".join(macros[m] for m in called)
    named = set(_WORD.findall(text)) & present
    return {f"raw_{n[4:]}" if n.startswith("stg_") else n for n in named} | set(ALWAYS_READ)


def _fingerprint(conn: duckdb.DuckDBPyConnection, table: str, present: set[str]) -> tuple:
    if table not in present:
        return ("absent",)
    return tuple(conn.execute(
        f'select count(*), sum(hash(row_value)::hugeint) from "{table}" as row_value'
    ).fetchall()[0])


def _changed_families(old: duckdb.DuckDBPyConnection, new: duckdb.DuckDBPyConnection
                      ) -> list[str]:
    """Families some of whose tables differ between the loads (fingerprinted once each)."""
    old_present, new_present = _relations(old), _relations(new)
    prints: dict[str, bool] = {}
    changed = []
    for family in families():
        for table in sorted(_family_reads(family, old_present | new_present)):
            if table not in prints:
                prints[table] = _fingerprint(old, table, old_present) != \
                    _fingerprint(new, table, new_present)
            if prints[table]:
                changed.append(family)
                break
    return changed


def _values(conn: duckdb.DuckDBPyConnection, changed: list[str], ends: list[date]
            ) -> dict[tuple[str, date], float | None]:
    """Each indicator's value (None where the load lacks a file it needs) at each quarter end."""
    reasons = availability(conn).reasons
    values = {}
    for end in ends:
        period = period_ending(end, MONTHS)
        population = engine._population(conn, period)  # the engine's rule for rates per 10,000
        for family in changed:
            cube = engine.Cube(family, period, _totals(conn, family, period), population)
            for indicator_id, value in cube.values().items():
                values[(indicator_id, end)] = None if indicator_id in reasons else value.value
    return values


def _totals(conn: duckdb.DuckDBPyConnection, family: str, period: Period) -> pl.DataFrame:
    """The family's record rows summed by indicator: the cube's sums without the breakdown
    characteristics (the comparison needs only the whole), so no join to child_profile."""
    sql = indicator_sql(family)
    params = {name: value for name, value in (("period_start", period.start),
                                              ("period_end", period.end)) if f"${name}" in sql}
    everyone = ", ".join(f"'' as {dimension}" for dimension in engine.DIMENSIONS)
    return conn.sql(f"""
with family_rows as (
{sql}
),
unit_rows as (
    select * from (select null::double as measure where false)
    union all by name
    select * from family_rows
)
select indicator_id, {everyone}, sum(numerator)::bigint as numerator,
    sum(denominator)::bigint as denominator, fsum(measure) as measure_total,
    count(measure) as measure_count
from unit_rows group by indicator_id""", params=params).pl()


def _moved(old: dict[tuple[str, date], float | None], new: dict[tuple[str, date], float | None]
           ) -> list[MovedValue]:
    labels = catalogue()
    return [MovedValue(indicator_id, labels[indicator_id].label, end.isoformat(),
                       old.get((indicator_id, end)), value)
            for (indicator_id, end), value in new.items() if old.get((indicator_id, end)) != value]


def changes_path(db_path: Path, run_id: str) -> Path:
    return runs_dir(db_path) / run_id / CHANGES_FILE


def write_changes(db_path: Path, changes: LoadChanges) -> Path:
    """Write `runs/<run_id>/changes.json` (atomically: the page may be reading)."""
    path = changes_path(db_path, changes.run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(changes.to_json(), indent=2))
    os.replace(tmp, path)
    return path


def read_changes(db_path: Path, run_id: str) -> dict | None:
    """The comparison written for a run, or None (first load, or made before comparisons)."""
    try:
        return json.loads(changes_path(db_path, run_id).read_text())
    except (OSError, json.JSONDecodeError):
        return None
