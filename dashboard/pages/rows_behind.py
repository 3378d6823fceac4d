"""Rows behind a number (Quality): for authorised QA users, the records an indicator counts,
by pseudonym, with its raw (unsuppressed) numerator, denominator and value.

Only QA users named in the QA users file may see it, after signing in (component
dashboard/components/sign_in.py); anyone else sees the sign-in form, or how an administrator
adds a QA user. Readers: dashboard/data/rows_behind.py.
"""

from __future__ import annotations

import streamlit as st

from neglect_insight.dashboard.components import page, sign_in
from neglect_insight.dashboard.components.table_with_download import table_with_download
from neglect_insight.dashboard.data import rows_behind as data

QA_ONLY = (
    "This page shows children's pseudonyms and raw, unsuppressed figures (small numbers are "
    "not replaced by `c`). It is for authorised QA users only: do not copy it into board "
    "papers."
)

load, selection = page.start(
    "Rows behind a number",
    "Trace a number shown to the board to the records behind it, for authorised QA users.")
st.warning(QA_ONLY, icon=":material/lock:")

if sign_in.qa_user() is None:
    st.stop()

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
st.markdown(f"**{len(table):,} records behind this number**")
table_with_download(table, f"rows behind {indicator_id} {selection.period_end.isoformat()}",
                    key="qa-rows")
