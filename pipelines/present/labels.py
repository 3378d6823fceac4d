"""Codes and ids in plain English (STYLE.md: never a raw column name or code): services and the
neglect levels, breakdown values, attendance cohorts and measures, and the names of the series
a figure is compared with."""

from __future__ import annotations

from collections.abc import Iterable

from neglect_insight.pipelines.calendar import AGE_BANDS

SERVICES = {"eh": "Early help", "cin": "Children in need", "cp": "Child protection"}
# The prevalence levels (each child counted once, at the highest) and their total.
LEVEL_IDS = {"neglect_children_eh": "eh", "neglect_children_cin": "cin",
             "neglect_children_cp": "cp"}
LEVEL_TOTAL = "neglect_children_total"
LEVELS = {i: SERVICES[service] for i, service in LEVEL_IDS.items()}

SEX = {"M": "Male", "F": "Female", "U": "Unknown"}
ETHNICITY_GROUP = {
    "W": "White", "M": "Mixed", "A": "Asian or Asian British", "B": "Black or Black British",
    "C": "Chinese", "O": "Any other ethnic group", "R": "Refused", "N": "Not yet obtained",
}
NOT_RECORDED = "Not recorded"

COHORTS = {"eh": "Early help", "cin": "Children in need", "cp": "Child protection",
           "neglect": "Neglect identified"}
ATTENDANCE_MEASURES = {
    "absence_rate": "Overall absence",
    "persistent": "Persistent absence (10% or more)",
    "severe": "Severe absence (50% or more)",
}

OURS = "This partnership"
ENGLAND = "England"
ALL_PUPILS = "All pupils"
TOTAL = "Total"

_CODES = {"sex": SEX, "ethnicity_group": ETHNICITY_GROUP}
_ORDER = {"sex": list(SEX), "ethnicity_group": list(ETHNICITY_GROUP), "age_band": list(AGE_BANDS)}


def code_label(dimension: str, value: str) -> str:
    """A breakdown value as a board member reads it ('F' -> 'Female', 'W' -> 'White')."""
    return _CODES.get(dimension, {}).get(value, value)


def in_reading_order(dimension: str, values: Iterable[str]) -> list[str]:
    """A dimension's values as a reader expects them: codes and age bands in their own order,
    others alphabetically; "Not recorded" last."""
    known = _ORDER.get(dimension, [])
    return sorted(values, key=lambda v: (v == NOT_RECORDED,
                                         known.index(v) if v in known else len(known), v))
