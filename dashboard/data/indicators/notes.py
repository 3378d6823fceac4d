"""Notes a view carries beneath its figures: why rates are missing or for all children only,
which academic year attendance is for, and what a figure without an optional file leaves out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from neglect_insight.dashboard.data import Load
from neglect_insight.dashboard.data.indicators.cubes import missing_files
from neglect_insight.dashboard.data.indicators.views import Selection
from neglect_insight.pipelines.calendar import academic_year
from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.indicators.engine import IndicatorValue
from neglect_insight.pipelines.present.states import missing_file_note


def rate_notes(load: Load, sel: Selection, ids: Iterable[str]) -> tuple[str, ...]:
    if not any(catalogue()[i].unit == "per_10k" for i in ids):
        return ()
    if "population" in missing_files(load):
        return (missing_files(load)["population"],)
    if sel.filters:
        return ("Rates per 10,000 children are for all children only: there is no population "
                "estimate for part of the population.",)
    return ()


def value_notes(values: Mapping[str, IndicatorValue]) -> tuple[str, ...]:
    """Why a figure shows "Not supplied", and what a figure made without an optional file
    leaves out ("Counts children in need and child protection only: ..."), each said once."""
    said = [missing_file_note(v.reason) if v.reason else v.note for v in values.values()]
    return tuple(dict.fromkeys(note for note in said if note))


def attendance_notes(sel: Selection, ids: Iterable[str]) -> tuple[str, ...]:
    if not any(catalogue()[i].family == "attendance" for i in ids):
        return ()
    return (f"School attendance is for the academic year {academic_year(sel.period_end)}, "
            "the one containing the period end.",)
