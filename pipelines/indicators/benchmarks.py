"""Benchmarks: the partnership beside England, its region and its statistical neighbours, like
for like, from the published figures of a load (`published_measures` and
`published_statistical_neighbours`, built from the DfE files in sql/seeds/dfe).

Who we are (`partnership`): the local authorities the settings name ([partnership] la_codes, old
3-digit or new 9-character DfE codes), else the demo's one fixed LA. Their statistical neighbours
are the union of each LA's ten (DfE groupings, April 2021) minus the LAs themselves.

Rules (indicators.md, issue 9):
- Only an indicator whose catalogue entry names a `comparator` is benchmarked: the same measure
  and definition. Others have `NO_COUNTERPART`, never another measure's line.
- One published year for every point, chosen by the catalogue's year rule (`latest`: the latest
  published year of the measure; `same_year`: the year containing the period end), and stated.
- A single area (England, one region, one LA) shows its published figure, as
  `comparators.comparator` does. A group (a partnership of several LAs, several regions, the
  neighbours) is summed from numerators and denominators, never averaged from percentages; a
  rate per 10,000 sums the counts over the summed populations of the mid-year before. If any
  member's figure is suppressed, the group has none ("suppressed for at least one local
  authority").
- Ranking (`ranked`, `quartile`) is best first by the indicator's `better` (ascending values
  when "neither"); counts are not ranked, as LAs differ in size.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import duckdb

from neglect_insight.pipelines.indicators.catalogue import ComparatorRef, Indicator, catalogue
from neglect_insight.pipelines.indicators.comparators import (
    ENGLAND_CODE,
    TABLE,
    SourceCell,
    has_published,
    per_10k,
)
from neglect_insight.pipelines.settings import PartnershipSettings

DEMO_NAME = "Demo partnership (synthetic)"
DEMO_LA_CODES = ("E10000003",)  # Cambridgeshire: a fixed real LA so the demo's comparisons show
NEIGHBOURS_TABLE = "published_statistical_neighbours"
NO_COUNTERPART = "No published counterpart: no DfE figure measures the same thing."
KINDS = ("partnership", "england", "region", "neighbours")
STALE_YEARS = 2


class PartnershipError(ValueError):
    """The settings name a local authority that no shipped DfE file knows."""


@dataclass(frozen=True)
class Partnership:
    name: str
    la_codes: tuple[str, ...]  # 9-character codes (the latest each LA published under)
    la_names: tuple[str, ...]
    region_codes: tuple[str, ...]
    region_names: tuple[str, ...]
    neighbour_codes: tuple[str, ...]  # union of the LAs' neighbours minus the LAs, best rank first
    demo: bool
    la_old_codes: tuple[str, ...] = ()  # 3-digit codes: how the LAs are matched across years
    neighbour_old_codes: tuple[str, ...] = ()
    neighbour_names: tuple[str, ...] = ()

    @property
    def region_name(self) -> str:
        """"East of England", or the regions' names joined with " and "."""
        return " and ".join(self.region_names)

    @property
    def neighbours_label(self) -> str:
        return f"Statistical neighbours ({len(self.neighbour_codes)} LAs)"


@dataclass(frozen=True)
class Point:
    """One published figure for one area (or group of areas) and year."""

    kind: str  # "partnership" | "england" | "region" | "neighbours" | "la"
    area: str  # in words: the partnership's name, "England", a region, the neighbours, an LA
    area_codes: tuple[str, ...]
    period: str  # as comparators.Comparator.period ("2024-25", "31 March 2025", "2024/25")
    period_end: date
    value: float | None  # the indicator's unit: percent as 22.6, per_10k to one decimal
    numerator: float | None
    denominator: float | None
    missing_reason: str | None
    source: str
    cells: tuple[SourceCell, ...]  # every seed cell summed into it (its row's line)


@dataclass(frozen=True)
class Benchmark:
    indicator_id: str
    measure: str
    unit: str
    partnership: Point | None
    england: Point | None
    region: Point | None
    neighbours: Point | None
    ranked: tuple[Point, ...]  # each neighbour ("la") and the partnership, best first
    quartile: int | None  # the partnership's quarter among all LAs with a value, 1 = best
    la_count: int  # LAs in that ranking (the partnership counted as one)
    stale_note: str | None  # the year is more than two years before the period end


