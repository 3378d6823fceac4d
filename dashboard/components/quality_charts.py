"""The data quality page's two charts, each drawn with a text alternative that points to the
table beside or below it: blocking and query rows per run, and how completely each column of
one file is filled. Frames come ready-made from `dashboard.data.quality`."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from neglect_insight.dashboard.components.charts import CONFIG
from neglect_insight.pipelines.present.colours import DARK_BLUE, DARK_PINK

BLOCKING_COLOUR, QUERY_COLOUR = DARK_PINK, DARK_BLUE  # GOV.UK analytical palette
LAYOUT = {"template": "simple_white", "font": {"family": "Arial, Helvetica, sans-serif",
                                               "size": 14, "color": "#0b0c0c"},
          "margin": {"t": 20, "r": 20, "b": 40, "l": 10}}


def trend_figure(trend: pd.DataFrame) -> go.Figure:
    """Blocking and query rows per run: two lines told apart by colour, dash and marker."""
    figure = go.Figure()
    for name, colour, dash, symbol in (("Blocking rows", BLOCKING_COLOUR, "solid", "x"),
                                       ("Query rows", QUERY_COLOUR, "dot", "circle")):
        figure.add_trace(go.Scatter(
            x=trend["Run"], y=trend[name], name=name, mode="lines+markers",
            line={"color": colour, "dash": dash, "width": 3},
            marker={"symbol": symbol, "size": 10}, customdata=trend[["What happened"]],
            hovertemplate="%{x}<br>%{customdata[0]}<br>" + name + ": %{y:,}"
                          "<extra></extra>"))
    figure.update_layout(**LAYOUT, height=340,
                         legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
                         yaxis={"title": "Rows", "rangemode": "tozero"},
                         xaxis={"type": "category", "title": ""})
    return figure


def completeness_figure(one_file: pd.DataFrame) -> go.Figure:
    """One bar per contract column: the percentage of the file's rows with a value."""
    figure = go.Figure(go.Bar(
        x=one_file["Filled (%)"], y=one_file["Column"], orientation="h",
        marker={"color": QUERY_COLOUR}, texttemplate="%{x:.1f}%", textposition="outside",
        customdata=one_file[["Filled rows", "Rows"]],
        hovertemplate="%{y}: %{customdata[0]:,} of %{customdata[1]:,} rows<extra></extra>"))
    figure.update_layout(**LAYOUT, height=100 + 32 * len(one_file), showlegend=False,
                         xaxis={"title": "Rows with a value (%)", "ticksuffix": "%",
                                "range": [0, 112]},
                         yaxis={"autorange": "reversed", "type": "category"})
    return figure


def trend_chart(trend: pd.DataFrame) -> None:
    """The quality trend (`quality.quality_trend`), with the table beside it as its text."""
    st.plotly_chart(trend_figure(trend), config=CONFIG, theme=None, key="trend-chart",
                    alt="Blocking and query rows per run. The table beside this chart gives "
                        "the same figures.")


def completeness_chart(one_file: pd.DataFrame, file: str) -> None:
    """One file's completeness (`quality.completeness_of`), with the table below as its text."""
    st.plotly_chart(completeness_figure(one_file), config=CONFIG, theme=None,
                    key="completeness-chart",
                    alt=f"Completeness of each column of {file}. The table below gives the "
                        "same figures for every file.")
