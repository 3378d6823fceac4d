"""Practice on neglect readers: Graded Care Profile 2 (GCP2) completions by agency over time,
grade changes at rescoring by area of care, and neglect case audit grades over time with the
audit learning written for each quarter.

Which records count is never decided here: each visual takes the records behind an indicator of
the practice family (`engine.rows_behind`: the family SQL's definitions, the selection's
filters) and only describes them further (the agency of each GCP2, the grades before and after
a rescore, the grade of each audit). Counts from 1 to the disclosure threshold are shown as `c`,
with secondary suppression within each quarter or area (`disclosure.suppress_column`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import streamlit as st

from neglect_insight.dashboard.data import Load, cursor
from neglect_insight.dashboard.data import commentary as notes_store
from neglect_insight.dashboard.data.indicators.cubes import missing_files
from neglect_insight.dashboard.data.indicators.trends import trend_period_ends
from neglect_insight.dashboard.data.indicators.views import (
    HASH_FUNCS,
    Selection,
    View,
    cached,
    row,
    view,
)
from neglect_insight.pipelines.calendar import format_date, quarter_label
from neglect_insight.pipelines.indicators import disclosure, engine
from neglect_insight.pipelines.indicators.catalogue import family
from neglect_insight.pipelines.present.cells import Cell, count_cells, threshold
from neglect_insight.pipelines.present.states import (
    LOAD_TOO_OLD,
    NO_FIGURE,
    SUPPRESSED,
    not_available,
)

FAMILY = "practice"
AGENCIES = {"HEALTH": "Health", "SCHOOL": "School", "LA": "Local authority",
            "VOLUNTARY": "Voluntary sector", "POLICE": "Police", "OTHER": "Other"}
AREAS = {"overall": "Overall", "physical_care": "Physical care", "safety": "Safety",
         "emotional_care": "Emotional care", "developmental_care": "Developmental care"}
CHANGES = ("Better", "Same", "Worse")  # the grade after against before: lower is better
MEAN_BEFORE, MEAN_AFTER = "Mean grade before", "Mean grade after"
GRADES = {"OUTSTANDING": "Outstanding", "GOOD": "Good",
          "REQUIRES_IMPROVEMENT": "Requires improvement", "INADEQUATE": "Inadequate"}
ALL_GCP2S, ALL_AUDITS = "All GCP2s", "All neglect audits"
LEARNING_IDS = ("audits_neglect", "audits_neglect_good")  # audit learning is their commentary
FILTER_NOTE = ("Only records of the children chosen in the filters are counted; audits that "
               "name no child are left out when a filter is set.")


class Learning(NamedTuple):
    """The audit learning written for one quarter (the commentary on the audit measures)."""

    quarter: str
    text: str
    byline: str


def _reason(load: Load, stem: str) -> str | None:
    return missing_files(load).get(stem)


@st.cache_resource(show_spinner=False, max_entries=400, hash_funcs=HASH_FUNCS)
def _everyone(load: Load, indicator_id: str, period_end: date, months: int) -> pa.Table | str:
    """engine.rows_behind for everyone (with each record's breakdown characteristics), read
    once per period: a filter is then a selection of these rows, with no database work. A
    shared resource (not copied per call): callers only read it."""
    try:
        return engine.rows_behind(cursor(load), indicator_id, period_end, months)
    except duckdb.CatalogException:
        return not_available(family(FAMILY).name, LOAD_TOO_OLD)


def _records(load: Load, indicator_id: str, period_end: date, months: int,
             sel: Selection) -> list[str] | str:
    """Record ids behind an indicator for a period (the family SQL decides), or why not: the
    rows engine.rows_behind gives for `sel`'s filters, in its order."""
    rows = _everyone(load, indicator_id, period_end, months)
    if isinstance(rows, str):
        return rows
    for dimension, wanted in sel.filters:  # as the engine's `dimension in (values)`
        rows = rows.filter(pc.is_in(rows.column(dimension), pa.array([wanted], pa.string())))
    return [r for r in rows.column("record_id").to_pylist() if r is not None]


def _counts(load: Load, sql: str, ids: list[str]) -> dict[str, int]:
    """{code: count} of the records `ids` (the SQL selects code, count with `ids` as $ids)."""
    if not ids:
        return {}
    return dict(cursor(load).execute(sql, {"ids": ids}).fetchall())


def _column(counts: Sequence[int], total: int) -> tuple[list[Cell], Cell]:
    """A column of parts and its total as cells, small counts and recoverable parts hidden."""
    hidden, total_hidden = disclosure.suppress_column(counts, total, threshold())
    return (count_cells(counts, hidden), count_cells([total], [total_hidden])[0])


def _notes(visual: str, sel: Selection) -> list[str]:
    """The visual's definition (catalogue `visuals`) and, with filters, what they leave out."""
    return [family(FAMILY).visuals[visual], *([FILTER_NOTE] if sel.filters else [])]


def _quarter_ends(load: Load, sel: Selection) -> list[date]:
    return trend_period_ends(load, Selection(sel.period_end, 3, sel.filters))


def _span(ends: list[date]) -> str:
    return (f"Quarter by quarter, {quarter_label(ends[0])} to {quarter_label(ends[-1])}"
            if ends else "")


def _by_quarter(load: Load, sel: Selection, ids: tuple[str, ...], sql: str,
                codes: dict[str, str], total_name: str) -> tuple[list[dict], list[date]] | str:
    """For each quarter (up to the selected period end), the records behind `ids[0]` counted by
    a code (`sql`: code, count of the records $ids), one row per code and the quarter's total
    as a reference row; or why not."""
    rows, ends = [], _quarter_ends(load, sel)
    for end in ends:
        records = _records(load, ids[0], end, 3, sel)
        if isinstance(records, str):
            return records
        found = _counts(load, sql, records)
        cells, total = _column([found.get(code, 0) for code in codes], len(records))
        label = quarter_label(end)
        rows += [row(ids[0], end, label, name, c)
                 for name, c in zip(codes.values(), cells, strict=True)]
        rows.append(row(ids[0], end, label, total_name, total, reference=True))
    return rows, ends


@cached()
def gcp2_by_agency(load: Load, sel: Selection) -> View:
    """GCP2s completed in each quarter (up to the selected period end) by the type of agency
    that completed them; the quarter's total as a reference row."""
    ids = ("gcp2_completed",)
    found = _reason(load, "gcp2") or _by_quarter(
        load, sel, ids, "select agency, count(*) from stg_gcp2 "
                        "where list_contains($ids, assessment_id) group by agency",
        AGENCIES, ALL_GCP2S)
    if isinstance(found, str):
        return view(ids, sel, load, [], {FAMILY: found})
    rows, ends = found
    return view(ids, sel, load, rows, {}, name="GCP2s completed by agency",
                category_name="Quarter", series_name="Agency", period_text=_span(ends),
                notes=_notes("gcp2_by_agency", sel))


def _mean(total: int, count: int) -> str:
    exact = Decimal(total) / Decimal(count)
    return str(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@cached()
def gcp2_grade_changes(load: Load, sel: Selection) -> View:
    """Rescores completed in the period: how many were graded better, the same or worse than
    at the previous GCP2, overall and in each of the four areas of care; with the mean grade
    before and after (not shown when the number of rescores is small)."""
    ids = ("gcp2_rescored", "gcp2_improved")
    if reason := _reason(load, "gcp2"):
        return view(ids, sel, load, [], {FAMILY: reason})
    records = _records(load, "gcp2_rescored", sel.period_end, sel.months, sel)
    if isinstance(records, str):
        return view(ids, sel, load, [], {FAMILY: records})
    rows = []
    small = disclosure.is_small(len(records), threshold())
    for column, area in AREAS.items():
        better, same, worse, before, after = cursor(load).execute(
            f"select count(*) filter ({column} < previous_{column}), "
            f"count(*) filter ({column} = previous_{column}), "
            f"count(*) filter ({column} > previous_{column}), "
            f"coalesce(sum(previous_{column}), 0), coalesce(sum({column}), 0) "
            "from gcp2_history where list_contains($ids, assessment_id)",
            {"ids": records}).fetchall()[0]
        cells, _total = _column([better, same, worse], len(records))
        rows += [row(ids[0], sel.period_end, area, change, c)
                 for change, c in zip(CHANGES, cells, strict=True)]
        for name, total in ((MEAN_BEFORE, before), (MEAN_AFTER, after)):
            shown = (Cell(SUPPRESSED, NO_FIGURE, NO_FIGURE, None) if small else
                     Cell(_mean(total, len(records)), NO_FIGURE, NO_FIGURE,
                          float(_mean(total, len(records))))
                     if records else Cell(NO_FIGURE, NO_FIGURE, NO_FIGURE, None))
            rows.append(row(ids[0], sel.period_end, area, name, shown, reference=True))
    return view(ids, sel, load, rows, {}, name="Grade changes at rescoring",
                category_name="Area of care", series_name="Grade at rescoring",
                notes=_notes("gcp2_grade_changes", sel))


@cached()
def audit_grades(load: Load, sel: Selection) -> View:
    """Case audits on neglect in each quarter (up to the selected period end) by grade; the
    quarter's number of audits as a reference row."""
    ids = ("audits_neglect", "audits_neglect_good")
    found = _reason(load, "case_audits") or _by_quarter(
        load, sel, ids, "select grade, count(*) from stg_case_audits "
                        "where list_contains($ids, audit_id) group by grade",
        GRADES, ALL_AUDITS)
    if isinstance(found, str):
        return view(ids, sel, load, [], {FAMILY: found})
    rows, ends = found
    return view(ids, sel, load, rows, {}, name="Neglect case audits by grade",
                category_name="Quarter", series_name="Grade", period_text=_span(ends),
                notes=_notes("audit_grades", sel))


def audit_learning(load: Load, sel: Selection) -> list[Learning]:
    """The audit learning for each quarter of `audit_grades`, newest first: the latest
    commentary on the neglect audit measures for that quarter (not cached: an edit shows at
    once)."""
    out = []
    for end in reversed(_quarter_ends(load, sel)):
        written = notes_store.latest(end, LEARNING_IDS)
        for indicator_id in LEARNING_IDS:
            if note := written.get(indicator_id):
                out.append(Learning(quarter_label(end), note.text,
                                    f"{note.author}, {format_date(note.written_at.date())}"))
    return out
