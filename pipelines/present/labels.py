"""Codes and ids in plain English (STYLE.md: never a raw column name or code): services and the
neglect levels, breakdown values, attendance cohorts and measures, and the names of the series
a figure is compared with."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from neglect_insight.pipelines.calendar import AGE_BANDS, format_date
from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.indicators.engine import MERGED_PART

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
    others alphabetically; "Not recorded" and "Other or not recorded" last."""
    known = _ORDER.get(dimension, [])
    return sorted(values, key=lambda v: (v in (NOT_RECORDED, MERGED_PART),
                                         known.index(v) if v in known else len(known), v))


def load_words(extract_date: date, loaded_at: date | datetime) -> str:
    """A load in words, as a board member reads it ("data extracted 31 March 2025, loaded
    30 November 2026"), never its run id. `loaded_at` may be a date or a datetime."""
    loaded = loaded_at.date() if isinstance(loaded_at, datetime) else loaded_at
    return f"data extracted {format_date(extract_date)}, loaded {format_date(loaded)}"


def without_ids(text: str) -> str:
    """Text a user reads with every catalogue indicator id in it replaced by that indicator's
    label: 'neglect_children_total per 10,000 children' -> '"Children with neglect identified"
    per 10,000 children'. Definitions in the catalogue may name other indicators by id. An id
    that is a plain word ('referrals') reads as one and stays."""
    indicators = catalogue()
    ids = sorted((i for i in indicators if "_" in i), key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, ids)) + r")\b")
    return pattern.sub(lambda m: f"“{indicators[m.group(1)].label}”", text)
