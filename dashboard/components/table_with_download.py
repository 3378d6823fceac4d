"""A table and a CSV download of exactly what it shows (plain-English headers, `c` where a
number is suppressed): the text alternative beside every chart."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from neglect_insight.dashboard.data.indicators import View
from neglect_insight.dashboard.data.indicators.views import safe_name
from neglect_insight.pipelines.present.labels import load_words
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


# What a downloaded view's CSV says on every row (columns, not `#` lines: Excel opens it as is).
PERIOD, CHILDREN, DATA = "Period", "Children included", "Data"


def view_file_name(view: View, what: str = "") -> str:
    """A view's CSV name: stable across quarters, never the headline. The first indicator id
    (or `what` the view shows when it has none), what the chart shows (`what`: "trend",
    "by-sex", ...), then the period and filters in safe characters:
    'rereferral_12m_neglect_12m-to-2025-03-31_sex-F.csv'."""
    subject = view.indicator_ids[0] if view.indicator_ids else ""
    parts = [part for part in (subject, safe_name(what).lower() if what else "") if part]
    return "_".join([*parts, view.selection.file_tag]) + ".csv"


def view_download(view: View, table: pd.DataFrame) -> pd.DataFrame:
    """The table as downloaded: the same cells, then the period, the children included (the
    filters) and the load in words on every row, so the file says what it holds."""
    words = load_words(view.load.extract_date, view.load.loaded_at)
    return table.assign(**{PERIOD: view.period_text or view.selection.period_text,
                           CHILDREN: view.selection.population_text,
                           DATA: words[0].upper() + words[1:]})


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The table as CSV (UTF-8 with BOM for Excel), every text cell safe from formula
    injection (pipelines/safe_csv.py)."""
    text_columns = table.select_dtypes(include=["object", "string"]).columns
    safe = table.copy()
    safe[text_columns] = safe[text_columns].map(neutralise)
    return safe.to_csv(index=False).encode("utf-8-sig")


CHARACTER_PX, PADDING_PX = 7.5, 28  # the grid's 14px sans-serif, and its cell padding
MIN_PX, TEXT_MIN_PX = 64, 96
BUDGET_PX = 560  # what a page's main area gives a table at 1024 px (about 640), less a margin


def fitted_widths(table: pd.DataFrame) -> dict[str, st.column_config.Column]:
    """Column widths that keep the figures in sight: left to itself the grid sizes each column
    to its longest text, and a table of five columns scrolled its figures out of view at
    1024 px. Each column gets the width of its title or longest cell; when they add up to more
    than a page has at 1024 px, the columns of words (not of figures) give way, down to 96
    pixels (a cut word shows whole on hover and in the CSV). Wider pages share out the rest."""
    def natural(column: str) -> int:
        longest = max([len(str(column)), *(len(str(v)) for v in table[column].head(200))])
        return int(max(MIN_PX, longest * CHARACTER_PX + PADDING_PX))

    def is_words(column: str) -> bool:
        cells = [str(v) for v in table[column].head(200)]
        return any(sum(ch.isalpha() for ch in cell) > len(cell) / 2 for cell in cells)

    widths = {str(c): natural(c) for c in table.columns}
    words = [c for c in widths if is_words(c)]
    excess = sum(widths.values()) - BUDGET_PX
    give = sum(max(0, widths[c] - TEXT_MIN_PX) for c in words)
    if excess > 0 and give:
        share = min(1.0, excess / give)
        for c in words:
            widths[c] -= int(max(0, widths[c] - TEXT_MIN_PX) * share)
    return {c: st.column_config.Column(width=w) for c, w in widths.items()}


def table_with_download(table: pd.DataFrame, name: str, key: str,
                        on_download: Callable[[], None] | None = None,
                        download: pd.DataFrame | None = None,
                        download_name: str | None = None) -> None:
    """The table, then a button downloading the same cells as CSV (UTF-8 with BOM for Excel):
    `download` when given (the table with what it is for, see `view_download`), named
    `download_name` (else after `name`). `on_download` runs on the server when the button is
    pressed (row-level tables record the download in the audit log)."""
    st.dataframe(table, hide_index=True, width="stretch", column_config=fitted_widths(table))
    st.download_button("Download this table (CSV)",
                       csv_bytes(table if download is None else download),
                       file_name=download_name or file_name(name), mime="text/csv",
                       key=f"{key}-csv",
                       on_click=on_download or "ignore", icon=":material/download:")
