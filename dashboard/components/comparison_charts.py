"""The "Compared with England, region and neighbours" section of a family page: for each
indicator with a published counterpart (a tab each, only the chosen tab drawn), the
partnership's trend beside England, its region, its statistical neighbours and its own
published yearly figures, then its neighbours ranked with the partnership highlighted (colour
and "▶"), England's bar in its place, and its quartile among all local authorities. Every
chart has a one-line summary and its figures as a table (in "Figures in this chart", with a
CSV download). Indicators without a published counterpart are named once.

Labels never sit on the data: the legend is below the plot, published years are the x-axis
ticks, England is a bar among the ranked ones (not a line across their labels), and hover text
is plain English. Colours come from `pipelines.present.colours`.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from neglect_insight.dashboard.components.charts import lazy_tabs
from neglect_insight.dashboard.components.table_with_download import table_with_download
from neglect_insight.dashboard.data.indicators.benchmarks import (
    HEADING,
    Comparison,
    Comparisons,
    Mark,
)
from neglect_insight.pipelines.present.colours import (
    DARK_BLUE,
    ENGLAND_COLOUR,
    HIDDEN,
    ORANGE,
    SECONDARY_TEXT,
    TEXT,
    TURQUOISE,
)

CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
FIGURES = "Figures in this chart"
CHILDREN, DATA = "Children included", "Data"  # columns every downloaded row carries
OURS_MARKER = "▶"  # the partnership's bar is told by this as well as by its colour
# How each published series is drawn: colour, line dash and marker (never colour alone).
STYLES = {
    "england": (ENGLAND_COLOUR, "dash", "square"),
    "region": (ORANGE, "dot", "diamond"),
    "neighbours": (TURQUOISE, "dashdot", "triangle-up"),
    "partnership": (DARK_BLUE, "solid", "circle-open"),
}
AXIS = {"showline": True, "linecolor": SECONDARY_TEXT, "ticks": "outside",
        "gridcolor": "#e5e6e7", "zeroline": False, "automargin": True}
# The legend: one entry a line at the foot of the figure, beneath the axis and its labels (the
# figure's bottom margin is made tall enough for both), so it never sits on the data or ticks.
LEGEND_BELOW = {"orientation": "v", "yref": "container", "yanchor": "bottom", "y": 0,
                "x": 0, "xanchor": "left", "traceorder": "normal"}
PLOT_HEIGHT, AXIS_ROOM, LEGEND_LINE = 300, 78, 24  # pixels


def _figure(traces: list[dict], xaxis: dict, yaxis: dict, **layout) -> go.Figure:
    return go.Figure(data=traces, layout={
        "template": {}, "font": {"family": "Arial, Helvetica, sans-serif", "size": 14,
                                 "color": TEXT},
        "paper_bgcolor": "white", "plot_bgcolor": "white",
        "margin": {"t": 20, "r": 60, "b": 40, "l": 10}, "hoverlabel": {"font": {"size": 14}},
        "legend": LEGEND_BELOW, "xaxis": AXIS | xaxis, "yaxis": AXIS | yaxis} | layout)


def _number(value: float | None) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _hover(name: str, period: str, value: str, detail: str) -> str:
    text = f"{name}<br>{period}: {value}"
    return f"{text}<br>{detail}" if detail else text


def ranked_label(mark: Mark) -> str:
    """A bar's label: the partnership marked with ▶ as well as by its colour."""
    if mark.kind == "england":
        return f"England ({mark.period}, for reference)"
    return f"{OURS_MARKER} {mark.area}" if mark.kind == "partnership" else mark.area


def ranked_with_england(item: Comparison) -> list[Mark]:
    """The ranked local authorities with England's figure set in its place among them (after
    every authority on the same side of it), so no line is drawn across the bars' labels."""
    marks = list(item.ranked)
    england = item.ranked_england
    valued = [m.number for m in marks if m.number is not None]
    if england is None or england.number is None or not valued:
        return marks
    rising = valued[0] <= valued[-1]
    place = next((n for n, m in enumerate(marks) if m.number is not None and (
        m.number > england.number if rising else m.number < england.number)), len(marks))
    return [*marks[:place], england, *marks[place:]]