# --- who we are --------------------------------------------------------------------------------

def _la_row(conn: duckdb.DuckDBPyConnection, code: str) -> tuple | None:
    """(old code, new code, name, region code) of the latest row naming the LA by `code`."""
    column = "old_la_code" if len(code) == 3 else "new_la_code"
    found = conn.execute(
        f"select old_la_code from {TABLE} where geographic_level = 'Local authority' and "
        f"{column} = ? order by period_end desc limit 1", [code]).fetchall()
    if not found:
        return None
    rows = conn.execute(
        f"select old_la_code, new_la_code, area_name, region_code from {TABLE} "
        "where geographic_level = 'Local authority' and old_la_code = ? "
        "order by period_end desc, measure limit 1", [found[0][0]]).fetchall()
    return rows[0]


def _region_names(conn: duckdb.DuckDBPyConnection, codes: Sequence[str]) -> tuple[str, ...]:
    names = []
    for code in codes:
        found = conn.execute(f"select area_name from {TABLE} where geographic_level = "
                             "'Regional' and area_code = ? order by period_end desc limit 1",
                             [code]).fetchall()
        names.append(found[0][0] if found else code)
    return tuple(names)


def _neighbours(conn: duckdb.DuckDBPyConnection, old_codes: Sequence[str]
                ) -> list[tuple[str, str, str]]:
    """(old code, new code, name) of the LAs' statistical neighbours, minus the LAs, by best
    rank (then the order of the LAs, then code)."""
    has_table = conn.execute("select count(*) from information_schema.tables where "
                             "table_name = ?", [NEIGHBOURS_TABLE]).fetchall()[0][0]
    if not has_table or not old_codes:
        return []
    rows = conn.execute(
        f"select old_la_code, neighbour_rank, neighbour_old_la_code from {NEIGHBOURS_TABLE} "
        f"where old_la_code in ({', '.join('?' * len(old_codes))})", list(old_codes)
    ).fetchall()
    best: dict[str, tuple[int, int]] = {}
    for la, rank, neighbour in rows:
        if neighbour and neighbour not in old_codes:
            key = (rank, old_codes.index(la))
            best[neighbour] = min(best.get(neighbour, key), key)
    found = []
    for neighbour in sorted(best, key=lambda code: (best[code], code)):
        row = _la_row(conn, neighbour)
        if row is not None:
            found.append((row[0], row[1], row[2]))
    return found


def partnership(conn: duckdb.DuckDBPyConnection, settings: PartnershipSettings | None = None
                ) -> Partnership:
    """The partnership the settings name (the demo's when they name no LA), its LAs resolved
    against the load's published tables. Raises `PartnershipError` for a code no shipped file
    holds."""
    demo = settings is None or not settings.la_codes
    codes = DEMO_LA_CODES if demo else settings.la_codes
    name = DEMO_NAME if demo else settings.name
    if not has_published(conn):  # a load made before the published tables: names only
        return Partnership(name or " and ".join(codes), tuple(codes), (), (), (), (), demo)
    las: list[tuple] = []
    for code in codes:
        row = _la_row(conn, code)
        if row is None:
            where = f"{settings.file}: " if settings is not None and settings.file else ""
            raise PartnershipError(
                f"{where}[partnership] la_codes names {code!r}, which is not a local authority "
                "in the DfE files shipped with Neglect Insight (sql/seeds/dfe). Check the code "
                "against the DfE's list: the old 3-digit code (such as \"873\") or the new "
                "9-character one (such as \"E10000003\").")
        if row[0] not in [la[0] for la in las]:  # "873" and "E10000003" name one LA
            las.append(row)
    old_codes = tuple(la[0] for la in las)
    region_codes = tuple(dict.fromkeys(la[3] for la in las if la[3]))
    neighbours = _neighbours(conn, old_codes)
    la_names = tuple(la[2] for la in las)
    return Partnership(
        name=name or " and ".join(la_names), la_codes=tuple(la[1] for la in las),
        la_names=la_names, region_codes=region_codes,
        region_names=_region_names(conn, region_codes),
        neighbour_codes=tuple(n[1] for n in neighbours), demo=demo, la_old_codes=old_codes,
        neighbour_old_codes=tuple(n[0] for n in neighbours),
        neighbour_names=tuple(n[2] for n in neighbours))


