"""Comparators reader: for one family page, each indicator that has a published counterpart
set beside England, its region, its statistical neighbours and its own published figures
(summed from its local authorities), in words and numbers ready for
`components.comparison_charts`; and, once, the indicators that have none.

Like for like: the partnership's own series is all children over the 12 months to each quarter
end (the published figures are annual and for everyone, so the page's filters and the
quarter-by-quarter choice do not apply here); each published figure carries its year. The
published figures come from `pipelines.indicators.benchmarks` (the engine, read from the load's
published_* tables); the partnership's series from the trend reader.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import NamedTuple

import pandas as pd

from neglect_insight.dashboard.data import Load, cursor
from neglect_insight.dashboard.data import partnership as partnerships  # module: no cycle
from neglect_insight.dashboard.data.indicators.trends import trend
from neglect_insight.dashboard.data.indicators.views import HASH_FUNCS, Selection, View, cached
from neglect_insight.pipelines.calendar import format_date
from neglect_insight.pipelines.indicators import benchmarks as engine
from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.present.labels import load_words
from neglect_insight.pipelines.present.numbers import AXIS_TITLES, number
from neglect_insight.pipelines.present.states import NO_FIGURE
from neglect_insight.pipelines.settings import SettingsError

HEADING = "Compared with England, region and neighbours"
ACADEMIC_YEAR = "Academic year"  # the trend reader's category for attendance
# The published series on the trend, in drawing order.
KINDS = ("england", "region", "neighbours", "partnership")
NOT_IN_LOAD = ("The published DfE figures are not in this load, so there is nothing to "
               "compare with. Load the data again to see them.")
COUNT_NOTE = ("England, the region and the neighbours are not shown for a count: areas differ "
              "in size, so only the partnership's own published figure is comparable.")
FILTERS_NOTE = ("The filters and the quarter chosen above do not apply here: published figures "
                "are for all children over a year.")
QUARTERS = {  # the partnership's quartile, 1 = best (or lowest when neither way is better)
    True: {1: "best", 2: "second best", 3: "second worst", 4: "worst"},
    False: {1: "lowest", 2: "second lowest", 3: "second highest", 4: "highest"},
}


class Quarter(NamedTuple):
    """One point of the partnership's own series: the 12 months to a quarter end."""

    period_end: date
    period: str  # in words: "12 months to 31 March 2025", "Academic year 2024/25 to 31 March 2025"
    number: float | None
    value: str  # as the board may see it: "22.6%", `c` or `–`
    detail: str  # "12 counted out of 53", or ""


class Mark(NamedTuple):
    """One published figure for one area (or a group of areas summed) and year."""

    kind: str  # partnership | england | region | neighbours | la
    area: str  # in words
    period: str  # the published year in words: "2024-25", "31 March 2025", "2024/25"
    period_end: date
    number: float | None
    value: str  # "22.6%" or `–` when not published
    detail: str  # "1,234 out of 5,678", the reason it is missing, or ""


@dataclass(frozen=True)
class Comparison:
    """One indicator beside its published comparators."""

    indicator_id: str
    label: str  # the indicator's short label
    unit: str
    axis_title: str
    partnership: str  # the partnership's name
    ours_name: str  # what the partnership's own series is, in words
    ours: tuple[Quarter, ...]  # oldest first
    published: tuple[Mark, ...]  # every kind, oldest first within a kind
    ranked: tuple[Mark, ...]  # neighbours and the partnership, best first; empty for counts
    ranked_england: Mark | None  # England's figure for the ranked year, drawn as a line
    standing: str | None  # "in the best quarter of the 153 local authorities, 2024-25"
    notes: tuple[str, ...]  # the stale note; why a count is not compared with other areas
    trend_summary: str  # one line saying what the trend chart shows
    ranked_summary: str  # one line saying what the ranked bar shows ("" without one)


@dataclass(frozen=True)
class Comparisons:
    """What a family page shows under HEADING."""

    family_id: str
    partnership: str
    items: tuple[Comparison, ...]
    no_counterpart: str | None  # said once for every indicator of the family without one
    unavailable: str | None = None  # why nothing can be compared (no published tables)
    subtitle: str = ""
    notes: tuple[str, ...] = ()  # why an indicator with a counterpart is left out
    file_tag: str = ""  # the period in a download's name: "12m-to-2025-03-31"
    data_words: str = ""  # the load in words, written into downloads


