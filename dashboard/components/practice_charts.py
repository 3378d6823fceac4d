"""Charts for the Practice on neglect page: GCP2s completed by agency over time (stacked), grade
changes at rescoring by area of care, and neglect case audit grades over time (stacked, with the
number of audits) beside the audit learning written for each quarter.

Each takes a `View` from `dashboard.data.indicators.practice` whose rows are already
disclosure-controlled, and shows a heading, the subtitle, the chart with its table and CSV
download, the definitions and notes, as `charts` does for the indicator charts.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from neglect_insight.dashboard.components import charts
from neglect_insight.dashboard.components.table_with_download import (
    table_with_download,
    view_download,
    view_file_name,
)
from neglect_insight.dashboard.data.indicators import View
from neglect_insight.dashboard.data.indicators.practice import (
    CHANGES,
    MEAN_AFTER,
    MEAN_BEFORE,
    Learning,
)
from neglect_insight.pipelines.present.colours import HIDDEN, PALETTE, SECONDARY_TEXT, TEXT
from neglect_insight.pipelines.present.states import NO_DATA, SUPPRESSED

CHANGE_COLOURS = {"Better": PALETTE[2], "Same": HIDDEN, "Worse": PALETTE[3]}
NO_LEARNING = ("No audit learning has been written for these quarters yet. QA users add it as "
               "the commentary on the neglect audit measures, under Commentary below.")


def _key(view: View, kind: str) -> str:
    """What the chart shows, never the period or filters (as charts._key)."""
    seed = f"practice|{kind}|{view.indicator_ids}"
    return f"{kind}-{hashlib.sha1(seed.encode()).hexdigest()[:10]}"


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _wide(view: View) -> pd.DataFrame:
    """Category down, series across, shown values in the cells: the table beneath a chart."""
    table = view.rows.pivot_table(index="category", columns="series", values="value",
                                  aggfunc="first", sort=False)
    series = list(dict.fromkeys(view.rows["series"]))
    table = table[series].reset_index().rename(columns={"category": view.category_name})
    table.columns.name = None
    return table.astype(str)


def _figure(traces: list[dict], x_title: str, y_title: str, **layout) -> go.Figure:
    axis = {"showline": True, "linecolor": SECONDARY_TEXT, "ticks": "outside",
            "gridcolor": "#e5e6e7", "zeroline": False, "automargin": True}
    return go.Figure(data=traces, layout={
        "template": {}, "font": {"family": "Arial, Helvetica, sans-serif", "size": 14,
                                 "color": TEXT},
        "paper_bgcolor": "white", "plot_bgcolor": "white", "barmode": "stack",
        "margin": {"t": 40, "r": 30, "b": 40, "l": 10},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0,
                   "traceorder": "normal"},
        "xaxis": axis | {"title": {"text": x_title}, "type": "category"},
        "yaxis": axis | {"title": {"text": y_title}, "rangemode": "tozero"}} | layout)


def _stacked(view: View, total_series: str, y_title: str) -> go.Figure | None:
    """Stacked bars of the parts per category, the total written above each bar."""
    rows = view.rows
    parts, totals = rows[~rows["reference"].astype(bool)], rows[rows["reference"].astype(bool)]
    if parts["number"].isna().all():
        return None
    traces = []
    for n, (series, mine) in enumerate(parts.groupby("series", sort=False)):
        traces.append({"type": "bar", "name": series, "x": list(mine["category"]),
                       "y": [_number(v) or 0 for v in mine["number"]],
                       "marker": {"color": PALETTE[n % len(PALETTE)]},
                       "hovertext": [f"{series}: {v}" for v in mine["value"]],
                       "hovertemplate": "%{x}<br>%{hovertext}<extra></extra>"})
    mine = totals[totals["series"] == total_series]
    traces.append({"type": "scatter", "mode": "text", "name": total_series,
                   "x": list(mine["category"]),
                   "y": [_number(v) or 0 for v in mine["number"]],
                   "text": list(mine["value"]), "textposition": "top center",
                   "showlegend": False, "hoverinfo": "skip"})
    return _figure(traces, view.category_name, y_title, height=400)


def _show(view: View, heading: str, figure: go.Figure | None, kind: str,
          table: pd.DataFrame | None = None) -> None:
    st.subheader(heading, anchor=False)
    st.caption(view.subtitle)
    if view.unavailable or view.rows.empty:
        st.info(view.unavailable or NO_DATA, icon=":material/info:")
        charts.notices(view)
        return
    key = _key(view, kind)
    table = _wide(view) if table is None else table
    chart, text = st.container(), st.container()  # the table beneath, as charts._show
    with chart:
        if figure is None:
            st.info(charts.ALL_HIDDEN if view.suppressed else charts.NOTHING_TO_DRAW,
                    icon=":material/info:")
        else:
            st.plotly_chart(figure, config=charts.CONFIG, theme=None, key=f"{key}-chart",
                            alt=f"{heading}. The table beneath this chart gives the same "
                                "figures.")
    with text:
        table_with_download(table, heading, key, download=view_download(view, table),
                            download_name=view_file_name(view, kind))
    links = " · ".join(f"[{i.short_label}]({charts.METHODOLOGY}#{i.id})"
                       for i in view.indicators)
    st.markdown(f"Definitions: {links}")
    charts.notices(view)


def agency_over_time(view: View) -> None:
    """GCP2s completed in each quarter, stacked by the agency that completed them."""
    _show(view, "Graded Care Profile 2 assessments completed, by agency",
          _stacked(view, "All GCP2s", "GCP2s completed"), "gcp2-agency")


def grade_changes(view: View) -> None:
    """Before and after: for each area of care, how many rescores were graded better, the same
    or worse than at the previous GCP2, with the mean grade before and after in the table."""
    rows = view.rows
    parts = rows[~rows["reference"].astype(bool)]
    figure = None
    if not parts.empty and not parts["number"].isna().all():
        traces = []
        for change in CHANGES:
            mine = parts[parts["series"] == change]
            traces.append({"type": "bar", "orientation": "h", "name": change,
                           "y": list(mine["category"]),
                           "x": [_number(v) or 0 for v in mine["number"]],
                           "marker": {"color": CHANGE_COLOURS[change]},
                           "text": [v if v != SUPPRESSED else "" for v in mine["value"]],
                           "textposition": "inside", "insidetextanchor": "middle",
                           "hovertext": [f"{change}: {v}" for v in mine["value"]],
                           "hovertemplate": "%{y}<br>%{hovertext}<extra></extra>"})
        figure = _figure(traces, "Rescores", view.category_name, height=360)
        figure.update_layout(xaxis={"type": "linear"},
                             yaxis={"type": "category", "autorange": "reversed",
                                    "title": {"text": ""}})
    table = _wide(view)
    table = table[[view.category_name, MEAN_BEFORE, MEAN_AFTER, *CHANGES]] \
        if not table.empty else table
    _show(view, "Grades before and after rescoring, overall and by area of care", figure,
          "gcp2-changes", table)


def audit_grades(view: View, learning: list[Learning]) -> None:
    """Neglect case audits in each quarter, stacked by grade with the number of audits, and
    beside them the audit learning written for the same quarters."""
    _show(view, "Multi-agency case audits on neglect, by grade",
          _stacked(view, "All neglect audits", "Case audits"), "audit-grades")
    if view.unavailable or view.rows.empty:
        return
    st.markdown("**Audit learning, by quarter**")
    if not learning:
        st.caption(NO_LEARNING)
        return
    table = view.rows[view.rows["reference"].astype(bool)].set_index("category")["value"]
    for note in learning:
        counted, said = st.columns([1, 3], gap="medium")
        with counted:
            st.markdown(f"**{note.quarter}**")
            st.caption(f"Neglect audits: {table.get(note.quarter, '–')}")
        with said:
            st.markdown(note.text)
            st.caption(f"Audit learning by {note.byline}")