# --- published rows ----------------------------------------------------------------------------

_COLUMNS = ("geographic_level, area_code, area_name, old_la_code, period, period_end, value, "
            "numerator, denominator, missing_reason, source, source_file, source_line, "
            "source_column")


class _Rows:
    """Every published row of one measure (and its population, for a rate), by year and area:
    England and regions by area code, LAs by old 3-digit code (stable across code changes)."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, ref: ComparatorRef,
                 all_las: bool = False, years: Iterable[date] | None = None,
                 areas: Iterable[str] = (), las: Iterable[str] = ()):
        self.ref = ref
        self.by_year = self._read(conn, ref.measure, all_las, years, areas, las)
        self.population = ({} if not ref.per_10k_of else
                           self._read(conn, ref.per_10k_of, all_las, None, areas, las, True))

    @staticmethod
    def _read(conn, measure, all_las, years, areas, las, by_calendar_year=False) -> dict:
        where, params = ["measure = ?"], [measure]
        if years is not None:
            years = list(years)
            where.append(f"period_end in ({', '.join('?' * len(years))})" if years else "false")
            params += years
        if not all_las:
            areas, las = list(areas), list(las)
            parts = []
            if areas:
                parts.append(f"area_code in ({', '.join('?' * len(areas))})")
            if las:
                parts.append(f"(geographic_level = 'Local authority' and old_la_code in "
                             f"({', '.join('?' * len(las))}))")
            where.append(f"({' or '.join(parts)})" if parts else "false")
            params += areas + las
        cursor = conn.execute(f"select {_COLUMNS} from {TABLE} where {' and '.join(where)}",
                              params)
        names = [d[0] for d in cursor.description]
        found: dict = {}
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            year = row["period_end"].year if by_calendar_year else row["period_end"]
            key = row["old_la_code"] if row["geographic_level"] == "Local authority" \
                else row["area_code"]
            found.setdefault(year, {})[key] = row
        return found

    def years(self) -> list[date]:
        return sorted(self.by_year)

    def row(self, year: date, key: str) -> dict | None:
        return self.by_year.get(year, {}).get(key)

    def population_row(self, year: date, key: str) -> dict | None:
        return self.population.get(year.year - 1, {}).get(key)


def _cell(row: dict) -> SourceCell:
    return SourceCell(row["source_file"], row["source_line"], row["source_column"])


def _percent(numerator: float, denominator: float) -> float:
    return float((Decimal(repr(numerator)) * 100 / Decimal(repr(denominator)))
                 .quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _single(rows: _Rows, kind: str, area: str, codes: tuple[str, ...], year: date, key: str
            ) -> Point | None:
    """One area's published figure, exactly as comparators.comparator gives it."""
    row = rows.row(year, key)
    if row is None:
        return None
    base = dict(kind=kind, area=area or row["area_name"], area_codes=codes,
                period=row["period"], period_end=row["period_end"])
    if not rows.ref.per_10k_of:
        return Point(**base, value=row["value"], numerator=row["numerator"],
                     denominator=row["denominator"], missing_reason=row["missing_reason"],
                     source=row["source"], cells=(_cell(row),))
    population = rows.population_row(year, key)
    cells, source = (_cell(row),), row["source"]
    value, reason = None, row["missing_reason"] or "no population estimate published"
    if population is not None:
        cells += (_cell(population),)
        source = f"{source}; {population['source']}"
        if row["value"] is not None and population["value"]:
            value, reason = per_10k(row["value"], population["value"]), None
    return Point(**base, value=value, numerator=row["value"],
                 denominator=population["value"] if population else None,
                 missing_reason=reason, source=source, cells=cells)