def _text(value: float | None, unit: str) -> str:
    return NO_FIGURE if value is None else number(value, unit)


def _detail(point: engine.Point, unit: str) -> str:
    if point.value is None:
        return point.missing_reason or ""
    if unit == "percent" and point.numerator is not None and point.denominator:
        return f"{point.numerator:,.0f} out of {point.denominator:,.0f}"
    if unit == "per_10k" and point.numerator is not None and point.denominator:
        return f"{point.numerator:,.0f} children out of a population of {point.denominator:,.0f}"
    return ""


def _mark(point: engine.Point, unit: str) -> Mark:
    return Mark(point.kind, point.area, point.period, point.period_end, point.value,
                _text(point.value, unit), _detail(point, unit))


def _own(load: Load, sel: Selection, indicator_id: str) -> View:
    """The partnership's own series: all children, 12 months to each quarter end (attendance:
    each academic year up to its latest quarter end)."""
    return trend(load, Selection(sel.period_end, 12), (indicator_id,))


def _quarters(shown: View, indicator_id: str) -> tuple[bool, tuple[Quarter, ...]]:
    """The points of the partnership's own series; whether it is by academic year."""
    yearly = shown.category_name == ACADEMIC_YEAR
    rows = shown.rows
    ours = rows[~rows["reference"].astype(bool) & (rows["indicator_id"] == indicator_id)]
    out = []
    for r in ours.itertuples():
        detail = ("" if r.denominator in (NO_FIGURE, None) else
                  f"{r.numerator} counted out of {r.denominator}")
        period = (f"Academic year {r.category} to {format_date(r.period_end)}" if yearly
                  else f"12 months to {format_date(r.period_end)}")
        out.append(Quarter(r.period_end, period, None if pd.isna(r.number) else float(r.number),
                           r.value, detail))
    return yearly, tuple(out)


def _window(published: list[Mark], ours: tuple[Quarter, ...]) -> list[Mark]:
    """Published years from a year before the partnership's series starts (or before the
    latest published year, when that is older) to the end."""
    if not published:
        return []
    latest = max(m.period_end for m in published)
    start = min([latest, *(q.period_end for q in ours[:1])]) - timedelta(days=366)
    return [m for m in published if m.period_end >= start]


def _standing(bench: engine.Benchmark, better: str) -> str | None:
    if bench.quartile is None or bench.partnership is None:
        return None
    quarter = QUARTERS[better != "neither"][bench.quartile]
    return (f"in the {quarter} quarter of the {bench.la_count} local authorities, "
            f"{bench.partnership.period}")


def _published_line(marks: list[Mark], unit: str) -> str:
    if not marks:
        return "No published figures for this measure."
    latest = {}
    for m in marks:  # oldest first: the last of each kind is its latest
        latest[m.kind] = m
    shown = [latest[k] for k in ("partnership", *KINDS[:3]) if k in latest]
    return "Latest published: " + "; ".join(f"{m.area} {m.value} ({m.period})" for m in shown)


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _trend_summary(label: str, partnership: str, ours: tuple[Quarter, ...],
                   marks: list[Mark], unit: str) -> str:
    drawn = [q for q in ours if q.number is not None]
    if drawn:
        first, last = drawn[0], drawn[-1]
        own = f"{label} for {partnership}: {first.value} ({_lower(first.period)})"
        if last is not first:
            own += f", {last.value} ({_lower(last.period)})"
    else:
        own = f"{label} for {partnership}: no figure from this data"
    return f"{own}. {_published_line(marks, unit)}."


def _ranked_summary(ranked: tuple[Mark, ...], standing: str | None) -> str:
    if not ranked:
        return ""
    ours = next((m for m in ranked if m.kind == "partnership"), None)
    valued = [m for m in ranked if m.number is not None]
    text = f"{len(ranked) - (ours is not None)} statistical neighbours ranked, best first"
    if valued:
        text += (f", from {valued[0].area} ({valued[0].value}) to {valued[-1].area} "
                 f"({valued[-1].value})")
    if ours is not None:
        text += f". {ours.area}: {ours.value}"
        if standing:
            text += f", {standing}"
    return text + "."


