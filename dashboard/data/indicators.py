"""Readers for the board and strategy pages: indicator values, trends, breakdowns, journeys and
the scorecard, disclosure-controlled and in plain English, each ready for one component.

Every number comes from `pipelines.indicators.engine` (the engine behind the `indicators`
command and the board report), so a figure on a page traces to its family SQL and the load it
was computed from. For speed the engine's cube (`engine.cube`: a family's rows for one period
summed by every breakdown characteristic) is cached per (load, family, period); a filter or
breakdown is then `Cube.values` / `Cube.breakdown` over it, exactly what `engine.compute` /
`engine.breakdown` return for the same arguments (tests/dashboard checks this).
Results are cached by st.cache_data keyed by the load (run id, file) and the parameters; the
connection is cached per load file by `dashboard.data`.

A family whose SQL is missing, whose tables this load predates, or whose optional extract file
was not sent comes back as a `View` with `unavailable` set: pages never see an exception.
"""

from __future__ import annotations

import calendar
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import NamedTuple

import duckdb
import pandas as pd
import streamlit as st
from neglect_insight.dashboard.data import Load, _connect, current
from neglect_insight.pipelines.indicators import disclosure, engine
from neglect_insight.pipelines.indicators.catalogue import FAMILY_NAMES, Indicator, catalogue
from neglect_insight.pipelines.indicators.periods import (
    add_months,
    format_date,
    period_ending,
    quarter_label,
)
from neglect_insight.pipelines.indicators.scorecard import (  # noqa: F401 (re-exported for the pages)
    DEFAULT_TARGETS,
    TARGETS_ENV,
    Target,
    targets,
)
from neglect_insight.pipelines.indicators.scorecard import rag as _rag
from neglect_insight.pipelines.indicators.scorecard import travel as _travel
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

TREND_QUARTERS = 12  # points on a trend: three years of quarter ends
SUPPRESSED = disclosure.SUPPRESSED

# --- Plain English for codes and ids ---------------------------------------------------------

SERVICES = {"eh": "Early help", "cin": "Children in need", "cp": "Child protection"}
LEVEL_IDS = {"neglect_children_eh": "eh", "neglect_children_cin": "cin",
             "neglect_children_cp": "cp"}
SEX = {"M": "Male", "F": "Female", "U": "Unknown"}
ETHNICITY_GROUP = {
    "W": "White", "M": "Mixed", "A": "Asian or Asian British", "B": "Black or Black British",
    "C": "Chinese", "O": "Any other ethnic group", "R": "Refused", "N": "Not yet obtained",
}
AGE_BANDS = ("Unborn", "Under 1", "1 to 4", "5 to 9", "10 to 15", "16 to 17", "18 and over")
NOT_RECORDED = "Not recorded"
COHORTS = {"eh": "Early help", "cin": "Children in need", "cp": "Child protection",
           "neglect": "Neglect identified"}
ATTENDANCE_MEASURES = {
    "absence_rate": "Overall absence",
    "persistent": "Persistent absence (10% or more)",
    "severe": "Severe absence (50% or more)",
}
ALL_PUPILS = "All pupils"
OURS = "This partnership"
ENGLAND = "England"

FAMILIES = FAMILY_NAMES

# The extract fields each family reads (extracts.md), shown on the Methodology page.
SOURCES = {
    "prevalence": "early_help.csv (start_date, end_date, factors); referrals.csv (referral_date, "
                  "nfa, closure_date); assessments.csv (authorised_date, factors); cp_plans.csv "
                  "(start_date, end_date, initial_category, latest_category); population.csv "
                  "(mid_year, population_0_17) for rates",
    "repeat_plans": "cp_plans.csv (child_id, start_date, end_date, initial_category, "
                    "latest_category, previous_plans)",
    "rereferrals": "referrals.csv (child_id, referral_date, nfa, closure_date); assessments.csv "
                   "(authorised_date, factors) for neglect",
    "attendance": "attendance.csv (academic_year, term, possible_sessions, absence_sessions); "
                  "early_help.csv, referrals.csv, assessments.csv and cp_plans.csv for the "
                  "cohorts",
    "drift": "assessments.csv (start_date, authorised_date); referrals.csv (referral_date, nfa, "
             "closure_date)",
    "flows": "early_help.csv (start_date, end_date, end_reason); referrals.csv (referral_date, "
             "closure_date, closure_reason)",
    "early_years": "early_years.csv (term_start, eligible_2yo, taking_up)",
    "cooccurring_factors": "referrals.csv (referral_date, nfa, closure_date); assessments.csv "
                           "(authorised_date, factors)",
}

