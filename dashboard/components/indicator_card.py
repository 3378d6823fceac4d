"""Headline numbers: a card per indicator (value, change on a year ago, England, target and
status) and the scorecard table behind the cards, with its CSV download."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from neglect_insight.dashboard.components import wording
from neglect_insight.dashboard.components.charts import METHODOLOGY, SUPPRESSION_NOTE, notices
from neglect_insight.dashboard.components.table_with_download import table_with_download, view_table
from neglect_insight.dashboard.data.indicators import (
    Cells,
    Scorecard,
    ScoreLine,
    Target,
    View,
    england_cells,
)
from neglect_insight.pipelines.indicators.catalogue import Indicator, catalogue
from neglect_insight.pipelines.indicators.periods import quarter_label

RAG_BADGES = {"green": "green", "amber": "orange", "red": "red", None: "gray"}
RAG_CELLS = {"On track": "background-color: #00703c; color: white",
             "Close to target": "background-color: #ffdd00; color: #0b0c0c",
             "Off track": "background-color: #d4351c; color: white"}
DELTA_COLOURS = {"higher": "normal", "lower": "inverse", "neither": "off"}


def _shown(cells: Cells | None, indicator: Indicator) -> str:
    return wording.with_unit(cells.value, indicator) if cells else "–"


def _england(indicator: Indicator) -> str:
    cells = england_cells(indicator)
    if cells is None:
        return "–"
    return f"{wording.with_unit(cells.value, indicator)} ({indicator.england.period})"


def _target(target: Target | None, indicator: Indicator) -> str:
    if target is None:
        return "–"
    text = f"{target.target:,.1f}" if indicator.unit != "count" else f"{target.target:,.0f}"
    suffix = "%" if indicator.unit == "percent" else wording.UNIT_WORDS[indicator.unit]
    return f"{text}{suffix} or {target.direction}"


def _change(line: ScoreLine, indicator: Indicator) -> str | None:
    """'+1.2 points' (a percentage) or '+87' (a count) on a year ago, when both are shown."""
    if not (line.current and line.last_year) or None in (line.current.number,
                                                         line.last_year.number):
        return None
    diff = line.current.number - line.last_year.number
    if indicator.unit == "count":
        return f"{diff:+,.0f}"
    return f"{diff:+,.1f}{' points' if indicator.unit == 'percent' else ''}"


def _travel(line: ScoreLine) -> str:
    up = None
    if line.current and line.last_year and None not in (line.current.number,
                                                        line.last_year.number):
        up = line.current.number > line.last_year.number
    return wording.travel(line.travel, up)


def scorecard_table(card: Scorecard) -> pd.DataFrame:
    """The scorecard as the board reads it (the CSV download is exactly this)."""
    previous = (f"Previous quarter ({quarter_label(card.previous_end)})" if card.previous_end
                else "Previous quarter")
    last_year = (f"Same period last year ({quarter_label(card.last_year_end)})"
                 if card.last_year_end else "Same period last year")
    rows = []
    for line in card.lines:
        indicator = catalogue()[line.indicator_id]
        rows.append({
            "Measure": indicator.short_label,
            f"Now ({quarter_label(card.selection.period_end)})":
                "Not available" if line.unavailable else _shown(line.current, indicator),
            previous: _shown(line.previous, indicator),
            last_year: _shown(line.last_year, indicator),
            "Direction of travel on a year ago": _travel(line),
            "England": _england(indicator),
            "Target": _target(line.target, indicator),
            "Status": wording.RAG[line.rag] if line.target else "No target",
            "Owner": line.target.owner if line.target and line.target.owner else "–",
        })
    return pd.DataFrame(rows).astype(str)


def _card(line: ScoreLine) -> None:
    indicator = catalogue()[line.indicator_id]
    with st.container(border=True, height="stretch"):
        st.markdown(f"**{indicator.short_label}**", help=indicator.definition)
        if line.unavailable:
            st.metric(indicator.short_label, "Not available", label_visibility="collapsed")
            st.caption(line.unavailable)
            return
        st.metric(indicator.short_label, line.current.value if line.current else "–",
                  delta=_change(line, indicator), delta_description="on a year ago",
                  delta_color=DELTA_COLOURS[indicator.better], label_visibility="collapsed")
        if line.target:
            st.badge(wording.RAG[line.rag] if line.rag else "Not shown",
                     color=RAG_BADGES[line.rag])
        details = [f"England {_england(indicator)}" if indicator.england else "",
                   f"Target {_target(line.target, indicator)}" if line.target else "",
                   f"[Definition]({METHODOLOGY}#{indicator.id})"]
        st.caption(" · ".join(d for d in details if d))


def scorecard(card: Scorecard, columns: int = 5) -> None:
    """The headline indicators on one screen: cards, then the table behind them."""
    st.caption(card.subtitle)
    if card.targets_problem:
        st.warning(card.targets_problem, icon=":material/warning:")
    lines = list(card.lines)
    for start in range(0, len(lines), columns):
        for column, line in zip(st.columns(columns), lines[start:start + columns],
                                strict=False):
            with column:
                _card(line)
    st.subheader("Scorecard table", anchor=False)
    table = scorecard_table(card)
    styled = table.style.map(lambda v: RAG_CELLS.get(v, ""), subset=["Status"])
    st.dataframe(styled, hide_index=True, width="stretch")
    st.download_button("Download this table (CSV)", table.to_csv(index=False).encode("utf-8-sig"),
                       file_name="scorecard.csv", mime="text/csv", key="scorecard-csv",
                       on_click="ignore", icon=":material/download:")
    st.caption("Direction of travel compares the figure now with the same period a year "
               "earlier, knowing which way is better for each measure. Status compares it "
               "with the target the partnership set (amber: within the tolerance on the wrong "
               "side).")
    for note in card.notes:
        st.caption(note)
    if card.suppressed:
        st.caption(f":material/visibility_off: {SUPPRESSION_NOTE}")


def headlines(view: View, heading: str) -> None:
    """A row of headline numbers with England beside each, and their table."""
    st.subheader(heading, anchor=False)
    st.caption(view.subtitle)
    if view.unavailable or view.rows.empty:
        st.info(view.unavailable or "There are no figures for this period and these filters.",
                icon=":material/info:")
        return
    ours = view.rows[~view.rows["reference"].astype(bool)]
    for column, row in zip(st.columns(len(ours)), ours.itertuples(), strict=True):
        indicator = catalogue()[row.indicator_id]
        with column, st.container(border=True):
            st.metric(indicator.short_label, row.value, help=indicator.definition)
            counted = (f"{row.numerator} out of {row.denominator}"
                       if row.denominator not in ("–", None) else "")
            england = f"England {_england(indicator)}" if indicator.england else ""
            st.caption(" · ".join(t for t in (counted, england,
                                              f"[Definition]({METHODOLOGY}#{indicator.id})")
                                  if t))
    with st.expander("Table view"):
        table_with_download(view_table(view, "Value"), heading, f"headlines-{heading}")
    notices(view)