def _group(rows: _Rows, unit: str, kind: str, area: str, codes: tuple[str, ...], year: date,
           keys: Sequence[str], member: str = "local authority") -> Point | None:
    """The members' figures summed (numerators over denominators), missing with a reason when
    any member's is; None when no member published that year."""
    if len(keys) == 1:
        return _single(rows, kind, area, codes, year, keys[0])
    found = [rows.row(year, key) for key in keys]
    present = [row for row in found if row is not None]
    if not present:
        return None
    cells = tuple(_cell(row) for row in present)
    sources = list(dict.fromkeys(row["source"] for row in present))
    reason = None
    if len(present) < len(found):
        reason = f"not published for at least one {member}"
    numerator = denominator = None
    if rows.ref.per_10k_of:
        pops = [rows.population_row(year, key) for key in keys]
        cells += tuple(_cell(p) for p in pops if p is not None)
        sources += list(dict.fromkeys(p["source"] for p in pops if p is not None))
        counts = [row["value"] for row in present]
        denominators = [p["value"] if p else None for p in pops]
        if reason is None and None in denominators:
            reason = f"no population estimate published for at least one {member}"
    else:
        counts = [row["numerator"] for row in present]
        denominators = [row["denominator"] for row in present]
    if reason is None and None in counts:
        reasons = [row["missing_reason"] or "not published" for row in present
                   if (row["value"] if rows.ref.per_10k_of else row["numerator"]) is None]
        worst = next((r for r in reasons if r.startswith("suppressed")), reasons[0])
        reason = f"{worst.removesuffix(' (small numbers)')} for at least one {member}"
    value = None
    if reason is None:
        numerator = float(sum(counts))
        if unit == "count":
            value = numerator
        elif None in denominators:
            reason = f"not published for at least one {member}"
        else:
            denominator = float(sum(denominators))
            if not denominator:
                reason = "no figure (nothing to divide by)"
            elif unit == "per_10k":
                value = per_10k(numerator, denominator)
            else:
                value = _percent(numerator, denominator)
    return Point(kind, area, codes, present[0]["period"], present[0]["period_end"], value,
                 numerator, denominator, reason, "; ".join(sources), cells)


# --- benchmarks --------------------------------------------------------------------------------

def _ref(conn: duckdb.DuckDBPyConnection, indicator_id: str
         ) -> tuple[Indicator, ComparatorRef] | None:
    indicator = catalogue()[indicator_id]
    if indicator.comparator is None or not has_published(conn):
        return None
    return indicator, indicator.comparator


def _year(conn: duckdb.DuckDBPyConnection, ref: ComparatorRef, period_end: date | None
          ) -> date | None:
    """The published year every point takes, by the catalogue's year rule (England's year, as
    comparators.comparator chooses it)."""
    where, params = "measure = ? and area_code = ?", [ref.measure, ENGLAND_CODE]
    if ref.year == "same_year" and period_end is not None:
        where += " and ? between period_start and period_end"
        params.append(period_end)
    return conn.execute(f"select max(period_end) from {TABLE} where {where}",
                        params).fetchall()[0][0]


def _areas(who: Partnership) -> list[str]:
    return [ENGLAND_CODE, *who.region_codes]


def _points(rows: _Rows, unit: str, who: Partnership, year: date) -> dict[str, Point | None]:
    """The four headline points for one year."""
    region = (_group(rows, unit, "region", who.region_name, who.region_codes, year,
                     who.region_codes, "region") if who.region_codes else None)
    neighbours = (_group(rows, unit, "neighbours", who.neighbours_label, who.neighbour_codes,
                         year, who.neighbour_old_codes) if who.neighbour_codes else None)
    return {
        "partnership": _group(rows, unit, "partnership", who.name, who.la_codes, year,
                              who.la_old_codes) if who.la_old_codes else None,
        "england": _single(rows, "england", "", (ENGLAND_CODE,), year, ENGLAND_CODE),
        "region": region,
        "neighbours": neighbours,
    }


def _order(points: Iterable[Point], better: str) -> list[Point]:
    """Best first by `better` (ascending when "neither"); no value last."""
    sign = -1 if better == "higher" else 1
    return sorted(points, key=lambda p: (p.value is None, sign * (p.value or 0.0), p.area))