def x_title(years: list[tuple[date, str]]) -> str:
    """The x-axis title, saying when a published year ends if its name does not."""
    undated = [d for d, p in years if d.strftime("%B") not in p]
    if not undated:
        return "Period ending"
    return f"Period ending (each published year ends on {undated[-1].day} " \
           f"{undated[-1].strftime('%B')})"


# --- Figures ---------------------------------------------------------------------------------


def trend_figure(item: Comparison) -> go.Figure:
    """The partnership's 12-month series at each quarter end as a line, with each published
    series (England, region, neighbours, the partnership's own) as markers at the published
    period end; the published years are the x-axis ticks."""
    traces = [{
        "type": "scatter", "mode": "lines+markers", "name": item.ours_name,
        "x": [q.period_end.isoformat() for q in item.ours],
        "y": [_number(q.number) for q in item.ours], "connectgaps": False,
        "line": {"color": DARK_BLUE, "width": 3}, "marker": {"size": 8, "symbol": "circle"},
        "hovertext": [_hover(item.ours_name, q.period, q.value, q.detail) for q in item.ours],
        "hovertemplate": "%{hovertext}<extra></extra>"}]
    for kind, (colour, dash, symbol) in STYLES.items():
        marks = [m for m in item.published if m.kind == kind]
        if not marks:
            continue
        name = f"{marks[-1].area}, published" if kind != "partnership" else \
            f"{marks[-1].area}, published yearly"
        traces.append({
            "type": "scatter", "mode": "lines+markers", "name": name,
            "x": [m.period_end.isoformat() for m in marks], "y": [_number(m.number) for m in marks],
            "connectgaps": False,
            "line": {"color": colour, "dash": dash, "width": 1.5 if kind != "partnership" else 0},
            "marker": {"size": 11, "symbol": symbol, "color": colour,
                       "line": {"width": 2, "color": colour}},
            "hovertext": [_hover(m.area, m.period, m.value, m.detail) for m in marks],
            "hovertemplate": "%{hovertext}<extra></extra>"})
    years = sorted({(m.period_end, m.period) for m in item.published})
    xaxis = {"type": "date", "title": {"text": x_title(years), "standoff": 8}}
    if years:
        xaxis |= {"tickvals": [d.isoformat() for d, _p in years],
                  "ticktext": [p for _d, p in years]}
    return _figure(traces, xaxis, {"title": {"text": item.axis_title, "standoff": 8},
                                   "rangemode": "tozero", "tickformat": ","},
                   height=PLOT_HEIGHT + 20 + AXIS_ROOM + LEGEND_LINE * len(traces),
                   showlegend=True,
                   margin={"t": 20, "r": 30, "b": AXIS_ROOM + LEGEND_LINE * len(traces), "l": 10})


def ranked_figure(item: Comparison) -> go.Figure:
    """The neighbours and the partnership as bars, best first from the top: the partnership in
    dark blue, outlined and marked ▶, the others turquoise; England as a grey hatched bar in
    its place among them."""
    marks = ranked_with_england(item)
    labels = [ranked_label(m) for m in marks]
    colours = {"partnership": DARK_BLUE, "england": HIDDEN}
    traces = [{
        "type": "bar", "orientation": "h", "y": labels,
        "x": [_number(m.number) or 0 for m in marks], "name": "Local authorities",
        "marker": {"color": [colours.get(m.kind, TURQUOISE) for m in marks],
                   "pattern": {"shape": ["/" if m.kind == "england" else "" for m in marks],
                               "fgcolor": SECONDARY_TEXT},
                   "line": {"width": [3 if m.kind == "partnership" else 0 for m in marks],
                            "color": TEXT}},
        "text": [m.value for m in marks], "textposition": "outside", "cliponaxis": False,
        "hovertext": [_hover(m.area, m.period, m.value, m.detail) for m in marks],
        "hovertemplate": "%{hovertext}<extra></extra>"}]
    return _figure(traces, {"title": {"text": item.axis_title, "standoff": 8},
                            "rangemode": "tozero", "tickformat": ","},
                   {"autorange": "reversed", "type": "category", "categoryorder": "array",
                    "categoryarray": labels},
                   height=110 + 28 * len(labels), showlegend=False,
                   margin={"t": 10, "r": 70, "b": 40, "l": 10})


