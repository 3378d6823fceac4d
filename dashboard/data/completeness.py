"""Readers for the data quality page's completeness section: how many rows of each file of the
current load fill each contract column (table `field_completeness`, written at load time by
`pipelines/load/field_completeness.py`), in the contract's order."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from neglect_insight.dashboard.data import Load, cursor
from neglect_insight.dashboard.data.quality import count, has_table, percent, rows_phrase
from neglect_insight.pipelines.indicators.engine import rate
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES


@st.cache_data(show_spinner=False)
def _field_completeness(load: Load) -> pd.DataFrame | None:
    conn = cursor(load)
    if not has_table(conn, "field_completeness"):
        return None
    frame = conn.execute(
        'select file, "column", row_count, filled_count from field_completeness'
    ).df()
    # Contract order (pipelines/read/extract_files.py): files and columns as the spec lists them.
    order = {f"{x.file_name}/{c}": i for i, (x, c) in enumerate(
        (x, c) for x in EXTRACT_FILES.values() for c in x.column_names)}
    frame["_order"] = [order.get(f"{f}/{c}", len(order)) for f, c in
                       zip(frame["file"], frame["column"], strict=True)]
    return frame.sort_values("_order").drop(columns="_order").reset_index(drop=True)


def field_completeness(load: Load | None) -> pd.DataFrame | None:
    """Per file and contract column of the load: rows, filled rows and the percentage filled
    (one decimal, rounded half up as every indicator is; empty for a file with no rows). None
    before the first load, or for a load built before completeness was recorded."""
    if load is None:
        return None
    frame = _field_completeness(load)
    if frame is None:
        return None
    return pd.DataFrame({
        "File": frame["file"],
        "Column": frame["column"],
        "Rows": frame["row_count"],
        "Filled rows": frame["filled_count"],
        "Filled (%)": [rate(int(filled), int(rows)) for filled, rows in
                       zip(frame["filled_count"], frame["row_count"], strict=True)],
    })


def completeness_table(completeness: pd.DataFrame) -> pd.DataFrame:
    """Completeness as its table shows it: counts with separators, percentages to one
    decimal."""
    return completeness.assign(
        **{"Rows": completeness["Rows"].map(count),
           "Filled rows": completeness["Filled rows"].map(count),
           "Filled (%)": completeness["Filled (%)"].map(percent)})


def completeness_files(completeness: pd.DataFrame) -> list[str]:
    """Files that were sent (at least one row), in contract order."""
    sent = completeness[completeness["Rows"] > 0]
    return list(dict.fromkeys(sent["File"]))


def completeness_of(completeness: pd.DataFrame, file: str) -> pd.DataFrame:
    return completeness[completeness["File"] == file].reset_index(drop=True)


# Columns whose empty cell means something (shared spec extracts.md): an open episode or plan,
# work not yet completed, "same as initial", or an optional detail. Their emptiness is by design,
# so the headline never calls them the least filled column; the table still shows them.
EMPTY_BY_DESIGN: dict[str, dict[str, str]] = {  # file -> column -> what an empty cell means
    "children.csv": {"expected_birth_month": "the child is born"},
    "early_help.csv": {"end_date": "still open", "end_reason": "still open",
                       "gcp2_score": "no score given (optional)"},
    "referrals.csv": {"closure_date": "the episode is open",
                      "closure_reason": "the episode is open",
                      "primary_need": "no further action"},
    "assessments.csv": {"authorised_date": "not yet completed"},
    "cin_plans.csv": {"end_date": "still open"},
    "cp_plans.csv": {"end_date": "still open", "latest_category": "the same as the initial one",
                     "previous_plans": "none known (optional)"},
    "attendance.csv": {"unauthorised_sessions": "not supplied (optional)"},
    "case_audits.csv": {"child_id": "not about one child", "agencies": "none recorded"},
}


def empty_by_design(file: str, column: str) -> bool:
    """Whether an empty cell in this column means something rather than a gap."""
    return column in EMPTY_BY_DESIGN.get(file, {})


def completeness_finding(file_completeness: pd.DataFrame) -> str:
    """The chart title for one file: its least filled column, or that every column is full;
    columns that are empty by design (an open plan's end date) are left out of both."""
    if file_completeness.empty or not file_completeness["Rows"].iloc[0]:
        return "This file was not sent or has no rows"
    file, rows = file_completeness["File"].iloc[0], int(file_completeness["Rows"].iloc[0])
    designed = [c for c in file_completeness["Column"] if empty_by_design(file, c)]
    counted = file_completeness[~file_completeness["Column"].isin(designed)]
    by_design = "" if not designed else (
        f", apart from columns where empty has a meaning ({designed[0]}: empty means "
        f"{EMPTY_BY_DESIGN[file][designed[0]]})")
    least = counted.sort_values(["Filled rows", "Column"]).iloc[0]
    if least["Filled rows"] == rows:
        return f"Every column of {file} is filled on all {rows_phrase(rows)}{by_design}"
    return (f"{least['Column']} is the least filled column of {file}: "
            f"{least['Filled (%)']:.1f}% of {rows_phrase(rows)}")