def _quartile(conn: duckdb.DuckDBPyConnection, ref: ComparatorRef, indicator: Indicator,
              who: Partnership, year: date, ours: Point | None) -> tuple[int | None, int]:
    """The partnership's quarter among every LA with a value that year (its own LAs counted
    once, as the partnership), 1 = best; and how many were ranked."""
    if ours is None or ours.value is None:
        return None, 0
    everyone = _Rows(conn, ref, all_las=True, years=[year])
    others = []
    for key, row in everyone.by_year.get(year, {}).items():
        if row["geographic_level"] == "Local authority" and key not in who.la_old_codes:
            point = _single(everyone, "la", row["area_name"], (row["area_code"],), year, key)
            if point is not None and point.value is not None:
                others.append(point.value)
    count = len(others) + 1
    if indicator.better == "higher":
        ahead = sum(value > ours.value for value in others)
    else:
        ahead = sum(value < ours.value for value in others)
    return min(4, 1 + ahead * 4 // count), count


def _stale_note(point: Point | None, period_end: date | None) -> str | None:
    if point is None or period_end is None:
        return None
    try:
        limit = period_end.replace(year=period_end.year - STALE_YEARS)
    except ValueError:  # 29 February
        limit = period_end.replace(year=period_end.year - STALE_YEARS, day=28)
    if point.period_end >= limit:
        return None
    return (f"Latest published figures are for {point.period}, more than two years before "
            "the period.")


def benchmark(conn: duckdb.DuckDBPyConnection, indicator_id: str, who: Partnership,
              period_end: date | None = None) -> Benchmark | None:
    """The partnership, England, its region and its neighbours for `indicator_id`, in one
    published year (the catalogue's year rule); None when the catalogue names no comparator
    (`NO_COUNTERPART`) or the load has no published tables."""
    found = _ref(conn, indicator_id)
    if found is None:
        return None
    indicator, ref = found
    year = _year(conn, ref, period_end)
    if year is None:
        return Benchmark(indicator_id, ref.measure, indicator.unit, None, None, None, None, (),
                         None, 0, None)
    rows = _Rows(conn, ref, years=[year], areas=_areas(who),
                 las=who.la_old_codes + who.neighbour_old_codes)
    points = _points(rows, indicator.unit, who, year)
    ranked: tuple[Point, ...] = ()
    quartile, la_count = None, 0
    if indicator.unit != "count":
        las = [_single(rows, "la", name, (code,), year, old) for code, old, name in
               zip(who.neighbour_codes, who.neighbour_old_codes, who.neighbour_names,
                   strict=True)]
        ours = points["partnership"]
        ranked = tuple(_order([p for p in [*las, ours] if p is not None], indicator.better))
        quartile, la_count = _quartile(conn, ref, indicator, who, year, ours)
    shown = next((p for p in points.values() if p is not None), None)
    return Benchmark(indicator_id, ref.measure, indicator.unit, points["partnership"],
                     points["england"], points["region"], points["neighbours"], ranked,
                     quartile, la_count, _stale_note(shown, period_end))


def benchmarks(conn: duckdb.DuckDBPyConnection, who: Partnership,
               period_end: date | None = None) -> dict[str, Benchmark]:
    """`benchmark` for every indicator that has one, in catalogue order."""
    found = {i: benchmark(conn, i, who, period_end) for i in catalogue()}
    return {i: b for i, b in found.items() if b is not None}


def series(conn: duckdb.DuckDBPyConnection, indicator_id: str, who: Partnership
           ) -> dict[str, tuple[Point, ...]]:
    """Every published year, by kind ("partnership", "england", "region", "neighbours"),
    oldest first; a kind is absent in a year none of its areas published. Empty when the
    indicator has no published counterpart."""
    found = _ref(conn, indicator_id)
    if found is None:
        return {}
    indicator, ref = found
    rows = _Rows(conn, ref, areas=_areas(who), las=who.la_old_codes + who.neighbour_old_codes)
    by_kind: dict[str, list[Point]] = {kind: [] for kind in KINDS}
    for year in rows.years():
        for kind, point in _points(rows, indicator.unit, who, year).items():
            if point is not None:
                by_kind[kind].append(point)
    return {kind: tuple(points) for kind, points in by_kind.items() if points}