# --- Tables (the text alternative) ------------------------------------------------------------


def trend_table(item: Comparison) -> pd.DataFrame:
    """The trend's figures: the partnership's quarters, then each published figure."""
    rows = [(item.ours_name, q.period, q.value, q.detail) for q in item.ours]
    rows += [(f"{m.area}, published", m.period, m.value, m.detail) for m in item.published]
    return pd.DataFrame(rows, columns=["Area", "Period", item.axis_title, "Details"])


def ranked_table(item: Comparison) -> pd.DataFrame:
    """The ranked bar's figures, best first, the partnership marked ▶, England in its place."""
    rows, rank = [], 0
    for m in ranked_with_england(item):
        rank += m.kind != "england"
        rows.append(("" if m.kind == "england" else str(rank), ranked_label(m), m.period,
                     m.value, m.detail))
    return pd.DataFrame(rows, columns=["Rank", "Area", "Period", item.axis_title, "Details"])


# --- The section -----------------------------------------------------------------------------


def _figures(table: pd.DataFrame, found: Comparisons, what: str, key: str) -> None:
    """The chart's figures in an expander, with a CSV download named by indicator, what it
    shows and the period ('rereferral_12m_compared_12m-to-2025-03-31.csv'), each row saying
    whom it covers and which data it came from."""
    download = table.assign(**{CHILDREN: "All children",
                               DATA: found.data_words[:1].upper() + found.data_words[1:]})
    with st.expander(FIGURES):
        table_with_download(table, what, key, download=download,
                            download_name=f"{what}_{found.file_tag or 'latest'}.csv")


def _chart(figure: go.Figure, summary: str, key: str) -> None:
    st.plotly_chart(figure, config=CONFIG, theme=None, key=f"{key}-chart",
                    alt=f"{summary} The figures are in '{FIGURES}' below the chart.")
    st.caption(summary)


def comparison(item: Comparison, found: Comparisons) -> None:
    """One indicator: its trend beside the published figures, then its neighbours ranked."""
    key = f"cmp-{found.family_id}-{item.indicator_id}"
    _chart(trend_figure(item), item.trend_summary, f"{key}-trend")
    _figures(trend_table(item), found, f"{item.indicator_id}_compared", f"{key}-trend")
    if item.ranked:
        st.markdown(f"**Ranked among its statistical neighbours, "
                    f"{item.standing or item.ranked[0].period}**")
        _chart(ranked_figure(item), item.ranked_summary, f"{key}-ranked")
        _figures(ranked_table(item), found, f"{item.indicator_id}_neighbours-ranked",
                 f"{key}-ranked")
    for note in item.notes:
        st.caption(note)


def section(found: Comparisons) -> None:
    """The page's comparisons under one heading: a tab per indicator when there are several,
    then, once, the indicators without a published counterpart."""
    st.subheader(HEADING, anchor=False)
    if found.subtitle:
        st.caption(found.subtitle)
    if found.unavailable:
        st.info(found.unavailable, icon=":material/info:")
    elif len(found.items) == 1:
        st.markdown(f"#### {found.items[0].label}")
        comparison(found.items[0], found)
    elif found.items:  # only the chosen tab is drawn (charts.lazy_tabs)
        tabs = lazy_tabs([i.label for i in found.items], f"cmp-tabs-{found.family_id}")
        for tab, item in zip(tabs, found.items, strict=True):
            if tab.open:
                with tab:
                    comparison(item, found)
    for note in found.notes:
        st.caption(note)
    if found.no_counterpart:
        st.info(found.no_counterpart, icon=":material/info:")
