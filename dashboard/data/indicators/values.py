"""Readers for one period: each indicator's value beside England's, the neglect levels and
their total, and an indicator broken down by a characteristic. Small numbers are suppressed
here, through the shared presentation layer (`pipelines.present.cells`)."""

from __future__ import annotations

from neglect_insight.dashboard.data import Load
from neglect_insight.dashboard.data.indicators.cubes import england, family_breakdown, values
from neglect_insight.dashboard.data.indicators.notes import (
    attendance_notes,
    rate_notes,
    value_notes,
)
from neglect_insight.dashboard.data.indicators.views import Selection, View, cached, row, view
from neglect_insight.pipelines.indicators import engine
from neglect_insight.pipelines.indicators.catalogue import Indicator, catalogue
from neglect_insight.pipelines.indicators.disclosure import loses_less, parts_to_merge
from neglect_insight.pipelines.present.cells import (
    Published,
    cell,
    comparable,
    parts_cells,
    threshold,
)
from neglect_insight.pipelines.present.labels import (
    ENGLAND,
    LEVEL_IDS,
    LEVEL_TOTAL,
    LEVELS,
    OURS,
    TOTAL,
    code_label,
)


def comparisons(load: Load, sel: Selection, ids: tuple[str, ...]) -> dict[str, Published]:
    """England's figures to set beside `ids` (none for counts)."""
    published = england(load, sel.period_end)
    return {i: figure for i in ids
            if (figure := comparable(published.get(i), catalogue()[i].unit))}


def england_row(indicator: Indicator, category: str, figure: Published | None) -> dict | None:
    """England's figure as a reference row of a view."""
    if figure is None:
        return None
    return row(indicator.id, None, category, f"{ENGLAND} ({figure.period})", figure.cell,
               reference=True)


@cached()
def indicator_values(load: Load, sel: Selection, ids: tuple[str, ...]) -> View:
    """Each indicator's value for the selection (category: its short label), with England's
    published figure beside it where there is one."""
    found, reasons = values(load, sel, ids)
    published = comparisons(load, sel, ids)
    rows = []
    for i in ids:
        indicator = catalogue()[i]
        if i in found:
            rows.append(row(i, sel.period_end, indicator.short_label, OURS, cell(found[i])))
            if england_shown := england_row(indicator, indicator.short_label, published.get(i)):
                rows.append(england_shown)
    return view(ids, sel, load, rows, reasons, england=published,
                notes=value_notes(found) + rate_notes(load, sel, ids)
                + attendance_notes(sel, ids))


@cached()
def prevalence_split(load: Load, sel: Selection) -> View:
    """Children with neglect identified by the highest level open in the period (early help,
    children in need, child protection), and their total."""
    ids = (*LEVEL_IDS, LEVEL_TOTAL)
    found, reasons = values(load, sel, ids)
    rows = []
    if found:
        shown, total = parts_cells([(i, found[i]) for i in LEVEL_IDS], found[LEVEL_TOTAL])
        rows = [row(i, sel.period_end, LEVELS[i], OURS, shown[i]) for i in LEVEL_IDS]
        rows.append(row(LEVEL_TOTAL, sel.period_end, TOTAL, OURS, total, reference=True))
    return view(ids, sel, load, rows, reasons, notes=value_notes(found),
                category_name="Highest level of neglect identification")


@cached()
def breakdown(load: Load, sel: Selection, indicator_id: str, dimension: str) -> View:
    """The indicator for each value of a breakdown dimension (plain labels, reading order);
    small parts shown together as "Other or not recorded" where that makes a group, small
    counts suppressed, and a second cell where the total would reveal one."""
    indicator = catalogue()[indicator_id]
    parts = family_breakdown(load, indicator_id, dimension, sel)
    if isinstance(parts, str):
        return view((indicator_id,), sel, load, [], {indicator.family: parts},
                    category_name=engine.DIMENSIONS[dimension])
    total = values(load, sel, [indicator_id])[0][indicator_id]
    if group := parts_to_merge(dimension, parts, threshold()):
        merged = family_breakdown(load, indicator_id, dimension, sel, group)
        if not isinstance(merged, str) and loses_less(parts, merged, total, group, threshold()):
            parts = merged
    labelled = [(code_label(dimension, part), value) for part, value in parts]
    shown, _total = parts_cells(labelled, total)
    rows = [row(indicator_id, sel.period_end, label, indicator.short_label, shown[label])
            for label, _value in labelled]
    return view((indicator_id,), sel, load, rows, {},
                category_name=engine.DIMENSIONS[dimension],
                notes=value_notes({indicator_id: total}) + attendance_notes(sel, [indicator_id]))


def breakdowns(load: Load, sel: Selection, indicator_id: str) -> list[View]:
    """The indicator broken down by each dimension in turn (sex, age band, ...)."""
    return [breakdown(load, sel, indicator_id, dimension) for dimension in engine.DIMENSIONS]
