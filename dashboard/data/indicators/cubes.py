"""Raw figures from the load, cached: the quarter ends and breakdown values it covers, the
optional files it lacks, England's published figures, and each family's engine cube (its rows
for one period summed by every breakdown characteristic), from which a filter or breakdown is
`Cube.values` / `Cube.breakdown`: exactly what `engine.compute` / `engine.breakdown` return for
the same arguments. Exact counts: disclosure control comes after, in the readers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import streamlit as st

from neglect_insight.dashboard.data import Load, current, cursor
from neglect_insight.dashboard.data.indicators.views import (
    HASH_FUNCS,
    Selection,
    cached,
    families_of,
)
from neglect_insight.pipelines.calendar import AGE_BANDS
from neglect_insight.pipelines.indicators import availability, engine
from neglect_insight.pipelines.indicators.catalogue import catalogue, family
from neglect_insight.pipelines.present import figures
from neglect_insight.pipelines.present.cells import Published
from neglect_insight.pipelines.present.labels import code_label, in_reading_order


def current_load() -> Load | None:
    """The load the pages show, or None before the first good load."""
    return current()


def family_ids(family_id: str) -> tuple[str, ...]:
    """The catalogue ids of one indicator family, in catalogue order."""
    return family(family_id).indicator_ids


@cached()
def period_ends(load: Load) -> list[date]:
    """Quarter ends the load covers, oldest first."""
    return engine.quarter_ends(cursor(load))


@cached()
def filter_options(load: Load) -> dict[str, list[tuple[str, str]]]:
    """Per breakdown dimension, the (value, label) pairs of this load, in reading order."""
    # Spelt as the engine's filters compare them; age bands are a fixed list.
    found = engine.profile_values(cursor(load)) | {"age_band": set(AGE_BANDS)}
    return {d: [(v, code_label(d, v)) for v in in_reading_order(d, found[d])]
            for d in engine.DIMENSIONS}


@cached()
def missing_files(load: Load) -> dict[str, str]:
    """Optional files this load was built without: file stem -> what that means, in a
    sentence."""
    return figures.missing_files(cursor(load))


@cached()
def england(load: Load, period_end: date | None) -> dict[str, Published]:
    """England's published figures, by indicator id, for a period ending `period_end` (None:
    the latest published year of each)."""
    return figures.england(cursor(load), period_end)


@st.cache_resource(show_spinner=False, max_entries=20, hash_funcs=HASH_FUNCS)
def _availability(load: Load) -> availability.Availability:
    """What the load lacks, read once per load (a load never changes) rather than per cube."""
    return availability.availability(cursor(load))


TREND_QUARTERS = 12  # points on a trend: three years of quarter ends
# What the pages ask for most: a trend's points and the quarter before (trends.py).
RECENT_QUARTERS = TREND_QUARTERS + 1


@st.cache_resource(show_spinner=False, max_entries=1200, hash_funcs=HASH_FUNCS)
def cube(load: Load, family: str, period_end: date, months: int) -> engine.Cube | str:
    """The family's engine cube for the period, or the reason the family is not available in
    this load. A shared resource (not copied per call): callers only read it. The latest
    RECENT_QUARTERS quarter ends come from one query for them all (`_recent_cubes`)."""
    if period_end in period_ends(load)[-RECENT_QUARTERS:]:
        found = _recent_cubes(load, family, months)
        return found if isinstance(found, str) else found[period_end]
    return figures.family_cube(cursor(load), family, period_end, months, missing_files(load),
                               _availability(load))


@st.cache_resource(show_spinner=False, max_entries=100, hash_funcs=HASH_FUNCS)
def _recent_cubes(load: Load, family: str, months: int) -> dict[date, engine.Cube] | str:
    """The family's cubes at the latest RECENT_QUARTERS quarter ends (or why it has none)."""
    return figures.family_cubes(cursor(load), family, period_ends(load)[-RECENT_QUARTERS:],
                                months, missing_files(load), _availability(load))


def family_breakdown(load: Load, indicator_id: str, dimension: str, sel: Selection,
                     merged: frozenset[str] = frozenset()
                     ) -> list[tuple[str, engine.IndicatorValue]] | str:
    """engine.breakdown from the cached cube: parts in reading order (or a reason); the parts
    in `merged` counted as one (disclosure.parts_to_merge)."""
    found = cube(load, catalogue()[indicator_id].family, sel.period_end, sel.months)
    if isinstance(found, str):
        return found
    parts = dict(found.breakdown(indicator_id, dimension, sel.filter_map, merged))
    return [(part, parts[part]) for part in in_reading_order(dimension, parts)]


def values(load: Load, sel: Selection, ids: Iterable[str]
           ) -> tuple[dict[str, engine.IndicatorValue], dict[str, str]]:
    """engine.compute of `ids` for the selection, from the cached cubes; and for each family
    that is not available, why."""
    ids = list(ids)
    found: dict[str, engine.IndicatorValue] = {}
    reasons: dict[str, str] = {}
    for family_id in families_of(ids):
        got = cube(load, family_id, sel.period_end, sel.months)
        if isinstance(got, str):
            reasons[family_id] = got
        else:
            found.update(got.values(sel.filter_map))
    return {i: found[i] for i in ids if i in found}, reasons
