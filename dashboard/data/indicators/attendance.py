"""Attendance readers: each absence measure by cohort beside all pupils of the area and
England, and attendance after early help."""

from __future__ import annotations

from neglect_insight.dashboard.data import Load, cursor
from neglect_insight.dashboard.data.indicators.cubes import missing_files, values
from neglect_insight.dashboard.data.indicators.notes import (
    attendance_notes,
    part_year_note,
    value_notes,
)
from neglect_insight.dashboard.data.indicators.values import comparisons, england_row
from neglect_insight.dashboard.data.indicators.views import Selection, View, cached, row, view
from neglect_insight.pipelines.calendar import academic_year
from neglect_insight.pipelines.indicators import engine
from neglect_insight.pipelines.indicators.catalogue import catalogue, family
from neglect_insight.pipelines.present.cells import cell
from neglect_insight.pipelines.present.labels import ALL_PUPILS, ATTENDANCE_MEASURES, COHORTS, OURS

ALL_PUPILS_FILE = "attendance_all_pupils"


def _all_pupils(load: Load, year: str) -> dict[str, engine.IndicatorValue] | None:
    """All pupils of the area in an academic year (attendance_all_pupils.csv): overall absence
    over the year's sessions; persistent and severe absence as a share of pupils over the terms
    supplied (the file gives termly figures)."""
    if ALL_PUPILS_FILE in missing_files(load):
        return None
    found = cursor(load).execute(
        "select sum(absence_sessions), sum(possible_sessions), sum(persistent_absentees), "
        "sum(severe_absentees), sum(pupils) from stg_attendance_all_pupils "
        "where academic_year = ?", [year]).fetchone()
    if not found or not found[1]:
        return None
    absence, possible, persistent, severe, pupils = (int(x or 0) for x in found)
    return {measure: engine.IndicatorValue("", num, den, engine.rate(num, den))
            for measure, num, den in (("absence_rate", absence, possible),
                                      ("persistent", persistent, pupils),
                                      ("severe", severe, pupils))}


@cached()
def attendance_cohorts(load: Load, sel: Selection, measure: str) -> View:
    """One attendance measure for each cohort (early help, children in need, child protection,
    neglect identified), beside all pupils of the area and England where published."""
    ids = tuple(f"attendance_{measure}_{cohort}" for cohort in COHORTS)
    found, reasons = values(load, sel, ids)
    published = comparisons(load, sel, ids)
    year = academic_year(sel.period_end)
    rows, notes = [], [*value_notes(found), *attendance_notes(sel, ids),
                       *part_year_note(load, ids, [year])]
    if found:
        for cohort, i in zip(COHORTS, ids, strict=True):
            rows.append(row(i, sel.period_end, COHORTS[cohort], OURS, cell(found[i])))
            if england := england_row(catalogue()[i], COHORTS[cohort], published.get(i)):
                rows.append(england)
        pupils = _all_pupils(load, year)
        if pupils is not None:
            rows.append(row("", sel.period_end, ALL_PUPILS, f"{ALL_PUPILS} ({year})",
                            cell(pupils[measure], unit="percent"), reference=True))
        elif ALL_PUPILS_FILE in missing_files(load):
            notes.append(missing_files(load)[ALL_PUPILS_FILE])
        else:
            notes.append(f"attendance_all_pupils.csv has no rows for {year}.")
        notes.append(family("attendance").caveats[0])
        if sel.filters:
            notes.append("All pupils and England are for every pupil, not the part of the "
                         "population chosen in the filters.")
    return view(ids, sel, load, rows, reasons, england=published,
                name=ATTENDANCE_MEASURES[measure], category_name="Children",
                period_text=f"Academic year {year}", notes=notes)


def attendance_measures(load: Load, sel: Selection) -> list[View]:
    """Overall, persistent and severe absence, each by cohort (see attendance_cohorts)."""
    return [attendance_cohorts(load, sel, measure) for measure in ATTENDANCE_MEASURES]


@cached()
def attendance_after_early_help(load: Load, sel: Selection) -> View:
    """Children whose absence fell in the first full term after early help ended, against the
    last full term before it started; and the mean change in percentage points."""
    ids = ("eh_attendance_improved",)
    found, reasons = values(load, sel, ids)
    rows, notes = [], list(value_notes(found))
    if found:
        value = found[ids[0]]
        shown = cell(value)
        rows.append(row(ids[0], sel.period_end, catalogue()[ids[0]].short_label, OURS, shown))
        change = value.extra.get("mean_change_pp")
        if shown.number is not None and change is not None:
            notes.append(f"On average these children's absence changed by {change:+.1f} "
                         "percentage points from the term before early help to the term after.")
    return view(ids, sel, load, rows, reasons, notes=notes)
