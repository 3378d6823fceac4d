"""Compute indicators from a load: the one engine behind `neglect-insight indicators`, the
dashboard and the board report.

Every family file `sql/indicators/<family>.sql` returns the records behind its numbers, one row
per (indicator_id, record): `child_id`, `record_id`, and that record's `numerator` and
`denominator` contributions. Summing them gives the indicator; joining them to `child_profile`
gives breakdowns and filters; listing them gives the rows behind a number for QA. The family
SQL therefore holds every definition, and this module only sums, divides and rounds.

A family may add an optional `measure` column: a further figure per record (e.g. the change in
absence, in percentage points, for `eh_attendance_improved`). Its mean over the indicator's rows
that carry one is reported in `IndicatorValue.extra` under the indicator's catalogue
`measure_name`; families without the column are read unchanged.

A load without an optional file an indicator needs (`availability.py`) still sums its rows, so
the arithmetic stays whole, but the value carries the `reason`: every output shows that instead
of a number. A figure computed without a file that would add to it carries a `note`.

`sql/indicators/journeys.sql` is not a family (no catalogue ids): `journeys` counts the children
on each link of their path through services, for the Sankey diagram.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import NamedTuple

import duckdb
import polars as pl
import pyarrow as pa

from neglect_insight.pipelines.calendar import Period, period_ending
from neglect_insight.pipelines.indicators.availability import Availability, availability
from neglect_insight.pipelines.indicators.catalogue import Indicator, catalogue, families
from neglect_insight.pipelines.load.build import indicator_sql

# Breakdown dimensions (indicators.md): column in the profiled rows -> plain-English name.
DIMENSIONS: dict[str, str] = {
    "sex": "Sex",
    "age_band": "Age band at period end",
    "ethnicity_group": "Ethnicity group",
    "disability": "Disability",
    "locality": "Locality",
}

Filters = Mapping[str, str | Iterable[str]]
MERGED_PART = "Other or not recorded"  # small parts shown together (disclosure, rule 4)

# Breakdown characteristics of a child at period end (child_profile), for indicators and journeys.
# Records that belong to no child (e.g. early years take-up per term) are "Not applicable".
_NO_CHILD = "child_profile.child_id is null then 'Not applicable'"


def _profile_columns(period_end: str = "$period_end::date") -> str:
    """The breakdown columns, the age band taken at `period_end` (an SQL expression)."""
    return f"""
        case when {_NO_CHILD} else coalesce(child_profile.sex, 'Not recorded') end as sex,
        case when {_NO_CHILD}
            else age_band(child_profile.birth_month, {period_end}) end as age_band,
        case when {_NO_CHILD}
            else coalesce(child_profile.ethnicity_group, 'Not recorded') end as ethnicity_group,
        case when {_NO_CHILD} when child_profile.disabled then 'Disabled'
            when not child_profile.disabled then 'Not disabled'
            else 'Not recorded' end as disability,
        case when {_NO_CHILD}
            else coalesce(child_profile.locality, 'Not recorded') end as locality"""


_PROFILE_COLUMNS = _profile_columns()


@dataclass(frozen=True)
class IndicatorValue:
    indicator_id: str
    numerator: int
    denominator: int | None
    value: float | None
    extra: dict = field(default_factory=dict)
    reason: str | None = None  # why there is no figure (an optional file not supplied)
    note: str | None = None  # what the figure leaves out (counted without an optional file)

    def as_json(self) -> dict:
        """interface.md's JSON: no figure without a file it needs, only the reason."""
        if self.reason:
            return {"numerator": None, "denominator": None, "value": None, "reason": self.reason}
        out = {"numerator": self.numerator, "denominator": self.denominator, "value": self.value}
        out.update(self.extra)
        if self.note:
            out["note"] = self.note
        return out


def rate(numerator: int, denominator: int | None, scale: int = 100) -> float | None:
    """scale × numerator / denominator, rounded half up to one decimal (indicators.md)."""
    if not denominator:
        return None
    exact = Decimal(scale) * Decimal(numerator) / Decimal(denominator)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def mean_half_up(total: float | None, count: int) -> float | None:
    """total / count rounded half up (away from zero, as `rate`) to one decimal; None without
    rows. The mean of the doubles is first rounded to 9 decimals to drop binary noise, so an
    exact tie such as -2.25 rounds to -2.3 (only a mean within 5e-10 of a tie without being one
    could round the other way)."""
    if not count or total is None:
        return None
    mean = (Decimal(total) / Decimal(count)).quantize(Decimal("1e-9"))
    return float(mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)) + 0.0  # no -0.0


