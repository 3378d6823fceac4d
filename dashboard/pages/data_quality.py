"""Data quality (Quality section): every delivery checked, the rules each passed or failed, the
rows to review, quality across runs and how completely each field is filled.

Everyone signed in sees the deliveries and the number of rows failing each rule; the rows
themselves (named by pseudonym, file and line, with values as the rejects report recorded them)
and the raw figures that moved since the previous load are shown to QA users and
administrators only, and each view of them is recorded in the audit log. Readers:
dashboard/data/quality.py and dashboard/data/completeness.py (built at load time by
pipelines/load/field_completeness.py).
"""

from __future__ import annotations

import streamlit as st

from neglect_insight.dashboard.components import page, quality_charts
from neglect_insight.dashboard.components.load_changes import what_changed
from neglect_insight.dashboard.components.table_with_download import table_with_download
from neglect_insight.dashboard.data import Load, access, quality
from neglect_insight.dashboard.data import completeness as completeness_data
from neglect_insight.dashboard.data.coverage import stale_warning
from neglect_insight.dashboard.data.load_changes import load_changes


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


ROWS_FOR_QA = ("The rows behind these counts name children by pseudonym, so they are shown to "
               "QA users and administrators only.")


def rows_to_review(run: dict, load: Load | None, person: access.Viewer) -> None:
    st.header("Rows to review", anchor="rows")
    if not person.may("qa"):
        st.info(ROWS_FOR_QA, icon=":material/lock:")
        return
    st.caption(quality.review_caption(run, load))
    review = quality.rows_to_review(run, load)
    if review.empty:
        st.success("No rows to review for this run.", icon=":material/check_circle:")
        return
    chosen = st.multiselect("Rule", quality.review_rules(review), key="review_rules",
                            placeholder="All rules")
    shown = quality.filter_review(review, chosen)
    st.caption(f"{len(shown):,} of {len(review):,} rows.")
    seen = {"run": run["run_id"], "rules": list(chosen), "rows": len(shown)}
    access.record_view(person, "review_viewed", **seen)
    table_with_download(shown, f"Rows to review {run['run_id']}", "review",
                        on_download=lambda: access.record_for(person, "rows_downloaded",
                                                              table="rows to review", **seen))


def quality_over_time(all_runs: list[dict], current_id: str | None) -> None:
    st.header("Data quality over time", anchor="trend")
    trend = quality.quality_trend(all_runs, current_id)
    st.subheader(quality.trend_finding(trend), anchor=False)
    st.caption("Blocking and query rows found by each run of ingest or validate, oldest first.")
    chart, table = st.columns([3, 2], gap="medium")
    with chart:
        quality_charts.trend_chart(trend)
    with table:
        table_with_download(quality.trend_table(trend), "Data quality over time", "trend")


def completeness(load: Load | None) -> None:
    st.header("Completeness of each field", anchor="completeness")
    fields = completeness_data.field_completeness(load)
    files = [] if fields is None else completeness_data.completeness_files(fields)
    if fields is None:
        st.info("Completeness is shown for the current load: nothing has been loaded yet, or "
                "this load was made before completeness was recorded (load the delivery "
                "again).", icon=":material/info:")
        return
    if not files:
        st.info("The current load has no rows in any file.", icon=":material/info:")
        return
    file = st.selectbox("File", files, key="completeness_file")
    one_file = completeness_data.completeness_of(fields, file)
    st.subheader(completeness_data.completeness_finding(one_file), anchor=False)
    st.caption(f"Rows of {file} with a value in each contract column, as delivered; "
               f"{quality.load_caption(load)}. Some columns are empty by design: an open episode "
               "has no end_date.")
    quality_charts.completeness_chart(one_file, file)
    table_with_download(completeness_data.completeness_table(fields), "Completeness of each field",
                        "completeness")


person = page.require("board", "Data quality")  # before anything is read
st.title("Data quality")
st.caption("What each delivery contained, which rules it failed and which rows to check with "
           "the local authority. Rows are named by file and line; values are shown as the "
           "rejects report recorded them.")

load = quality.current_load()  # the pointer, read once for the whole page
all_runs = quality.runs(load)
current_id = None if load is None else load.run_id
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
if warning := stale_warning(load):
    st.warning(warning, icon=":material/event_busy:")

if all_runs:
    deliveries(all_runs, current_id)
    st.header("Rules for one run", anchor="rules")
    run = st.selectbox("Run", all_runs, format_func=lambda r: quality.run_label(r, current_id),
                       key="run")
    rules(run)
    rows_to_review(run, load, person)
    quality_over_time(all_runs, current_id)
else:
    st.info("The current load carries no record of the runs that checked it (it was not made "
            "by `neglect-insight ingest`), so there are no rules or rows to review to show.",
            icon=":material/info:")
if load is not None and person.may("qa"):  # raw figures: not for the board
    what_changed(load_changes(load))
completeness(load)
