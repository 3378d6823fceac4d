"""The Methodology page's content: one section per indicator (its anchor is the indicator id,
so chart links land on it), grouped by family, then how journeys are drawn and how small
numbers are protected. Text from the catalogue names other indicators by their labels, never
by id (`labels.without_ids`); the id itself is given once per indicator, for exports."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from neglect_insight.dashboard.components.table_with_download import table_with_download
from neglect_insight.dashboard.data.indicators import Method
from neglect_insight.pipelines.present.cells import threshold
from neglect_insight.pipelines.present.labels import without_ids
from neglect_insight.pipelines.present.states import suppression_note
from neglect_insight.pipelines.present.travel import THRESHOLD_NOTE


def catalogue(methods: list[Method]) -> None:
    """Every indicator: a summary table (with its CSV), then a section per indicator."""
    methods = [m._replace(definition=without_ids(m.definition), sources=without_ids(m.sources),
                          caveats=tuple(without_ids(c) for c in m.caveats)) for m in methods]
    table = pd.DataFrame([{
        "Family": m.family, "Indicator": m.short_label, "Unit": m.unit,
        "Which way is better": m.better, "England": m.england, "Definition": m.definition,
        "Id in file names": m.indicator_id,
    } for m in methods])
    st.header("All indicators", anchor="all-indicators")
    table_with_download(table, "indicator definitions", "methodology")
    family = None
    for method in methods:
        if method.family != family:
            family = method.family
            st.header(family, anchor=False, divider="gray")
            if method.caveats:
                st.markdown("**Keep in mind**\n\n" + "\n".join(f"- {c}" for c in method.caveats))
            st.markdown(f"**Source fields:** {method.sources}")
        st.subheader(method.label, anchor=method.indicator_id)
        st.markdown(
            f"{method.definition}\n\n"
            f"- **Unit:** {method.unit}\n"
            f"- **Which way is better:** {method.better}\n"
            f"- **England comparison:** {method.england}\n"
            f"- **Id** (in downloaded file names and the `indicators` command): "
            f"`{method.indicator_id}`")


def journeys(text: str) -> None:
    st.header("Journeys between services", anchor="journeys", divider="gray")
    st.markdown(without_ids(text))


def disclosure() -> None:
    st.header("Small numbers", anchor="disclosure", divider="gray")
    st.markdown(f"{suppression_note(threshold())} Pages and downloads for the board follow "
                "this rule (DfE practice). Figures are computed from exact counts first, then "
                "hidden.")


def readings() -> None:
    """How the automatic readings word a change, and what comparisons mean."""
    st.header("How changes and comparisons are worded", anchor="readings", divider="gray")
    st.markdown(f"{THRESHOLD_NOTE} Comparisons with England, the region and statistical "
                "neighbours use published DfE figures for the same measure only, each with its "
                "year; a partnership of several local authorities is compared on their counts "
                "added together, never on an average of their percentages. A measure with no "
                "published counterpart says so rather than borrowing another's figure.")


def dfe_rules(table: pd.DataFrame) -> None:
    """The DfE CIN census validation rules a delivery is checked against, with a download."""
    st.header("DfE CIN census validation rules we check", anchor="dfe-rules", divider="gray")
    st.markdown(
        "Local authorities know data problems by the DfE's rule numbers. Every delivery is "
        "checked against the rules below; a problem found is reported with its DfE number. "
        "DfE errors refuse the delivery and DfE queries (numbers ending Q) are listed to check, "
        "except where the same data is valid in our own CSV files: those are queries here.")
    table_with_download(table, "DfE CIN census validation rules", key="dfe-rules")