# What to keep in mind when reading each family (indicators.md, reference.md).
CAVEATS = {
    "prevalence": (
        "Neglect is counted only where it is recorded: factor 16A on an early help episode or a "
        "social care assessment, or a child protection plan under neglect.",
        "Each child is counted once, at the highest level of neglect identification open in the "
        "period: child protection, then children in need, then early help.",
        "Rates per 10,000 children use the ONS mid-year estimate for the year before the period "
        "ends. There is no population by locality, sex, age band or ethnicity group, so rates "
        "are shown for all children only.",
    ),
    "repeat_plans": (
        "An earlier plan is one in the data or counted in previous_plans; plans elsewhere that "
        "were never recorded are missed.",
        "With few plans in a period, percentages move a lot from one period to the next.",
    ),
    "rereferrals": (
        "A second referral on the same day is not a re-referral; the earlier referral may have "
        "been closed with no further action.",
    ),
    "attendance": (
        "England figures count children open at 31 March over six half terms; these cohorts "
        "are children open at any time in the academic year, so the comparison is indicative.",
        "Only children with school census attendance rows for the year are counted.",
    ),
    "drift": ("Working days exclude weekends and England and Wales bank holidays.",),
    "flows": (
        "A step-up is a referral within 3 months of early help ending; referrals after the "
        "extract date are not known yet, so the latest quarter can undercount step-ups.",
    ),
    "early_years": ("Take-up is as reported per term, for terms starting in the period.",),
    "cooccurring_factors": (
        "Only factors recorded at assessment count; parental factors are often under-recorded.",
    ),
}

# Optional extract files (extracts.md): the staging view that is empty when one was not sent.
OPTIONAL_FILES = {
    "attendance": ("stg_attendance", "attendance.csv", "school attendance"),
    "attendance_all_pupils": ("stg_attendance_all_pupils", "attendance_all_pupils.csv",
                              "the all-pupils comparison"),
    "population": ("stg_population", "population.csv", "rates per 10,000 children"),
    "early_years": ("stg_early_years", "early_years.csv", "early years take-up"),
}
FAMILY_FILES = {"attendance": "attendance", "early_years": "early_years"}

# The scorecard (Strategy): the partnership strategy's headline measures.
HEADLINES = (
    "neglect_rate_per_10k", "neglect_children_eh", "neglect_children_cin", "neglect_children_cp",
    "cpp_neglect_repeat", "rereferral_12m_neglect", "attendance_absence_rate_eh",
    "fras_2yo_takeup", "cpp_ended_within_3m", "cpp_open_2y_plus",
)


JOURNEYS_METHOD = (
    "For the Sankey diagram on Flows between services: every child with an early help "
    "episode, a referral (including those closed with no further action), a child in need "
    "plan or a child protection plan open in the period. A child's path lists the services "
    "reached, always in the order early help, referral, assessment, child in need plan, child "
    "protection plan (not the order of dates: a child stepped down from child protection to "
    "early help still reads from early help), and ends in \"Still open\" when anything is open "
    "at the period end, else \"Closed\". Each child is counted once on each link of their path. "
    "Source: sql/indicators/journeys.sql; early_help.csv, referrals.csv, assessments.csv, "
    "cin_plans.csv and cp_plans.csv (start and end dates)."
)


def family_ids(family: str) -> tuple[str, ...]:
    """The catalogue ids of one indicator family, in catalogue order."""
    return tuple(engine.family_ids(family))


def code_label(dimension: str, value: str) -> str:
    """A breakdown value as a board member reads it ('F' -> 'Female', 'W' -> 'White')."""
    if dimension == "sex":
        return SEX.get(value, value)
    if dimension == "ethnicity_group":
        return ETHNICITY_GROUP.get(value, value)
    return value


