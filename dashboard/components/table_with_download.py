"""A table and a CSV download of exactly what it shows (plain-English headers, `c` where a
number is suppressed): the text alternative beside every chart."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from neglect_insight.dashboard.data.indicators import View
from neglect_insight.pipelines.present.numbers import AXIS_TITLES
from neglect_insight.pipelines.present.states import NO_FIGURE

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


def table_with_download(table: pd.DataFrame, name: str, key: str) -> None:
    """The table, then a button downloading the same cells as CSV (UTF-8 with BOM for Excel)."""
    st.dataframe(table, hide_index=True, width="stretch")
    st.download_button("Download this table (CSV)",
                       table.to_csv(index=False).encode("utf-8-sig"),
                       file_name=file_name(name), mime="text/csv", key=f"{key}-csv",
                       on_click="ignore", icon=":material/download:")
