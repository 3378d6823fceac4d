"""Headline numbers: a card per indicator (value, change on a year ago, England, target and
status) and the scorecard table behind the cards, with its CSV download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from neglect_insight.dashboard.components.charts import METHODOLOGY, notices, suppressed_note
from neglect_insight.dashboard.components.table_with_download import (
    csv_bytes,
    table_with_download,
    view_table,
)
from neglect_insight.dashboard.data.indicators import Scorecard, ScoreLine, View
from neglect_insight.pipelines.calendar import quarter_label
from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.present.cells import Cell
from neglect_insight.pipelines.present.colours import RAG_COLOURS
from neglect_insight.pipelines.present.headlines import england_text
from neglect_insight.pipelines.present.numbers import change, with_unit
from neglect_insight.pipelines.present.states import NO_DATA, NO_FIGURE, NOT_AVAILABLE
from neglect_insight.pipelines.present.travel import (
    RAG_WORDS,
    status_text,
    target_text,
    travel_text,
)

RAG_BADGES = {"green": "green", "amber": "orange", "red": "red", None: "gray"}
RAG_CELLS = {RAG_WORDS[rag]: f"background-color: {background}; color: {text}"
             for rag, (background, text) in RAG_COLOURS.items()}
DELTA_COLOURS = {"higher": "normal", "lower": "inverse", "neither": "off"}


def _shown(cell: Cell | None, unit: str) -> str:
    return with_unit(cell.value, unit) if cell else NO_FIGURE


def _numbers(line: ScoreLine) -> tuple[float | None, float | None]:
    """Now and a year ago, as drawn (None when not shown)."""
    return (line.current.number if line.current else None,
            line.last_year.number if line.last_year else None)


def _change(line: ScoreLine, unit: str) -> str | None:
    """'+1.2 points' (a percentage) or '+87' (a count) on a year ago, when both are shown."""
    now, before = _numbers(line)
    return None if now is None or before is None else change(now - before, unit)


def scorecard_table(card: Scorecard) -> pd.DataFrame:
    """The scorecard as the board reads it (the CSV download is exactly this)."""
    previous = (f"Previous quarter ({quarter_label(card.previous_end)})" if card.previous_end
                else "Previous quarter")
    last_year = (f"Same period last year ({quarter_label(card.last_year_end)})"
                 if card.last_year_end else "Same period last year")
    rows = []
    for line in card.lines:
        indicator = catalogue()[line.indicator_id]
        unit = indicator.unit
        rows.append({
            "Measure": indicator.short_label,
            f"Now ({quarter_label(card.selection.period_end)})":
                NOT_AVAILABLE if line.unavailable else _shown(line.current, unit),
            previous: _shown(line.previous, unit),
            last_year: _shown(line.last_year, unit),
            "Direction of travel on a year ago": travel_text(line.travel, *_numbers(line)),
            "England": england_text(line.england, unit),
            "Target": target_text(line.target, unit),
            "Status": status_text(line.rag, line.target),
            "Owner": line.target.owner if line.target and line.target.owner else NO_FIGURE,
        })
    return pd.DataFrame(rows).astype(str)


def _card(line: ScoreLine) -> None:
    indicator = catalogue()[line.indicator_id]
    with st.container(border=True, height="stretch"):
        st.markdown(f"**{indicator.short_label}**", help=indicator.definition)
        if line.unavailable:
            st.metric(indicator.short_label, NOT_AVAILABLE, label_visibility="collapsed")
            st.caption(line.unavailable)
            return
        st.metric(indicator.short_label, line.current.value if line.current else NO_FIGURE,
                  delta=_change(line, indicator.unit), delta_description="on a year ago",
                  delta_color=DELTA_COLOURS[indicator.better], label_visibility="collapsed")
        if line.target:
            st.badge(status_text(line.rag, line.target), color=RAG_BADGES[line.rag])
        details = [f"England {england_text(line.england, indicator.unit)}" if line.england
                   else "",
                   f"Target {target_text(line.target, indicator.unit)}" if line.target else "",
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
    st.download_button("Download this table (CSV)", csv_bytes(table),
                       file_name="scorecard.csv", mime="text/csv", key="scorecard-csv",
                       on_click="ignore", icon=":material/download:")
    st.caption("Direction of travel compares the figure now with the same period a year "
               "earlier, knowing which way is better for each measure. Status compares it "
               "with the target the partnership set (amber: within the tolerance on the wrong "
               "side).")
    for note in card.notes:
        st.caption(note)
    if card.suppressed:
        suppressed_note()


def headlines(view: View, heading: str) -> None:
    """A row of headline numbers with England beside each, and their table."""
    st.subheader(heading, anchor=False)
    st.caption(view.subtitle)
    if view.unavailable or view.rows.empty:
        st.info(view.unavailable or NO_DATA, icon=":material/info:")
        return
    ours = view.rows[~view.rows["reference"].astype(bool)]
    for column, row in zip(st.columns(len(ours)), ours.itertuples(), strict=True):
        indicator = catalogue()[row.indicator_id]
        with column, st.container(border=True):
            st.metric(indicator.short_label, row.value, help=indicator.definition)
            counted = (f"{row.numerator} out of {row.denominator}"
                       if row.denominator not in (NO_FIGURE, None) else "")
            figure = view.england.get(indicator.id)
            england = f"England {england_text(figure, indicator.unit)}" if figure else ""
            st.caption(" · ".join(t for t in (counted, england,
                                              f"[Definition]({METHODOLOGY}#{indicator.id})")
                                  if t))
    with st.expander("Table view"):
        table_with_download(view_table(view, "Value"), heading, f"headlines-{heading}")
    notices(view)