@cache
def _family_sql(family: str) -> str:
    return indicator_sql(family)


def _period_params(sql: str, period: Period) -> dict:
    """Only the parameters the SQL names (DuckDB refuses unused ones)."""
    params = {}
    if "$period_start" in sql:
        params["period_start"] = period.start
    if "$period_end" in sql:
        params["period_end"] = period.end
    return params


def _profiled_sql(family: str) -> str:
    """The family's record rows with the child's breakdown characteristics at period end."""
    return _profiled(f"family_rows as (\n{_family_sql(family)}\n)", "", _PROFILE_COLUMNS)


def _profiled_periods_sql(family: str) -> str:
    """As `_profiled_sql`, for every period of the list parameters $period_starts and
    $period_ends at once, each row carrying its `period_start` and `period_end`.

    The family's SQL is run unchanged once per period through a LATERAL join, its parameters
    read from the period's row: one query for many periods (a trend) instead of one each, and
    the same definitions (tests/pipelines/indicators/test_engine_periods.py)."""
    per_period = (_family_sql(family).replace("$period_start", "periods.period_start")
                  .replace("$period_end", "periods.period_end"))
    family_rows = f"""periods as (
    select unnest($period_starts::date[]) as period_start,
        unnest($period_ends::date[]) as period_end
),
family_rows as (
    select periods.period_start, periods.period_end, one_period.*
    from periods, lateral (
{per_period}
    ) as one_period
)"""
    return _profiled(family_rows, "\n        unit_rows.period_start, unit_rows.period_end,",
                     _profile_columns("unit_rows.period_end"))


def _profiled(family_rows: str, period_columns: str, profile_columns: str) -> str:
    return f"""
with {family_rows},
unit_rows as (
    -- `measure` is optional in a family's rows; a family without it gets nulls here
    select * from (select null::double as measure where false)
    union all by name
    select * from family_rows
),
profiled as (
    select{period_columns}
        unit_rows.indicator_id,
        unit_rows.child_id,
        unit_rows.record_id,
        unit_rows.numerator,
        unit_rows.denominator,
        unit_rows.measure,{profile_columns}
    from unit_rows
    left join child_profile using (child_id)
)
"""


def _filtered(filters: Filters | None) -> bool:
    """Whether `filters` select a part of the population (an empty choice selects all)."""
    return any(bool(v) for v in (filters or {}).values())


def _check_dimension(dimension: str) -> None:
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown breakdown '{dimension}'; choose from {list(DIMENSIONS)}")


def _filter_clause(filters: Filters | None) -> tuple[str, dict]:
    clauses, params = [], {}
    for i, (dimension, wanted) in enumerate((filters or {}).items()):
        _check_dimension(dimension)
        values = [wanted] if isinstance(wanted, str) else list(wanted)
        if not values:
            continue
        names = []
        for j, value in enumerate(values):
            params[f"f{i}_{j}"] = value
            names.append(f"$f{i}_{j}")
        clauses.append(f"{dimension} in ({', '.join(names)})")
    return (" where " + " and ".join(clauses)) if clauses else "", params


def _population(conn: duckdb.DuckDBPyConnection, period: Period) -> int | None:
    """Children aged 0-17 at mid-year = year(period_end) - 1 (DfE practice), or None."""
    [(population,)] = conn.execute(  # fetchall: an unfinished result would block conn
        "select max(population_0_17) from stg_population where mid_year = ?",
        [period.end.year - 1],
    ).fetchall()
    return None if population is None else int(population)


def _populations(conn: duckdb.DuckDBPyConnection) -> dict[int, int]:
    """`_population` of every mid-year the load has: mid-year -> children aged 0-17."""
    rows = conn.execute("select mid_year, max(population_0_17) from stg_population "
                        "where mid_year is not null group by mid_year").fetchall()
    return {int(year): int(population) for year, population in rows if population is not None}


