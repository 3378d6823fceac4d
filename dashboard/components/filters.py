"""The global filters in the sidebar: period end, 12 months or the quarter, and a part of the
population. Kept across pages: each value is stored under a stable key (`filter_<name>`) that
outlives the widget (Streamlit forgets a widget's own state when another page is shown), so
every page starts from the last choice. Defaults: the latest quarter end, 12 months, everyone.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from neglect_insight.dashboard.data import Load
from neglect_insight.dashboard.data.indicators import Selection, filter_options, period_ends
from neglect_insight.pipelines.calendar import format_date, quarter_label
from neglect_insight.pipelines.indicators.engine import DIMENSIONS

MONTHS = {12: "12 months to the period end", 3: "The quarter only"}
EVERYONE = ""
KEYS = ("period_end", "months", *DIMENSIONS)


def state_key(name: str) -> str:
    """Where a filter's value is kept for the session."""
    return f"filter_{name}"


def widget_key(name: str) -> str:
    """The key of the filter's widget (tests set filters through it)."""
    return f"filter_{name}_box"


def _remember(name: str) -> None:
    st.session_state[state_key(name)] = st.session_state[widget_key(name)]


def _restore(name: str, options: list, default) -> None:
    """Give the widget the kept value, or the default if the kept one is not offered (a new
    load may cover other quarters or localities)."""
    kept = st.session_state.get(state_key(name), default)
    st.session_state[widget_key(name)] = kept if kept in options else default


def _clear() -> None:
    for name in KEYS:
        st.session_state.pop(state_key(name), None)
        st.session_state.pop(widget_key(name), None)


def _period_label(end: date) -> str:
    return f"{format_date(end)} ({quarter_label(end)})"


def sidebar(load: Load) -> Selection | None:
    """The filters, and the selection they make; None (with a message) when the load covers
    no complete quarter yet."""
    ends = list(reversed(period_ends(load)))
    if not ends:
        st.info("This load does not cover a whole quarter yet, so there is nothing to show. "
                "Load a delivery whose extract date is on or after a quarter end.",
                icon=":material/info:")
        return None
    options = filter_options(load)
    with st.sidebar:
        st.header("Filters", anchor=False)
        _restore("period_end", ends, ends[0])
        period_end = st.selectbox("Period ending", ends, format_func=_period_label,
                                  key=widget_key("period_end"), on_change=_remember,
                                  args=("period_end",))
        _restore("months", list(MONTHS), 12)
        months = st.radio("Period", list(MONTHS), format_func=MONTHS.get,
                          key=widget_key("months"), on_change=_remember, args=("months",))
        chosen = []
        for dimension, label in DIMENSIONS.items():
            values = [EVERYONE] + [value for value, _label in options[dimension]]
            labels = dict(options[dimension]) | {EVERYONE: "Everyone"}
            _restore(dimension, values, EVERYONE)
            value = st.selectbox(label, values, format_func=lambda v, names=labels: names[v],
                                 key=widget_key(dimension), on_change=_remember,
                                 args=(dimension,))
            if value != EVERYONE:
                chosen.append((dimension, value))
        st.button("Clear filters", on_click=_clear, icon=":material/filter_alt_off:",
                  key="filter_clear")
        st.caption("Filters apply to every board page and the overview.")
    return Selection(period_end, months, tuple(chosen))
