"""Rows behind a number (Quality): for QA users and administrators, the records an indicator
counts, by pseudonym, with its raw (unsuppressed) numerator, denominator and value.

`page.start(..., role="qa")` refuses anyone else on the server before anything is read; every
view and download is recorded in the audit log (which indicator, period, filters, how many
rows; never a pseudonym). Readers: dashboard/data/rows_behind.py.
"""

from __future__ import annotations

import streamlit as st

from neglect_insight.dashboard.components import page
from neglect_insight.dashboard.components.table_with_download import table_with_download
from neglect_insight.dashboard.data import access
from neglect_insight.dashboard.data import rows_behind as data

QA_ONLY = (
    "This page shows children's pseudonyms and raw, unsuppressed figures (small numbers are "
    "not replaced by `c`). It is for authorised QA users only: do not copy it into board "
    "papers. Every view and download is recorded in the audit log."
)

load, selection = page.start(
    "Rows behind a number",
    "Trace a number shown to the board to the records behind it, for authorised QA users.",
    role="qa")
person = page.viewer()
st.warning(QA_ONLY, icon=":material/lock:")

choices = data.indicator_choices()
indicator_id = st.selectbox("Indicator", list(choices), format_func=choices.get, index=None,
                            placeholder="Choose an indicator", key="qa-indicator")
if indicator_id is None:
    st.stop()

figures = data.figures(load, selection, indicator_id)
st.subheader(f"{choices[indicator_id]}: {selection.period_text}", anchor=False)
st.caption(f"{selection.population_text}. Load {load.run_id}. Raw figures, not suppressed.")
if figures.unavailable:
    st.info(figures.unavailable, icon=":material/info:")
    st.stop()
numerator, denominator, value = st.columns(3)
numerator.metric("Numerator (raw)", figures.numerator)
denominator.metric("Denominator (raw)", figures.denominator)
value.metric("Value (raw)", figures.value)

table = data.rows(load, selection, indicator_id)
seen = {"indicator": indicator_id, "period_end": selection.period_end.isoformat(),
        "months": selection.months, "filters": selection.population_text, "run": load.run_id,
        "rows": len(table)}
access.record_view(person, "rows_viewed", **seen)
st.markdown(f"**{len(table):,} records behind this number**")
table_with_download(table, f"rows behind {indicator_id} {selection.period_end.isoformat()}",
                    key="qa-rows",
                    on_download=lambda: access.record_for(person, "rows_downloaded", **seen))