def month_end(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def academic_year(period_end: date) -> str:
    """'2024/25' for any date from 1 September 2024 to 31 August 2025."""
    first = period_end.year if period_end.month >= 9 else period_end.year - 1
    return f"{first}/{(first + 1) % 100:02d}"


# --- What the user chose, and what a visual shows -------------------------------------------


@dataclass(frozen=True)
class Selection:
    """The global filters: a period and, optionally, a part of the population."""

    period_end: date
    months: int = 12
    filters: tuple[tuple[str, str], ...] = ()  # (dimension, value), in DIMENSIONS order

    @property
    def period_text(self) -> str:
        period = period_ending(self.period_end, self.months)
        if self.months == 3:
            return f"{quarter_label(self.period_end)} ({period.label})"
        return f"12 months to {format_date(self.period_end)} ({period.label})"

    @property
    def filter_map(self) -> dict[str, str]:
        """The filters as engine.compute takes them."""
        return dict(self.filters)

    @property
    def population_text(self) -> str:
        if not self.filters:
            return "All children"
        return "; ".join(f"{engine.DIMENSIONS[d]}: {code_label(d, v)}" for d, v in self.filters)

    def moved(self, months: int) -> Selection:
        """The same selection with the period end `months` later (earlier when negative)."""
        return Selection(month_end(add_months(self.period_end, months)), self.months,
                         self.filters)


class Cells(NamedTuple):
    """A value as the board may see it: display text from `disclosure` ("1,234", "19.0%",
    "c" suppressed, "–" none) and the number to draw (None when suppressed or missing)."""

    value: str
    numerator: str
    denominator: str
    number: float | None


# View.rows columns: Cells plus what the row is. `reference` marks comparison rows (England,
# all pupils, a total) drawn as reference marks rather than as our own series.
ROW_COLUMNS = ("indicator_id", "period_end", "category", "series", "value", "numerator",
               "denominator", "number", "reference")


@dataclass(frozen=True)
class View:
    """What one visual shows: disclosure-controlled rows and what to say beneath them."""

    indicator_ids: tuple[str, ...]
    selection: Selection
    load: Load
    rows: pd.DataFrame
    name: str = ""  # what the visual shows, in a few words (a tab label or fallback heading)
    category_name: str = "Measure"  # plain-English header of the category column
    series_name: str = "Figures for"  # and of the series column
    period_text: str = ""  # instead of the selection's period (academic years, trends)
    unavailable: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def suppressed(self) -> bool:
        cells = self.rows[["value", "numerator", "denominator"]]
        return bool(cells.isin([SUPPRESSED]).to_numpy().any())

    @property
    def indicators(self) -> list[Indicator]:
        return [catalogue()[i] for i in self.indicator_ids]

    @property
    def subtitle(self) -> str:
        return (f"{self.period_text or self.selection.period_text}. "
                f"{self.selection.population_text}. Load {self.load.run_id}, extract of "
                f"{format_date(self.load.extract_date)}.")


class ScoreLine(NamedTuple):
    indicator_id: str
    current: Cells | None
    previous: Cells | None
    last_year: Cells | None
    travel: str | None  # better | worse | up | down | same (neither direction is better)
    target: Target | None
    rag: str | None  # green | amber | red
    unavailable: str | None


@dataclass(frozen=True)
class Scorecard:
    lines: tuple[ScoreLine, ...]
    selection: Selection
    load: Load
    previous_end: date | None
    last_year_end: date | None
    targets_problem: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def suppressed(self) -> bool:
        return any(SUPPRESSED in cells[:3] for line in self.lines
                   for cells in (line.current, line.previous, line.last_year) if cells)

    @property
    def subtitle(self) -> str:
        return (f"{self.selection.period_text}. {self.selection.population_text}. Load "
                f"{self.load.run_id}, extract of {format_date(self.load.extract_date)}.")


# st.cache_* keys: a load by its run id and file, a selection by its values (cheap to hash).
HASH_FUNCS = {
    Load: lambda load: (load.run_id, str(load.file)),
    Selection: lambda sel: (sel.period_end.isoformat(), sel.months, sel.filters),
}
cached = partial(st.cache_data, show_spinner=False, max_entries=2000, hash_funcs=HASH_FUNCS)


# --- The load -------------------------------------------------------------------------------


def current_load() -> Load | None:
    """The load the pages show, or None before the first good load."""
    return current()


def _cursor(load: Load) -> duckdb.DuckDBPyConnection:
    return _connect(str(load.file)).cursor()


@cached()
def period_ends(load: Load) -> list[date]:
    """Quarter ends the load covers, oldest first."""
    return engine.quarter_ends(_cursor(load))


@cached()
def filter_options(load: Load) -> dict[str, list[tuple[str, str]]]:
    """Per breakdown dimension, the (value, label) pairs of this load, in reading order."""
    # Spelt as the engine's filters compare them; age bands are a fixed list.
    found = engine.profile_values(_cursor(load)) | {"age_band": set(AGE_BANDS)}
    return {d: [(v, code_label(d, v)) for v in _in_order(d, found[d])]
            for d in engine.DIMENSIONS}


def _in_order(dimension: str, values: Iterable[str]) -> list[str]:
    known = {"sex": list(SEX), "ethnicity_group": list(ETHNICITY_GROUP),
             "age_band": list(AGE_BANDS)}.get(dimension, [])
    return sorted(values, key=lambda v: (v == NOT_RECORDED,
                                         known.index(v) if v in known else len(known), v))


@cached()
def missing_files(load: Load) -> dict[str, str]:
    """Optional files this load was built without: key -> what that means, in a sentence."""
    conn = _cursor(load)
    out = {}
    for key, (view, file_name, what) in OPTIONAL_FILES.items():
        try:
            present = conn.execute(f"select exists (select 1 from {view})").fetchone()[0]
        except duckdb.Error:
            present = False
        if not present:
            out[key] = (f"This load has no {file_name}, so {what} cannot be shown. Send "
                        f"{file_name} with the next delivery to see it here.")
    return out


# --- Raw figures from the engine (exact counts; suppression comes after) --------------------


def _unavailable(family: str, detail: str) -> str:
    return f"{FAMILIES.get(family, family)} figures are not available in this load: {detail}"


@st.cache_resource(show_spinner=False, max_entries=1200, hash_funcs=HASH_FUNCS)
def _cube(load: Load, family: str, period_end: date, months: int) -> engine.Cube | str:
    """The family's engine cube for the period, or the reason the family is not available in
    this load. A shared resource (not copied per call): callers only read it."""
    file_key = FAMILY_FILES.get(family)
    if file_key and file_key in missing_files(load):
        return missing_files(load)[file_key]
    try:
        return engine.cube(_cursor(load), family, period_end, months)
    except FileNotFoundError:
        return _unavailable(family, "this version of Neglect Insight does not compute them yet.")
    except duckdb.CatalogException:
        return _unavailable(family, "the load was made before they existed. Load the data "
                                    "again to see them.")


def _family_values(load: Load, family: str, sel: Selection
                   ) -> dict[str, engine.IndicatorValue] | str:
    """engine.compute for one family and selection, from the cached cube (or a reason)."""
    cube = _cube(load, family, sel.period_end, sel.months)
    return cube if isinstance(cube, str) else cube.values(sel.filter_map)


def _family_breakdown(load: Load, indicator_id: str, dimension: str, sel: Selection
                      ) -> list[tuple[str, engine.IndicatorValue]] | str:
    """engine.breakdown from the cached cube: parts in reading order (or a reason)."""
    cube = _cube(load, catalogue()[indicator_id].family, sel.period_end, sel.months)
    if isinstance(cube, str):
        return cube
    parts = dict(cube.breakdown(indicator_id, dimension, sel.filter_map))
    return [(part, parts[part]) for part in _in_order(dimension, parts)]


def _families(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(catalogue()[i].family for i in ids))


def _values(load: Load, sel: Selection, ids: Iterable[str]
            ) -> tuple[dict[str, engine.IndicatorValue], dict[str, str]]:
    """Raw values of `ids`, and for each family that is not available, why."""
    values: dict[str, engine.IndicatorValue] = {}
    reasons: dict[str, str] = {}
    for family in _families(ids):
        got = _family_values(load, family, sel)
        if isinstance(got, str):
            reasons[family] = got
        else:
            values.update(got)
    return {i: values[i] for i in ids if i in values}, reasons


# --- Disclosure control ----------------------------------------------------------------------


def _format(value: float, unit: str) -> str:
    """A published figure written as disclosure.py writes ours."""
    if unit == "count":
        return f"{value:,.0f}"
    return f"{value:,.1f}%" if unit == "percent" else f"{value:,.1f}"


def _from_shown(shown: disclosure.Shown, raw: engine.IndicatorValue) -> Cells:
    number = None
    if not shown.suppressed and shown.value not in (SUPPRESSED, disclosure.MISSING):
        number = raw.value
    return Cells(shown.value, shown.numerator, shown.denominator, number)


def _cells(value: engine.IndicatorValue) -> Cells:
    """One value as the board may see it (counts 1 to 5 and rates built on them as c)."""
    return _from_shown(disclosure.suppress_value(value), value)


def _parts_cells(parts: Sequence[tuple[str, engine.IndicatorValue]],
                 total: engine.IndicatorValue) -> tuple[dict[str, Cells], Cells]:
    """Parts of a whole and the whole: small counts suppressed, and a further cell where the
    total would reveal them (secondary suppression)."""
    shown_parts, shown_total = disclosure.suppress_breakdown(parts, total)
    raw = dict(parts)
    return ({part: _from_shown(shown, raw[part]) for part, shown in shown_parts},
            _from_shown(shown_total, total))


# --- Building views --------------------------------------------------------------------------


def _row(indicator_id: str, period_end: date | None, category: str, series: str,
         cells: Cells, reference: bool = False) -> dict:
    return dict(indicator_id=indicator_id, period_end=period_end, category=category,
                series=series, reference=reference, **cells._asdict())


def england_cells(indicator: Indicator) -> Cells | None:
    """England's published figure (catalogue), written as ours are; none for counts."""
    england = indicator.england
    if england is None or indicator.unit == "count":
        return None
    return Cells(_format(england.value, indicator.unit), disclosure.MISSING, disclosure.MISSING,
                 england.value)


def _england_row(indicator: Indicator, category: str) -> dict | None:
    cells = england_cells(indicator)
    if cells is None:
        return None
    return _row(indicator.id, None, category, f"{ENGLAND} ({indicator.england.period})", cells,
                reference=True)


def _view(ids: Sequence[str], sel: Selection, load: Load, rows: list[dict],
          reasons: dict[str, str], notes: Iterable[str] = (), **kwargs) -> View:
    """A View; unavailable when no family of `ids` is, else a note per missing family."""
    frame = pd.DataFrame(rows, columns=list(ROW_COLUMNS)).astype(object)
    said = tuple(dict.fromkeys(reasons.values()))
    everything_missing = bool(reasons) and len(reasons) >= len(_families(ids))
    return View(tuple(ids), sel, load, frame,
                unavailable=" ".join(said) if everything_missing else None,
                notes=tuple(notes) + (() if everything_missing else said), **kwargs)


def _rate_notes(load: Load, sel: Selection, ids: Iterable[str]) -> tuple[str, ...]:
    if not any(catalogue()[i].unit == "per_10k" for i in ids):
        return ()
    if "population" in missing_files(load):
        return (missing_files(load)["population"],)
    if sel.filters:
        return ("Rates per 10,000 children are for all children only: there is no population "
                "estimate for part of the population.",)
    return ()


def _attendance_notes(load: Load, sel: Selection, ids: Iterable[str]) -> tuple[str, ...]:
    if not any(catalogue()[i].family == "attendance" for i in ids):
        return ()
    return (f"School attendance is for the academic year {academic_year(sel.period_end)}, "
            "the one containing the period end.",)


# --- Readers ---------------------------------------------------------------------------------


@cached()
def indicator_values(load: Load, sel: Selection, ids: tuple[str, ...]) -> View:
    """Each indicator's value for the selection (category: its short label), with England's
    published figure beside it where there is one."""
    values, reasons = _values(load, sel, ids)
    rows = []
    for i in ids:
        indicator = catalogue()[i]
        if i in values:
            rows.append(_row(i, sel.period_end, indicator.short_label, OURS, _cells(values[i])))
            if england := _england_row(indicator, indicator.short_label):
                rows.append(england)
    return _view(ids, sel, load, rows, reasons,
                 notes=_rate_notes(load, sel, ids) + _attendance_notes(load, sel, ids))


@cached()
def prevalence_split(load: Load, sel: Selection) -> View:
    """Children with neglect identified by the highest level open in the period (early help,
    children in need, child protection), and their total."""
    ids = (*LEVEL_IDS, "neglect_children_total")
    values, reasons = _values(load, sel, ids)
    rows = []
    if values:
        parts = [(SERVICES[LEVEL_IDS[i]], values[i]) for i in LEVEL_IDS]
        shown, total = _parts_cells(parts, values["neglect_children_total"])
        rows = [_row(i, sel.period_end, SERVICES[level], OURS, shown[SERVICES[level]])
                for i, level in LEVEL_IDS.items()]
        rows.append(_row("neglect_children_total", sel.period_end, "Total", OURS, total,
                         reference=True))
    return _view(ids, sel, load, rows, reasons,
                 category_name="Highest level of neglect identification")


def _yearly(ids: Iterable[str]) -> bool:
    """Attendance is measured over the academic year containing the period end."""
    return all(catalogue()[i].family == "attendance" for i in ids)


def trend_period_ends(load: Load, sel: Selection, yearly: bool = False) -> list[date]:
    """Quarter ends up to the selected one whose whole period lies within the load (at most
    TREND_QUARTERS); with `yearly`, the latest such quarter end in each academic year."""
    ends = [e for e in period_ends(load) if e <= sel.period_end]
    skip = max(sel.months // 3 - 1, 0)
    ends = ends[skip:] if len(ends) > skip else ends[-1:]
    if yearly:
        ends = list({academic_year(e): e for e in ends}.values())
    return ends[-TREND_QUARTERS:]


@cached()
def trend(load: Load, sel: Selection, ids: tuple[str, ...]) -> View:
    """The indicators at each quarter end up to the selected one: rolling 12 months, or
    quarter by quarter (attendance: one point per academic year); England's published figure
    as a reference where there is one."""
    yearly = _yearly(ids)
    ends = trend_period_ends(load, sel, yearly)
    other = 3 if sel.months == 12 else 12
    prefetch(load, _families(ids), [
        *((end, other) for end in trend_period_ends(load, Selection(sel.period_end, other),
                                                    yearly)),
        *((end, sel.months) for end in (_earlier(load, ends[0]) if ends else []))])
    rows, reasons = [], {}
    for end in list(ends):
        values, missing = _values(load, Selection(end, sel.months, sel.filters), ids)
        reasons.update(missing)
        if not rows and values and all(v.value is None and not v.numerator
                                       for v in values.values()):
            ends.remove(end)  # before the data on this starts (e.g. no attendance rows yet)
            continue
        label = academic_year(end) if yearly else quarter_label(end)
        rows.extend(_row(i, end, label, catalogue()[i].short_label, _cells(values[i]))
                    for i in ids if i in values)
    if len(reasons) < len(_families(ids)):
        rows.extend(row for i in ids if (row := _england_row(catalogue()[i], "")))
    if not ends:
        span = ""
    elif yearly:
        span = f"Academic years {academic_year(ends[0])} to {academic_year(ends[-1])}"
    else:
        span = (f"{'Rolling 12 months' if sel.months == 12 else 'Quarter by quarter'}, "
                f"{len(ends)} periods ending {format_date(ends[0])} to "
                f"{format_date(ends[-1])}")
    return _view(ids, sel, load, rows, reasons,
                 category_name="Academic year" if yearly else "Period ending",
                 period_text=span, notes=_rate_notes(load, sel, ids))


# --- Prefetch: what the next click is likely to need, computed while the user reads ----------

_PREFETCH = ThreadPoolExecutor(max_workers=1, thread_name_prefix="neglect-insight-prefetch")
_PREFETCHED: set[tuple] = set()
_PREFETCH_LOCK = threading.Lock()


def prefetch(load: Load, families: Iterable[str], periods: Iterable[tuple[date, int]]) -> None:
    """Queue, on one background thread, the cubes of `families` for (period end, months) the
    next click is likely to need: the other period length, or the period end moved back.
    That click then redraws from cache. Filters need no prefetch: a cube holds every part of
    the population."""
    context = get_script_run_ctx(suppress_warning=True)
    key = HASH_FUNCS[Load](load)
    wanted = [(family, end, months) for end, months in periods for family in families]
    with _PREFETCH_LOCK:
        todo = [w for w in dict.fromkeys(wanted) if (key, *w) not in _PREFETCHED]
        _PREFETCHED.update((key, *w) for w in todo)
    for family, end, months in todo:
        _PREFETCH.submit(_prefetch_one, context, load, family, end, months)


def _earlier(load: Load, end: date) -> list[date]:
    """The quarter end before `end` in the load, if any."""
    return [e for e in period_ends(load) if e < end][-1:]


def _prefetch_one(context, load: Load, family: str, end: date, months: int) -> None:
    if context is not None:
        add_script_run_ctx(threading.current_thread(), context)
    try:
        _cube(load, family, end, months)
    except duckdb.Error:  # a prefetch never fails a page; the page computes it if asked
        pass


@cached()
def breakdown(load: Load, sel: Selection, indicator_id: str, dimension: str) -> View:
    """The indicator for each value of a breakdown dimension (plain labels, reading order);
    small counts suppressed, and a second cell where the total would reveal one."""
    indicator = catalogue()[indicator_id]
    parts = _family_breakdown(load, indicator_id, dimension, sel)
    if isinstance(parts, str):
        return _view((indicator_id,), sel, load, [], {indicator.family: parts},
                     category_name=engine.DIMENSIONS[dimension])
    total = _values(load, sel, [indicator_id])[0][indicator_id]
    labelled = [(code_label(dimension, part), value) for part, value in parts]
    shown, _total = _parts_cells(labelled, total)
    rows = [_row(indicator_id, sel.period_end, label, indicator.short_label, shown[label])
            for label, _value in labelled]
    return _view((indicator_id,), sel, load, rows, {},
                 category_name=engine.DIMENSIONS[dimension],
                 notes=_attendance_notes(load, sel, [indicator_id]))


def breakdowns(load: Load, sel: Selection, indicator_id: str) -> list[View]:
    """The indicator broken down by each dimension in turn (sex, age band, ...)."""
    return [breakdown(load, sel, indicator_id, dimension) for dimension in engine.DIMENSIONS]


def _all_pupils(load: Load, year: str) -> dict[str, engine.IndicatorValue] | None:
    """All pupils of the area in an academic year (attendance_all_pupils.csv): overall absence
    over the year's sessions; persistent and severe absence as a share of pupils over the terms
    supplied (the file gives termly figures)."""
    if "attendance_all_pupils" in missing_files(load):
        return None
    row = _cursor(load).execute(
        "select sum(absence_sessions), sum(possible_sessions), sum(persistent_absentees), "
        "sum(severe_absentees), sum(pupils) from stg_attendance_all_pupils "
        "where academic_year = ?", [year]).fetchone()
    if not row or not row[1]:
        return None
    absence, possible, persistent, severe, pupils = (int(x or 0) for x in row)
    return {measure: engine.IndicatorValue("", num, den, engine.rate(num, den))
            for measure, num, den in (("absence_rate", absence, possible),
                                      ("persistent", persistent, pupils),
                                      ("severe", severe, pupils))}


@cached()
def attendance_cohorts(load: Load, sel: Selection, measure: str) -> View:
    """One attendance measure for each cohort (early help, children in need, child protection,
    neglect identified), beside all pupils of the area and England where published."""
    ids = tuple(f"attendance_{measure}_{cohort}" for cohort in COHORTS)
    values, reasons = _values(load, sel, ids)
    rows, notes = [], list(_attendance_notes(load, sel, ids))
    year = academic_year(sel.period_end)
    if values:
        for cohort, i in zip(COHORTS, ids, strict=True):
            rows.append(_row(i, sel.period_end, COHORTS[cohort], OURS, _cells(values[i])))
            if england := _england_row(catalogue()[i], COHORTS[cohort]):
                rows.append(england)
        pupils = _all_pupils(load, year)
        if pupils is not None:
            cells = _from_shown(disclosure.suppress_value(pupils[measure], unit="percent"),
                                pupils[measure])
            rows.append(_row("", sel.period_end, ALL_PUPILS, f"{ALL_PUPILS} ({year})", cells,
                             reference=True))
        elif "attendance_all_pupils" in missing_files(load):
            notes.append(missing_files(load)["attendance_all_pupils"])
        else:
            notes.append(f"attendance_all_pupils.csv has no rows for {year}.")
        notes.append(CAVEATS["attendance"][0])
        if sel.filters:
            notes.append("All pupils and England are for every pupil, not the part of the "
                         "population chosen in the filters.")
    return _view(ids, sel, load, rows, reasons, name=ATTENDANCE_MEASURES[measure],
                 category_name="Children", period_text=f"Academic year {year}", notes=notes)


def attendance_measures(load: Load, sel: Selection) -> list[View]:
    """Overall, persistent and severe absence, each by cohort (see attendance_cohorts)."""
    return [attendance_cohorts(load, sel, measure) for measure in ATTENDANCE_MEASURES]


@cached()
def attendance_after_early_help(load: Load, sel: Selection) -> View:
    """Children whose absence fell in the first full term after early help ended, against the
    last full term before it started; and the mean change in percentage points."""
    ids = ("eh_attendance_improved",)
    values, reasons = _values(load, sel, ids)
    rows, notes = [], []
    if values:
        value = values[ids[0]]
        cells = _cells(value)
        rows.append(_row(ids[0], sel.period_end, catalogue()[ids[0]].short_label, OURS, cells))
        change = value.extra.get("mean_change_pp")
        if cells.number is not None and change is not None:
            notes.append(f"On average these children's absence changed by {change:+.1f} "
                         "percentage points from the term before early help to the term after.")
    return _view(ids, sel, load, rows, reasons, notes=notes)


def _journey_hidden(links: Sequence[engine.JourneyLink]) -> list[bool]:
    """Links to show as c: counts of 1 to 5, then (disclosure.py rule 3) further links while a
    hidden one could be worked out. What a reader can work out from the table: at a step where
    as many children arrive as leave (no journey starts there), arrivals equal departures, so
    hidden links on one side only are the other side's total less the shown ones. Hiding one
    more link on the other side leaves only their difference known."""
    counts = [link.children for link in links]
    hidden = [disclosure.is_small(c) for c in counts]
    balanced = []
    for step in {link.source for link in links} & {link.target for link in links}:
        arriving = [n for n, link in enumerate(links) if link.target == step]
        leaving = [n for n, link in enumerate(links) if link.source == step]
        if sum(counts[n] for n in arriving) == sum(counts[n] for n in leaving):
            balanced += [(arriving, leaving), (leaving, arriving)]
    changed = True
    while changed:
        changed = False
        for side, other in balanced:
            if any(hidden[n] for n in other):
                continue
            part = [counts[n] for n in side]
            if disclosure._recoverable(part, [hidden[n] for n in side], sum(part),
                                       disclosure.DEFAULT_THRESHOLD):
                shown = [n for n in other if counts[n] > 0]
                hidden[min(shown, key=lambda n: (counts[n], n))] = True
                changed = True
    return hidden


@cached()
def _journey_links(load: Load, sel: Selection) -> list[engine.JourneyLink] | str:
    try:
        return engine.journeys(_cursor(load), sel.period_end, sel.months, sel.filter_map)
    except FileNotFoundError:
        return _unavailable("flows", "this version of Neglect Insight does not draw journeys "
                                     "yet.")
    except duckdb.CatalogException:
        return _unavailable("flows", "the load was made before journeys existed. Load the "
                                     "data again to see them.")


def journeys(load: Load, sel: Selection) -> View:
    """Children's paths through services in the period as Sankey links (category: from,
    series: to, value: children), small numbers suppressed."""
    links = _journey_links(load, sel)
    if isinstance(links, str):
        return _view((), sel, load, [], {"flows": links}, category_name="From",
                     series_name="To")
    rows = []
    for link, hide in zip(links, _journey_hidden(links), strict=True):
        count = engine.IndicatorValue("", link.children, None, link.children)
        cells = _cells(count)
        if hide:
            cells = Cells(SUPPRESSED, SUPPRESSED, disclosure.MISSING, None)
        rows.append(_row("", sel.period_end, link.source, link.target, cells))
    return _view((), sel, load, rows, {}, category_name="From", series_name="To")


# --- Scorecard -------------------------------------------------------------------------------


@cached()
def _score_values(load: Load, sel: Selection) -> tuple[dict, dict, dict, dict, date | None,
                                                       date | None]:
    ends = period_ends(load)
    previous, last_year = sel.moved(-3), sel.moved(-12)
    other = 3 if sel.months == 12 else 12
    prefetch(load, _families(HEADLINES), [
        *((s.period_end, other) for s in (sel, previous, last_year)),
        *((end, sel.months) for end in _earlier(load, last_year.period_end))])
    now, reasons = _values(load, sel, HEADLINES)
    before = _values(load, previous, HEADLINES)[0] if previous.period_end in ends else {}
    year_ago = _values(load, last_year, HEADLINES)[0] if last_year.period_end in ends else {}
    return (now, before, year_ago, reasons,
            previous.period_end if previous.period_end in ends else None,
            last_year.period_end if last_year.period_end in ends else None)


def scorecard(load: Load, sel: Selection) -> Scorecard:
    """The headline measures now, a quarter before and a year before; the direction of travel
    over the year (better or worse, knowing which way is good); RAG against the targets."""
    now, before, year_ago, reasons, previous_end, last_year_end = _score_values(load, sel)
    goals, problem = targets()
    lines = []
    for i in HEADLINES:
        indicator = catalogue()[i]
        current = _cells(now[i]) if i in now else None
        last_year = _cells(year_ago[i]) if i in year_ago else None
        lines.append(ScoreLine(
            i, current, _cells(before[i]) if i in before else None, last_year,
            _travel(indicator, current and current.number, last_year and last_year.number),
            goals.get(i), _rag(current and current.number, goals.get(i)),
            reasons.get(indicator.family)))
    notes = _rate_notes(load, sel, HEADLINES) + _attendance_notes(load, sel, HEADLINES)
    if previous_end is None or last_year_end is None:
        notes += ("Earlier periods outside this load are left blank.",)
    return Scorecard(tuple(lines), sel, load, previous_end, last_year_end, problem, notes)


# --- Methodology -----------------------------------------------------------------------------

UNITS = {"count": "Count", "percent": "Percentage", "per_10k": "Rate per 10,000 children"}
BETTER = {"higher": "Higher is better", "lower": "Lower is better",
          "neither": "Neither: context for the board, not a target"}


class Method(NamedTuple):
    indicator_id: str
    family: str
    label: str
    short_label: str
    unit: str
    better: str
    definition: str
    sources: str
    caveats: tuple[str, ...]
    england: str


def methodology() -> list[Method]:
    """Every indicator of the catalogue, with its sources, caveats and England comparator."""
    out = []
    for indicator in catalogue().values():
        england = indicator.england
        out.append(Method(
            indicator.id, FAMILIES.get(indicator.family, indicator.family), indicator.label,
            indicator.short_label, UNITS[indicator.unit], BETTER[indicator.better],
            indicator.definition, SOURCES.get(indicator.family, ""),
            CAVEATS.get(indicator.family, ()),
            f"{_format(england.value, indicator.unit)}"
            f"{' per 10,000 children' if indicator.unit == 'per_10k' else ''} "
            f"({england.period}; {england.source})" if england else
            "No published England figure"))
    return out
