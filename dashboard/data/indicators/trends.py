"""Trend reader: indicators at each quarter end up to the selected one (rolling 12 months or
quarter by quarter; attendance one point per academic year), England as a reference."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from neglect_insight.dashboard.data import Load
from neglect_insight.dashboard.data.indicators.cubes import TREND_QUARTERS, period_ends, values
from neglect_insight.dashboard.data.indicators.notes import (
    part_year_note,
    rate_notes,
    value_notes,
)
from neglect_insight.dashboard.data.indicators.prefetch import earlier, prefetch
from neglect_insight.dashboard.data.indicators.values import comparisons, england_row
from neglect_insight.dashboard.data.indicators.views import (
    Selection,
    View,
    cached,
    families_of,
    row,
    view,
)
from neglect_insight.pipelines.calendar import academic_year, format_date, quarter_label
from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.present.cells import cell


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


def _span(ends: list[date], yearly: bool, months: int) -> str:
    if not ends:
        return ""
    if yearly:
        return f"Academic years {academic_year(ends[0])} to {academic_year(ends[-1])}"
    return (f"{'Rolling 12 months' if months == 12 else 'Quarter by quarter'}, "
            f"{len(ends)} periods ending {format_date(ends[0])} to {format_date(ends[-1])}")


@cached()
def trend(load: Load, sel: Selection, ids: tuple[str, ...]) -> View:
    """The indicators at each quarter end up to the selected one: rolling 12 months, or
    quarter by quarter (attendance: one point per academic year); England's published figure
    as a reference where there is one."""
    yearly = _yearly(ids)
    ends = trend_period_ends(load, sel, yearly)
    other = 3 if sel.months == 12 else 12
    prefetch(load, families_of(ids), [
        *((end, other) for end in trend_period_ends(load, Selection(sel.period_end, other),
                                                    yearly)),
        *((end, sel.months) for end in (earlier(load, ends[0]) if ends else []))])
    rows, reasons, latest = [], {}, {}
    for end in list(ends):
        found, missing = values(load, Selection(end, sel.months, sel.filters), ids)
        reasons.update(missing)
        latest = found
        if not rows and found and all(v.value is None and not v.numerator
                                      for v in found.values()):
            ends.remove(end)  # before the data on this starts (e.g. no attendance rows yet)
            continue
        label = academic_year(end) if yearly else quarter_label(end)
        rows.extend(row(i, end, label, catalogue()[i].short_label, cell(found[i]))
                    for i in ids if i in found)
    published = comparisons(load, sel, ids)
    if len(reasons) < len(families_of(ids)):
        rows.extend(shown for i in ids
                    if (shown := england_row(catalogue()[i], "", published.get(i))))
    return view(ids, sel, load, rows, reasons, england=published,
                category_name="Academic year" if yearly else "Period ending",
                period_text=_span(ends, yearly, sel.months),
                notes=value_notes(latest) + rate_notes(load, sel, ids)
                + part_year_note(load, ids, [r["category"] for r in rows]))
