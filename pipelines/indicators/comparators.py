"""Published comparators: the figure an indicator is compared with, read from a load's
`published_measures` table (built from the DfE and ONS files shipped in sql/seeds/dfe), as the
catalogue's `comparator` names it. Nothing here is typed by hand: every value carries the seed
cells it came from.

Year rules (catalogue): `latest` takes the latest published year for the area, labelled with
its year; `same_year` takes only the published year containing the period end, else nothing.
Without a period end both take the latest (e.g. the Methodology page).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import duckdb

from neglect_insight.pipelines.indicators.catalogue import ComparatorRef, catalogue

ENGLAND_CODE = "E92000001"
TABLE = "published_measures"


@dataclass(frozen=True)
class SourceCell:
    """One cell of a shipped seed file: sql/seeds/dfe/<file>, line (1 is the header), column."""

    file: str
    line: int
    column: str


@dataclass(frozen=True)
class Comparator:
    indicator_id: str
    measure: str
    area_code: str
    area_name: str
    time_period: str  # as published: "2025", "202425"
    period: str  # in words: "2024-25", "31 March 2025", "2024/25"
    value: float | None  # as published (percent 22.6); rates per 10,000 to one decimal
    missing_reason: str | None  # why value is missing ("suppressed (small numbers)"), else None
    numerator: float | None
    denominator: float | None
    source: str  # "DfE, Children in need 2025"
    cells: tuple[SourceCell, ...]  # the value's cell; for a rate, numerator then population


_COLUMNS = ("time_period, period, period_end, area_name, value, missing_reason, numerator, "
            "denominator, source, source_file, source_line, source_column")


def _row(conn: duckdb.DuckDBPyConnection, measure: str, area_code: str,
         period_end: date | None, same_year: bool) -> dict | None:
    """The published row of `measure` for the area: the year containing `period_end` when
    `same_year`, else the latest."""
    where = "measure = ? and area_code = ?"
    params: list = [measure, area_code]
    if same_year:
        where += " and ? between period_start and period_end"
        params.append(period_end)
    cursor = conn.execute(f"select {_COLUMNS} from {TABLE} where {where} "
                          "order by period_end desc limit 1", params)
    found = cursor.fetchall()  # fetchall: DuckDB refuses new work while a result is unread
    return dict(zip([d[0] for d in cursor.description], found[0], strict=True)) if found else None


def _cell(row: dict) -> SourceCell:
    return SourceCell(row["source_file"], row["source_line"], row["source_column"])


def per_10k(numerator: float, population: float) -> float:
    """numerator per 10,000 of population, rounded half up to one decimal (as ours are)."""
    return float((Decimal(repr(numerator)) * 10_000 / Decimal(repr(population)))
                 .quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _rate(conn: duckdb.DuckDBPyConnection, indicator_id: str, ref: ComparatorRef,
          area_code: str, row: dict) -> Comparator:
    """A rate per 10,000: the count over the mid-year population of the year before (as the
    indicator is computed)."""
    populations = conn.execute(
        f"select value, source_file, source_line, source_column, source from {TABLE} "
        "where measure = ? and area_code = ? and year(period_end) = ?",
        [ref.per_10k_of, area_code, row["period_end"].year - 1]).fetchall()
    population = populations[0] if populations else None
    cells, source = (_cell(row),), row["source"]
    value, reason = None, row["missing_reason"] or "no population estimate published"
    if population is not None:
        cells += (SourceCell(*population[1:4]),)
        source = f"{source}; {population[4]}"
        if row["value"] is not None and population[0]:
            value, reason = per_10k(row["value"], population[0]), None
    return Comparator(indicator_id, ref.measure, area_code, row["area_name"],
                      row["time_period"], row["period"], value, reason, row["value"],
                      population[0] if population else None, source, cells)


def has_published(conn: duckdb.DuckDBPyConnection) -> bool:
    """Whether the load has the published tables (loads made before them have not)."""
    return bool(conn.execute("select count(*) from information_schema.tables "
                             "where table_name = ?", [TABLE]).fetchall()[0][0])


def comparator(conn: duckdb.DuckDBPyConnection, indicator_id: str,
               area_code: str = ENGLAND_CODE, period_end: date | None = None
               ) -> Comparator | None:
    """The published figure `indicator_id` is compared with, for one area (England by default;
    a region or local authority by its 9-character code); None when the catalogue names none,
    the year rule finds no published year, or the load has no published tables."""
    ref = catalogue()[indicator_id].comparator
    if ref is None or not has_published(conn):
        return None
    same_year = ref.year == "same_year" and period_end is not None
    row = _row(conn, ref.measure, area_code, period_end, same_year)
    if row is None:
        return None
    if ref.per_10k_of:
        return _rate(conn, indicator_id, ref, area_code, row)
    return Comparator(indicator_id, ref.measure, area_code, row["area_name"], row["time_period"],
                      row["period"], row["value"], row["missing_reason"], row["numerator"],
                      row["denominator"], row["source"], (_cell(row),))


def england(conn: duckdb.DuckDBPyConnection, indicator_id: str,
            period_end: date | None = None) -> Comparator | None:
    """England's published figure for `indicator_id` (see `comparator`)."""
    return comparator(conn, indicator_id, ENGLAND_CODE, period_end)


def england_all(conn: duckdb.DuckDBPyConnection, period_end: date | None = None
                ) -> dict[str, Comparator]:
    """England's published figure for every indicator that has one, in catalogue order."""
    found = {i: england(conn, i, period_end) for i in catalogue()}
    return {i: c for i, c in found.items() if c is not None}