def _value(indicator: Indicator, numerator: int, denominator: int | None,
           population: int | None, filtered: bool) -> IndicatorValue:
    if indicator.unit == "count":
        return IndicatorValue(indicator.id, numerator, None, numerator)
    if indicator.unit == "per_10k":
        # The population is not known by sex, age, ethnicity or locality: no rate for a part.
        denominator = None if filtered else population
        return IndicatorValue(indicator.id, numerator, denominator,
                              rate(numerator, denominator, 10_000))
    return IndicatorValue(indicator.id, numerator, denominator or 0, rate(numerator, denominator))


def _with_measure(value: IndicatorValue, total: float | None, count: int) -> IndicatorValue:
    """The value with the mean of its rows' `measure` in `extra`, under the catalogue's
    `measure_name` (always present for those, None without rows); any other indicator with
    measures gets "mean_measure"."""
    name = catalogue()[value.indicator_id].measure_name
    if name is None and not count:
        return value
    return replace(value, extra={**value.extra, name or "mean_measure": mean_half_up(total, count)})


def _indicator_value(indicator_id: str, totals: tuple | None, population: int | None,
                     filtered: bool, reasons: Mapping[str, str], notes: Mapping[str, str]
                     ) -> IndicatorValue:
    """The indicator from its summed (numerator, denominator, measure total, measure count)."""
    numerator, denominator, m_total, m_count = totals or (0, None, None, 0)
    value = _value(catalogue()[indicator_id], numerator, denominator, population, filtered)
    return replace(_with_measure(value, m_total, m_count),
                   reason=reasons.get(indicator_id), note=notes.get(indicator_id))


@dataclass(frozen=True)
class Cube:
    """A family's record rows for one period, summed by every breakdown characteristic.

    Filters and breakdowns are sums over this small table, with no further database work:
    `compute`, `breakdown` and the dashboard all read indicators through it, so there is one
    way numbers are summed, divided and rounded."""

    family: str
    period: Period
    sums: pl.DataFrame  # indicator_id, DIMENSIONS..., numerator, denominator, measure_*
    population: int | None
    reasons: dict[str, str] = field(default_factory=dict)  # availability: no figure, why
    notes: dict[str, str] = field(default_factory=dict)  # availability: what a figure leaves out

    def _rows(self, filters: Filters | None) -> pl.DataFrame:
        rows = self.sums
        for dimension, wanted in (filters or {}).items():
            _check_dimension(dimension)
            values = [wanted] if isinstance(wanted, str) else list(wanted)
            if values:
                rows = rows.filter(pl.col(dimension).is_in(values))
        return rows

    def _totals(self, rows: pl.DataFrame, by: str) -> dict[str, tuple]:
        """(numerator, denominator, measure total, measure count) per value of `by`; a sum
        over no values is missing, as in SQL."""

        def total(column: str) -> pl.Expr:
            return pl.when(pl.col(column).count() > 0).then(pl.col(column).sum()).alias(column)

        grouped = rows.group_by(by).agg(pl.col("numerator").sum(), total("denominator"),
                                        total("measure_total"), pl.col("measure_count").sum())
        return {key: (int(num), den, m_total, int(m_count))
                for key, num, den, m_total, m_count in grouped.iter_rows()}

    def _indicator_value(self, indicator_id: str, totals: tuple | None,
                         population: int | None, filtered: bool) -> IndicatorValue:
        return _indicator_value(indicator_id, totals, population, filtered, self.reasons,
                                self.notes)

    def values(self, filters: Filters | None = None) -> dict[str, IndicatorValue]:
        """Every indicator of the family, for everyone or for the part `filters` selects."""
        filtered = _filtered(filters)
        totals = self._totals(self._rows(filters), "indicator_id")
        return {i: self._indicator_value(i, totals.get(i), self.population, filtered)
                for i in family_ids(self.family)}

    def breakdown(self, indicator_id: str, dimension: str, filters: Filters | None = None,
                  merged: Collection[str] = ()) -> list[tuple[str, IndicatorValue]]:
        """The indicator for each value of a breakdown dimension, sorted by value; the values
        in `merged` counted together as one part, MERGED_PART (disclosure.parts_to_merge)."""
        _check_dimension(dimension)
        rows = self._rows(filters).filter(pl.col("indicator_id") == indicator_id)
        if merged:
            rows = rows.with_columns(
                pl.when(pl.col(dimension).is_in(list(merged))).then(pl.lit(MERGED_PART))
                .otherwise(pl.col(dimension)).alias(dimension))
        totals = self._totals(rows, dimension)
        return [(str(part), self._indicator_value(indicator_id, totals[part], None, True))
                for part in sorted(totals)]


