"""Notes a view carries beneath its figures: why rates are missing or for all children only,
which academic year attendance is for, and what a figure without an optional file leaves out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import duckdb

from neglect_insight.dashboard.data import Load, cursor
from neglect_insight.dashboard.data.indicators.cubes import missing_files
from neglect_insight.dashboard.data.indicators.views import Selection, cached
from neglect_insight.pipelines.calendar import academic_year
from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.indicators.engine import IndicatorValue
from neglect_insight.pipelines.present.states import missing_file_note

# Who has no population estimate, by the filter chosen (population.csv is for all children).
_NO_POPULATION_FOR = {"locality": "localities", "sex": "boys and girls separately",
                      "age_band": "age bands", "ethnicity_group": "ethnic groups",
                      "disability": "disabled children"}


def no_population_for(sel: Selection) -> str:
    """Who the population figures do not cover, in words ('localities')."""
    dimensions = [d for d, _v in sel.filters]
    return " or ".join(_NO_POPULATION_FOR.get(d, "part of the population") for d in dimensions)


def rate_note(sel: Selection) -> str:
    """Why a rate per 10,000 has no figure for the filters chosen."""
    return (f"No population figures for {no_population_for(sel)}, so rates per 10,000 "
            "children are for all children only.")


def counts_note(sel: Selection) -> str:
    """What a chart of counts in place of rates says beneath it."""
    if not sel.filters:
        return "No population figures in this load, so counts are shown instead of rates."
    return f"No population figures for {no_population_for(sel)}, so counts are shown."


def rate_notes(load: Load, sel: Selection, ids: Iterable[str]) -> tuple[str, ...]:
    if not any(catalogue()[i].unit == "per_10k" for i in ids):
        return ()
    if "population" in missing_files(load):
        return (missing_files(load)["population"],)
    if sel.filters:
        return (rate_note(sel),)
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


TERMS = ("autumn", "spring", "summer")  # extracts.md: the terms tile the academic year


@cached()
def attendance_terms(load: Load) -> dict[str, tuple[str, ...]]:
    """The terms attendance.csv gives for each academic year, in term order."""
    try:
        found = cursor(load).execute(
            "select academic_year, list(distinct lower(term)) from stg_attendance "
            "where academic_year is not null group by academic_year").fetchall()
    except duckdb.CatalogException:  # a load made before attendance was staged
        return {}
    return {year: tuple(t for t in TERMS if t in terms) for year, terms in found}


def _terms_words(terms: tuple[str, ...]) -> str:
    named = " and ".join([", ".join(terms[:-1]), terms[-1]] if len(terms) > 1 else terms)
    return f"the {named} term{'s' if len(terms) > 1 else ''} only"


def part_year_note(load: Load, ids: Iterable[str], years: Iterable[str]) -> tuple[str, ...]:
    """For attendance figures, which of the academic `years` shown are part years (fewer than
    all three terms in attendance.csv), so a part year is never read as a whole one: 'School
    attendance for 2024/25 covers the autumn term only, not the whole year.'"""
    if not any(catalogue()[i].family == "attendance" for i in ids):
        return ()
    terms = attendance_terms(load)
    part = [(year, terms[year]) for year in dict.fromkeys(years)
            if terms.get(year) and len(terms[year]) < len(TERMS)]
    if not part:
        return ()
    said = "; ".join(f"{year} covers {_terms_words(t)}" for year, t in part)
    whole = "not the whole year" if len(part) == 1 else "not whole years"
    return (f"School attendance for {said}, {whole}.",)