def _comparison(load: Load, own: View, indicator_id: str, who_: engine.Partnership,
                bench: engine.Benchmark) -> Comparison:
    indicator = catalogue()[indicator_id]
    unit = indicator.unit
    conn = cursor(load)
    found = engine.series(conn, indicator_id, who_)
    kinds = ("partnership",) if unit == "count" else KINDS
    published = [_mark(p, unit) for k in kinds for p in found.get(k, ())]
    yearly, ours = _quarters(own, indicator_id)
    ours_name = (f"{who_.name}, each academic year so far" if yearly else
                 f"{who_.name}, 12 months to each quarter end")
    marks = _window(published, ours)
    ranked = () if unit == "count" else tuple(_mark(p, unit) for p in bench.ranked)
    standing = None if unit == "count" else _standing(bench, indicator.better)
    england = _mark(bench.england, unit) if ranked and bench.england else None
    notes = tuple(n for n in (bench.stale_note, COUNT_NOTE if unit == "count" else None) if n)
    return Comparison(indicator_id, indicator.short_label, unit, AXIS_TITLES[unit], who_.name,
                      ours_name, ours, tuple(marks), ranked, england, standing, notes,
                      _trend_summary(indicator.short_label, who_.name, ours, marks, unit),
                      _ranked_summary(ranked, standing))


def _no_counterpart(labels: list[str]) -> str | None:
    if not labels:
        return None
    comma = "; " if any("," in label for label in labels) else ", "  # "Absence, early help"
    named = labels[0] if len(labels) == 1 else f"{comma.join(labels[:-1])} or {labels[-1]}"
    return f"No published counterpart: no DfE figure measures the same thing as {named}."


@cached(hash_funcs=HASH_FUNCS | {engine.Partnership: repr})
def _comparisons(load: Load, sel: Selection, family_id: str,
                 who_: engine.Partnership) -> Comparisons:
    ids = [i for i, ind in catalogue().items() if ind.family == family_id]
    with_ref = sorted((i for i in ids if catalogue()[i].comparator is not None),
                      key=lambda i: catalogue()[i].unit == "count")  # rates first: ranked
    without = [catalogue()[i].short_label for i in ids if catalogue()[i].comparator is None]
    conn = cursor(load)
    benches = {i: b for i in with_ref
               if (b := engine.benchmark(conn, i, who_, sel.period_end)) is not None}
    subtitle = (f"{who_.name}: all children, 12 months to each quarter end, from this data. "
                "Published figures: DfE, each with its year.")
    if with_ref and not benches:
        return Comparisons(family_id, who_.name, (), _no_counterpart(without), NOT_IN_LOAD,
                           subtitle)
    own = {i: _own(load, sel, i) for i in benches}
    reasons = tuple(dict.fromkeys(v.unavailable for v in own.values() if v.unavailable))
    if own and all(v.unavailable for v in own.values()):
        # nothing of the family in this load (e.g. no attendance.csv): say why, once
        return Comparisons(family_id, who_.name, (), None, " ".join(reasons), subtitle)
    items = tuple(_comparison(load, own[i], i, who_, benches[i]) for i in with_ref
                  if i in benches and not own[i].unavailable)
    return Comparisons(family_id, who_.name, items, _no_counterpart(without), None, subtitle,
                       reasons)


def comparisons(load: Load, sel: Selection, family_id: str) -> Comparisons:
    """Every indicator of `family_id` with a published counterpart beside England, region,
    statistical neighbours and the partnership's published figures, ranked among its
    neighbours; and, once, those without one. A settings file naming an unknown local
    authority, or a bad one, makes the section unavailable with that message in plain words."""
    try:
        partnership = partnerships.who(load)
    except (engine.PartnershipError, SettingsError) as err:
        return Comparisons(family_id, "", (), None, str(err))
    shown = Selection(sel.period_end, 12)
    found = replace(_comparisons(load, shown, family_id, partnership), file_tag=shown.file_tag,
                    data_words=load_words(load.extract_date, load.loaded_at))
    if sel.filters or sel.months != 12:
        return replace(found, subtitle=f"{found.subtitle} {FILTERS_NOTE}")
    return found