def cube(conn: duckdb.DuckDBPyConnection, family: str, period_end: date, months: int = 12,
         known: Availability | None = None) -> Cube:
    """Run the family's SQL for the period and sum its rows by every breakdown characteristic.
    `known`: the load's `availability(conn)` when the caller already has it (a load never
    changes, so the dashboard reads it once per load instead of once per cube)."""
    period = period_ending(period_end, months)
    return cubes(conn, family, [period], known)[period]


def cubes(conn: duckdb.DuckDBPyConnection, family: str, periods: Iterable[Period],
          known: Availability | None = None) -> dict[Period, Cube]:
    """The family's cube for each period, several periods to a query (`_batches`)."""
    periods = list(dict.fromkeys(periods))
    sums: dict[tuple[date, date], pl.DataFrame] = {}
    for batch in _batches(conn, periods):
        sums.update(_cube_sums(conn, family, batch))
    known = known or availability(conn)
    ids = family_ids(family)
    reasons = {i: r for i, r in known.reasons.items() if i in ids}
    notes = {i: n for i, n in known.notes.items() if i in ids}
    populations = _populations(conn) if periods else {}
    return {p: Cube(family, p, sums[(p.start, p.end)], populations.get(p.end.year - 1),
                    reasons, notes)
            for p in periods}


# Several periods in one query (`_profiled_periods_sql`) save DuckDB's fixed cost per query (a
# trend of 36 quarter ends at `la` scale: 0.4 s instead of 3 s), but hold every period's rows at
# once: at national scale (4.3 million children) 36 periods of attendance in one query took
# 12 GiB and longer than one query each. So a query takes as many periods as this many child-
# periods allow: every period at once up to 110,000 children, one at a time from 4 million.
CHILD_PERIODS_PER_QUERY = 4_000_000


