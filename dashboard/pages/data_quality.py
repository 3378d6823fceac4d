"""Data quality (Quality section): every delivery checked, the rules each passed or failed, the
rows to review, quality across runs and how completely each field is filled.

For the QA sub-group (authorised): rows are named by pseudonym, file and line, with values as
the rejects report recorded them. Readers: dashboard/data/quality.py; completeness model:
sql/models/field_completeness.sql.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from neglect_insight.dashboard.components.charts import CONFIG, DARK_BLUE, DARK_PINK
from neglect_insight.dashboard.components.table_with_download import table_with_download
from neglect_insight.dashboard.data import quality

BLOCKING_COLOUR, QUERY_COLOUR = DARK_PINK, DARK_BLUE  # GOV.UK analytical palette
LAYOUT = {"template": "simple_white", "font": {"family": "Arial, Helvetica, sans-serif",
                                               "size": 14, "color": "#0b0c0c"},
          "margin": {"t": 20, "r": 20, "b": 40, "l": 10}}


def trend_chart(trend: pd.DataFrame) -> go.Figure:
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


def completeness_chart(one_file: pd.DataFrame) -> go.Figure:
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


def deliveries(all_runs: list[dict], current_id: str | None) -> None:
    st.header("Deliveries checked", anchor="deliveries")
    st.caption("Every run of `ingest` and `validate`, newest first. A refused delivery loads "
               "nothing; the previous load stays on the board pages.")
    table_with_download(quality.runs_table(all_runs, current_id), "Deliveries checked", "runs")


def rules(run: dict) -> None:
    summary = quality.rule_summary(run)
    passed, blocking, queries = st.columns(3)
    passed.metric("Rules passed", f"{summary['passed']:,} of {summary['rules']:,}")
    blocking.metric("Blocking rules failed", f"{summary['failed_blocking']:,}",
                    help=quality.SEVERITY_MEANINGS["blocking"])
    queries.metric("Query rules failed", f"{summary['failed_query']:,}",
                   help=quality.SEVERITY_MEANINGS["query"])
    st.caption(quality.run_caption(run))
    with st.expander(f"Files read ({len(run.get('files', []))})"):
        table_with_download(quality.run_files(run), f"Files read {run['run_id']}", "files")
    failed = quality.rule_results(run, failed=True)
    if failed.empty:
        st.success("Every rule passed.", icon=":material/check_circle:")
    else:
        st.subheader("Rules failed", anchor=False)
        st.caption(f"{quality.SEVERITY_MEANINGS['blocking']}. "
                   f"{quality.SEVERITY_MEANINGS['query']}.")
        table_with_download(failed, f"Rules failed {run['run_id']}", "failed")
    passed_rules = quality.rule_results(run, failed=False)
    with st.expander(f"Rules passed ({len(passed_rules):,})"):
        table_with_download(passed_rules, f"Rules passed {run['run_id']}", "passed")


def rows_to_review(run: dict, current_id: str | None) -> None:
    st.header("Rows to review", anchor="rows")
    st.caption(quality.review_caption(run, current_id))
    review = quality.rows_to_review(run, current_id)
    if review.empty:
        st.success("No rows to review for this run.", icon=":material/check_circle:")
        return
    chosen = st.multiselect("Rule", quality.review_rules(review), key="review_rules",
                            placeholder="All rules")
    shown = quality.filter_review(review, chosen)
    st.caption(f"{len(shown):,} of {len(review):,} rows.")
    table_with_download(shown, f"Rows to review {run['run_id']}", "review")


def quality_over_time(all_runs: list[dict], current_id: str | None) -> None:
    st.header("Data quality over time", anchor="trend")
    trend = quality.quality_trend(all_runs, current_id)
    st.subheader(quality.trend_finding(trend), anchor=False)
    st.caption("Blocking and query rows found by each run of ingest or validate, oldest first.")
    chart, table = st.columns([3, 2], gap="medium")
    with chart:
        st.plotly_chart(trend_chart(trend), config=CONFIG, theme=None, key="trend-chart",
                        alt="Blocking and query rows per run. The table beside this chart "
                            "gives the same figures.")
    with table:
        table_with_download(quality.trend_table(trend), "Data quality over time", "trend")


def completeness() -> None:
    st.header("Completeness of each field", anchor="completeness")
    fields = quality.field_completeness()
    files = [] if fields is None else quality.completeness_files(fields)
    if fields is None:
        st.info("Completeness is shown for the current load: nothing has been loaded yet, or "
                "this load was made before completeness was recorded (load the delivery "
                "again).", icon=":material/info:")
        return
    if not files:
        st.info("The current load has no rows in any file.", icon=":material/info:")
        return
    file = st.selectbox("File", files, key="completeness_file")
    one_file = quality.completeness_of(fields, file)
    st.subheader(quality.completeness_finding(one_file), anchor=False)
    st.caption(f"Rows of {file} with a value in each contract column, as delivered; "
               f"{quality.load_caption()}. Some columns are empty by design: an open episode "
               "has no end_date.")
    st.plotly_chart(completeness_chart(one_file), config=CONFIG, theme=None,
                    key="completeness-chart",
                    alt=f"Completeness of each column of {file}. The table below gives the "
                        "same figures for every file.")
    table_with_download(quality.completeness_table(fields), "Completeness of each field",
                        "completeness")


st.title("Data quality")
st.caption("What each delivery contained, which rules it failed and which rows to check with "
           "the local authority. Rows are named by file and line; values are shown as the "
           "rejects report recorded them.")

all_runs = quality.runs()
current_id = quality.current_run_id()
if not all_runs and current_id is None:
    st.info("No delivery has been checked or loaded yet. When a local authority's folder is "
            "checked with `neglect-insight validate FOLDER` or loaded with `neglect-insight "
            "ingest FOLDER`, each run appears here with the rules it passed and failed.",
            icon=":material/info:")
    st.stop()
if current_id is None:
    st.warning("Nothing has been loaded yet: every delivery so far was refused or only checked. "
               "The board pages stay empty until a delivery passes every blocking rule.",
               icon=":material/warning:")

if all_runs:
    deliveries(all_runs, current_id)
    st.header("Rules for one run", anchor="rules")
    run = st.selectbox("Run", all_runs, format_func=lambda r: quality.run_label(r, current_id),
                       key="run")
    rules(run)
    rows_to_review(run, current_id)
    quality_over_time(all_runs, current_id)
else:
    st.info("The current load carries no record of the runs that checked it (it was not made "
            "by `neglect-insight ingest`), so there are no rules or rows to review to show.",
            icon=":material/info:")
completeness()
