"""A table and a CSV download of exactly what it shows (plain-English headers, `c` where a
number is suppressed): the text alternative beside every chart."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from neglect_insight.dashboard.data.indicators import View
from neglect_insight.pipelines.present.numbers import AXIS_TITLES
from neglect_insight.pipelines.present.states import NO_FIGURE
from neglect_insight.pipelines.safe_csv import neutralise

COUNTED, OUT_OF = "Number counted", "Out of"


def view_table(view: View, value_header: str | None = None) -> pd.DataFrame:
    """The rows of a view as a board member reads them: category, what the figure is for,
    value, and (for rates) the number counted out of how many."""
    rows = view.rows
    if value_header is None:
        units = {i.unit for i in view.indicators}
        value_header = AXIS_TITLES[units.pop()] if len(units) == 1 else "Value"
    table = pd.DataFrame({
        view.category_name: rows["category"],
        view.series_name: rows["series"],
        value_header: rows["value"],
        COUNTED: rows["numerator"],
        OUT_OF: rows["denominator"],
    })
    if table[view.series_name].nunique() <= 1:
        table = table.drop(columns=view.series_name)
    if (rows["denominator"] == NO_FIGURE).all():  # counts: the number counted is the value itself
        table = table.drop(columns=[COUNTED, OUT_OF])
    if (rows["category"] == "").all():
        table = table.drop(columns=view.category_name)
    return table.reset_index(drop=True).astype(str)


def file_name(title: str) -> str:
    """A file name from a title: 'Re-referrals by sex' -> 're-referrals_by_sex.csv'."""
    return re.sub(r"[^a-z0-9-]+", "_", title.lower()).strip("_")[:80] + ".csv"


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The table as CSV (UTF-8 with BOM for Excel), every text cell safe from formula
    injection (pipelines/safe_csv.py)."""
    text_columns = table.select_dtypes(include=["object", "string"]).columns
    safe = table.copy()
    safe[text_columns] = safe[text_columns].map(neutralise)
    return safe.to_csv(index=False).encode("utf-8-sig")


def table_with_download(table: pd.DataFrame, name: str, key: str,
                        on_download: Callable[[], None] | None = None) -> None:
    """The table, then a button downloading the same cells as CSV (UTF-8 with BOM for Excel).
    `on_download` runs on the server when the button is pressed (row-level tables record the
    download in the audit log)."""
    st.dataframe(table, hide_index=True, width="stretch")
    st.download_button("Download this table (CSV)",
                       csv_bytes(table),
                       file_name=file_name(name), mime="text/csv", key=f"{key}-csv",
                       on_click=on_download or "ignore", icon=":material/download:")