def _batches(conn: duckdb.DuckDBPyConnection, periods: list[Period]) -> list[list[Period]]:
    """`periods` in groups, each computed by one query."""
    if len(periods) < 2:
        return [periods] if periods else []
    [(children,)] = conn.execute("select count(*) from child_profile").fetchall()
    size = max(1, CHILD_PERIODS_PER_QUERY // max(int(children), 1))
    return [periods[i:i + size] for i in range(0, len(periods), size)]


def _cube_sums(conn: duckdb.DuckDBPyConnection, family: str, periods: list[Period]
               ) -> dict[tuple[date, date], pl.DataFrame]:
    """The cube's sums for each (period start, period end), from one query: a single period
    runs the family's SQL directly (faster for one), several through `_profiled_periods_sql`."""
    sums_sql = (f"select indicator_id, {', '.join(DIMENSIONS)}, "
                "sum(numerator)::bigint as numerator, sum(denominator)::bigint as denominator, "
                "fsum(measure) as measure_total, count(measure) as measure_count "
                "from profiled group by all")
    if len(periods) == 1:
        sql = _profiled_sql(family) + sums_sql
        return {(periods[0].start, periods[0].end):
                conn.sql(sql, params=_period_params(sql, periods[0])).pl()}
    sums = conn.sql(
        _profiled_periods_sql(family) + sums_sql.replace(
            "select ", "select period_start, period_end, ", 1),
        params={"period_starts": [p.start for p in periods],
                "period_ends": [p.end for p in periods]}).pl()
    found = sums.partition_by("period_start", "period_end", as_dict=True, include_key=False)
    empty = sums.clear().drop("period_start", "period_end")
    return {(p.start, p.end): found.get((p.start, p.end), empty) for p in periods}


def compute(conn: duckdb.DuckDBPyConnection, period_end: date, months: int = 12,
            filters: Filters | None = None, ids: Iterable[str] | None = None,
            known: Availability | None = None) -> dict[str, IndicatorValue]:
    """Every indicator (or those in `ids`) for the period, optionally for a part of the
    population (`filters`: breakdown dimension -> value or values). `known`: as for `cube`."""
    wanted = list(ids) if ids is not None else list(catalogue())
    known = known or availability(conn)
    everyone = not _filtered(filters)
    values: dict[str, IndicatorValue] = {}
    for family in dict.fromkeys(catalogue()[i].family for i in wanted):
        if everyone:
            period = period_ending(period_end, months)
            values.update(_everyone(conn, family, [period], _of(family, wanted), known)[period])
        else:
            values.update(cube(conn, family, period_end, months, known).values(filters))
    return {i: values[i] for i in wanted}


def _everyone(conn: duckdb.DuckDBPyConnection, family: str, periods: Iterable[Period],
              ids: list[str], known: Availability) -> dict[Period, dict[str, IndicatorValue]]:
    """The indicators `ids` of one family for everyone, at each period: the family's rows
    summed straight, without the breakdown characteristics a cube carries (no join to
    child_profile, no grouping by five dimensions), only the indicators asked for (DuckDB
    skips the other branches of the family's `union all`), and several periods to a query as
    `cubes`. The same figures as `cube(...).values()`
    (tests/pipelines/indicators/test_engine_periods.py)."""
    periods = list(dict.fromkeys(periods))
    totals: dict[tuple, tuple] = {}
    for batch in _batches(conn, periods):
        totals.update(_everyone_totals(conn, family, batch, ids))
    populations = _populations(conn) if periods else {}
    return {p: {i: _indicator_value(i, _whole(totals.get((p.start, p.end, i))),
                                    populations.get(p.end.year - 1), False, known.reasons,
                                    known.notes)
                for i in ids}
            for p in periods}


def _everyone_totals(conn: duckdb.DuckDBPyConnection, family: str, periods: list[Period],
                     ids: list[str]) -> dict[tuple, tuple]:
    """(period start, period end, indicator id) -> the sums, from one query."""
    sums = ("select {periods}indicator_id, sum(numerator)::bigint, sum(denominator)::bigint, "
            f"fsum(measure), count(measure) from unit_rows{_only(family, ids)} group by all")
    if len(periods) == 1:  # unit_rows: the family's rows; `profiled` is not read, nor run
        sql = _profiled_sql(family) + sums.format(periods="")
        rows = conn.execute(sql, _period_params(sql, periods[0])).fetchall()
        return {(periods[0].start, periods[0].end, i): tuple(rest) for i, *rest in rows}
    sql = _profiled_periods_sql(family) + sums.format(periods="period_start, period_end, ")
    rows = conn.execute(sql, {"period_starts": [p.start for p in periods],
                              "period_ends": [p.end for p in periods]}).fetchall()
    return {(start, end, i): tuple(rest) for start, end, i, *rest in rows}


def _only(family: str, ids: list[str]) -> str:
    """A `where` keeping the rows of `ids`, written as constants: DuckDB then drops the branches
    of the family's `union all` that give other indicators before running them (national
    scale: attendance_absence_rate_cp alone 0.3 s instead of the family's 1.4 s; a parameter
    list is not known when the query is planned, so it prunes nothing). Ids are the
    catalogue's, checked to be plain names."""
    if set(family_ids(family)) <= set(ids):
        return ""
    for i in ids:
        if not re.fullmatch(r"[a-z0-9_]+", i) or i not in catalogue():
            raise ValueError(f"not a catalogue indicator id: {i!r}")
    return " where indicator_id in (" + ", ".join(f"'{i}'" for i in ids) + ")"


def _whole(totals: tuple | None) -> tuple | None:
    """SQL's sums as the cube's: a numerator is a whole number, a measure count too."""
    if totals is None:
        return None
    numerator, denominator, m_total, m_count = totals
    return int(numerator), denominator, m_total, int(m_count)


def breakdown(conn: duckdb.DuckDBPyConnection, indicator_id: str, dimension: str,
              period_end: date, months: int = 12, filters: Filters | None = None
              ) -> list[tuple[str, IndicatorValue]]:
    """The indicator for each value of a breakdown dimension, sorted by value. Parts add up to
    the whole for counts and for numerators and denominators of rates."""
    family = catalogue()[indicator_id].family
    return cube(conn, family, period_end, months).breakdown(indicator_id, dimension, filters)


def profile_values(conn: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """Every value each breakdown dimension takes in the load, spelt as filters compare them
    (age bands at today's date; the dashboard offers the fixed list of bands anyway)."""
    rows = conn.sql(f"select distinct {_PROFILE_COLUMNS} from child_profile",
                    params={"period_end": date.today()}).pl()
    return {d: set(rows[d]) for d in DIMENSIONS}


def trend(conn: duckdb.DuckDBPyConnection, ids: Iterable[str], period_ends: Iterable[date],
          months: int = 12, filters: Filters | None = None) -> list[tuple[date, IndicatorValue]]:
    """The same indicators at each period end (12-month rolling or quarter-only)."""
    ids, ends = list(ids), list(period_ends)
    periods = {end: period_ending(end, months) for end in ends}
    values: dict[date, dict[str, IndicatorValue]] = {end: {} for end in ends}
    known = availability(conn)
    everyone = not _filtered(filters)
    for family in dict.fromkeys(catalogue()[i].family for i in ids):
        if everyone:
            found = _everyone(conn, family, periods.values(), _of(family, ids), known)
            for end in ends:
                values[end].update(found[periods[end]])
        else:
            cubed = cubes(conn, family, periods.values(), known)
            for end in ends:
                values[end].update(cubed[periods[end]].values(filters))
    return [(end, values[end][i]) for end in ends for i in ids]


def _of(family: str, ids: Iterable[str]) -> list[str]:
    """The ids of `ids` that belong to `family`, in order."""
    return [i for i in ids if catalogue()[i].family == family]


def rows_behind(conn: duckdb.DuckDBPyConnection, indicator_id: str, period_end: date,
                months: int = 12, filters: Filters | None = None) -> pa.Table:
    """The records behind a number (pseudonyms only), for authorised QA users."""
    indicator = catalogue()[indicator_id]
    period = period_ending(period_end, months)
    where, filter_params = _filter_clause(filters)
    where = (where + " and " if where else " where ") + "indicator_id = $indicator_id"
    sql = (_profiled_sql(indicator.family)
           + "select record_id, child_id, numerator, denominator, sex, age_band, "
           + f"ethnicity_group, disability, locality from profiled{where} "
           + "order by numerator desc, record_id")
    params = _period_params(sql, period) | filter_params | {"indicator_id": indicator_id}
    return conn.sql(sql, params=params).to_arrow_table()


def quarter_ends(conn: duckdb.DuckDBPyConnection) -> list[date]:
    """Quarter ends the load covers, oldest first (model `quarter_ends`)."""
    rows = conn.execute("select quarter_end from quarter_ends order by 1").fetchall()
    return [r[0] for r in rows]


def check_families() -> None:
    """Every family named by the catalogue has its SQL file (raises otherwise)."""
    for family in families():
        _family_sql(family)


def family_ids(family: str) -> list[str]:
    return [i for i, ind in catalogue().items() if ind.family == family]


class JourneyLink(NamedTuple):
    source: str
    target: str
    children: int


def journeys(conn: duckdb.DuckDBPyConnection, period_end: date, months: int = 12,
             filters: Filters | None = None) -> list[JourneyLink]:
    """Links of the Sankey diagram of children's paths through services in the period
    (`sql/indicators/journeys.sql`, which defines the path): (source step, target step, number
    of children), in the order of the steps. Exact counts; `disclosure.hidden_links` decides
    which links boards may not see."""
    period = period_ending(period_end, months)
    where, filter_params = _filter_clause(filters)
    sql = f"""
with links as (
{_family_sql("journeys")}
),
profiled as (
    select links.child_id, links.source_step, links.source_order, links.target_step,
        links.target_order,{_PROFILE_COLUMNS}
    from links
    left join child_profile using (child_id)
)
select source_step, target_step, count(distinct child_id)::bigint
from profiled{where}
group by source_step, source_order, target_step, target_order
order by source_order, target_order, target_step
"""
    params = _period_params(sql, period) | filter_params
    return [JourneyLink(*row) for row in conn.execute(sql, params).fetchall()]
