"""Headline numbers: what moved and RAG counts at a glance, a card per indicator (value, change
on a year ago only beyond the threshold, a small trend line, England, target and status in
words) and the scorecard table behind the cards, decision columns first, with its CSV
download."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from neglect_insight.dashboard.components.charts import METHODOLOGY, notices, suppressed_note
from neglect_insight.dashboard.components.table_with_download import (
    csv_bytes,
    table_with_download,
    view_download,
    view_file_name,
    view_table,
)
from neglect_insight.dashboard.data.indicators import Scorecard, ScoreLine, View
from neglect_insight.pipelines.calendar import quarter_label
from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.present.cells import Cell
from neglect_insight.pipelines.present.colours import RAG_COLOURS
from neglect_insight.pipelines.present.headlines import compared_with, england_text
from neglect_insight.pipelines.present.labels import without_ids
from neglect_insight.pipelines.present.movers import what_moved
from neglect_insight.pipelines.present.numbers import change, number, with_unit
from neglect_insight.pipelines.present.states import (
    NO_DATA,
    NO_FIGURE,
    NOT_AVAILABLE,
    NOT_SUPPLIED,
)
from neglect_insight.pipelines.present.travel import (
    RAG_ICONS,
    RAG_WORDS,
    THRESHOLD_NOTE,
    TRAVEL_WORDS,
    rag_counts,
    status_text,
    target_text,
    travel_text,
)

RAG_BADGES = {"green": "green", "amber": "orange", "red": "red", None: "gray"}
RAG_CELLS = {RAG_WORDS[rag]: f"background-color: {background}; color: {text}"
             for rag, (background, text) in RAG_COLOURS.items()}
COUNT_BADGES = RAG_BADGES | {"unassessed": "gray", "none": "gray"}
COUNT_ICONS = RAG_ICONS | {"unassessed": ":material/help:", "none": ":material/remove:"}
DELTA_COLOURS = {"higher": "normal", "lower": "inverse", "neither": "off"}
YEAR_AGO = "a year ago"

# The scorecard table: decision columns first (what it is, now, status, target, England), so
# they stay in view on a laptop screen; the rest after. Short headers, the long form as help.
STATUS, TARGET, ENGLAND, OWNER, MEASURE = "Status", "Target", "England", "Owner", "Measure"
TRAVEL = "On a year ago"
ROW_HEIGHT = 35  # st.dataframe's default row height, in pixels
CARD_WIDTH = 215  # pixels


def _shown(cell: Cell | None, unit: str) -> str:
    return with_unit(cell.value, unit) if cell else NO_FIGURE


def _numbers(line: ScoreLine) -> tuple[float | None, float | None]:
    """Now and a year ago, as drawn (None when not shown)."""
    return (line.current.number if line.current else None,
            line.last_year.number if line.last_year else None)


def _change(line: ScoreLine, unit: str) -> str | None:
    """'+1.2 points' (a percentage) or '+87' (a count) on a year ago, only when both are shown
    and the change passes the threshold (never '+0.0 points')."""
    now, before = _numbers(line)
    if now is None or before is None or line.travel in (None, "same"):
        return None
    return change(now - before, unit)


def _headers(card: Scorecard) -> tuple[str, str, str]:
    now = f"Now ({quarter_label(card.selection.period_end)})"
    previous = (f"Last quarter ({quarter_label(card.previous_end)})" if card.previous_end
                else "Last quarter")
    last_year = (f"Year ago ({quarter_label(card.last_year_end)})" if card.last_year_end
                 else "Year ago")
    return now, previous, last_year


def scorecard_table(card: Scorecard) -> pd.DataFrame:
    """The scorecard as the board reads it (the CSV download is exactly this): the decision
    columns first."""
    now, previous, last_year = _headers(card)
    end = card.selection.period_end
    rows = []
    for line in card.lines:
        indicator = catalogue()[line.indicator_id]
        unit = indicator.unit
        rows.append({
            MEASURE: indicator.short_label,
            now: NOT_AVAILABLE if line.unavailable else _shown(line.current, unit),
            STATUS: status_text(line.rag, line.target),
            TARGET: target_text(line.target, unit, end, say_quarter=False),
            ENGLAND: england_text(line.england, unit),
            TRAVEL: travel_text(line.travel, *_numbers(line)),
            previous: _shown(line.previous, unit),
            last_year: _shown(line.last_year, unit),
            OWNER: line.target.owner if line.target and line.target.owner else NO_FIGURE,
        })
    return pd.DataFrame(rows).astype(str)


def _column_config(card: Scorecard) -> dict:
    now, previous, last_year = _headers(card)
    text = st.column_config.TextColumn
    return {
        MEASURE: text(MEASURE, width=235),
        now: text(now, width=180),
        STATUS: text(STATUS, width=125, help="Against the partnership's target: on track, "
                     "close to target (within the tolerance), off track, or no target"),
        TARGET: text(TARGET, width=170, help="The partnership's target for this quarter (its "
                     "trajectory value where one is set)"),
        ENGLAND: text(ENGLAND, width=150, help="England's published figure, with its year"),
        TRAVEL: text(TRAVEL, width=120, help="Direction of travel on the same period a year "
                     "earlier"),
        previous: text(previous, width=130),
        last_year: text(last_year, width=130),
        OWNER: text(OWNER, width=170),
    }


def _sparkline(points: Sequence[tuple[str, float | None]], unit: str) -> tuple[list, str]:
    """The drawn numbers and a one-line text alternative ('Trend Q1 2023-24 to Q4 2024-25: 16.0
    to 20.0 per 10,000 children'); a hidden point is a gap (NaN), never 0."""
    shown = [(label, n) for label, n in points if n is not None]
    if len(shown) < 2:
        return [], ""
    (first_label, first), (last_label, last) = shown[0], shown[-1]
    words = (f"Trend {first_label} to {last_label}: {number(first, unit)} to "
             f"{with_unit(number(last, unit), unit)}")
    return [float("nan") if n is None else n for _label, n in points], words


def _value(line: ScoreLine) -> str:
    """The figure now; 'Not supplied' (too long for a card's number) as `–`, said beneath."""
    if line.current is None or line.current.value == NOT_SUPPLIED:
        return NO_FIGURE
    return line.current.value


def _card(line: ScoreLine, card: Scorecard,
          trend: Sequence[tuple[str, float | None]] = ()) -> None:
    indicator = catalogue()[line.indicator_id]
    with st.container(border=True, height="stretch", width=CARD_WIDTH):
        st.markdown(f"**{indicator.short_label}**", help=without_ids(indicator.definition))
        if line.unavailable:
            st.metric(indicator.short_label, NO_FIGURE, label_visibility="collapsed")
            st.caption(f"{NOT_AVAILABLE}: {line.unavailable}")
            return
        delta = _change(line, indicator.unit)
        chart, chart_words = _sparkline(trend, indicator.unit)
        # The change only beyond the threshold, with "better" or "worse" in words beside the
        # colour; what it is compared with is written beneath, moved or not.
        st.metric(indicator.short_label, _value(line), delta=delta,
                  delta_description=(TRAVEL_WORDS[line.travel].lower()
                                     if delta and line.travel in ("better", "worse") else None),
                  delta_color=DELTA_COLOURS[indicator.better], label_visibility="collapsed",
                  chart_data=chart or None, chart_type="line")
        now, before = _numbers(line)
        if line.current is not None and line.current.value == NOT_SUPPLIED:
            st.caption(NOT_SUPPLIED)
        elif compared := compared_with(indicator.unit, now,
                                       line.last_year.value if line.last_year else "",
                                       before, YEAR_AGO):
            st.caption(compared[:1].upper() + compared[1:])
        if line.target:
            st.badge(status_text(line.rag, line.target), color=RAG_BADGES[line.rag],
                     icon=RAG_ICONS.get(line.rag))
        details = [f"England {england_text(line.england, indicator.unit)}" if line.england
                   else "",
                   f"Target {target_text(line.target, indicator.unit, card.selection.period_end)}"
                   if line.target else "",
                   f"[Definition]({METHODOLOGY}#{indicator.id})"]
        st.caption(" · ".join(d for d in details if d))
        if chart_words:
            st.caption(chart_words)


def what_moved_block(card: Scorecard) -> None:
    """The three measures that moved most since the last quarter and since a year ago, one
    sentence each, and the threshold that makes a move."""
    st.subheader("What moved", anchor=False)
    for column, (heading, sentences) in zip(st.columns(2), what_moved(card.lines),
                                            strict=True):
        with column:
            st.markdown(f"**{heading}**")
            st.markdown("\n".join(f"- {s}" for s in sentences))
    st.caption(THRESHOLD_NOTE)


def rag_at_a_glance(card: Scorecard) -> None:
    """'3 on track, 2 close to target, 1 off track, 4 without a target', each a word and a
    symbol on its colour (never colour alone)."""
    counts = rag_counts((line.rag, line.target) for line in card.lines
                        if not line.unavailable)
    st.markdown("**Against the partnership's targets**")
    with st.container(horizontal=True):
        for key, words, n in counts:
            st.badge(f"{n} {words}", color=COUNT_BADGES[key], icon=COUNT_ICONS[key])


def scorecard(card: Scorecard, columns: int | None = None,
              trends: Mapping[str, Sequence[tuple[str, float | None]]] | None = None) -> None:
    """The headline indicators on one screen: what moved, RAG counts, cards with their trend
    lines, then the table behind them. (`columns` is no longer used: cards wrap to the
    screen.)"""
    st.caption(card.subtitle)
    if card.targets_problem:
        st.warning(card.targets_problem, icon=":material/warning:")
    what_moved_block(card)
    rag_at_a_glance(card)
    # Cards of a fixed width that wrap: as many to a row as the screen holds (four at 1440
    # pixels, two at 1024), so no figure is cut short.
    with st.container(horizontal=True, gap="small"):
        for line in card.lines:
            _card(line, card, (trends or {}).get(line.indicator_id, ()))
    st.subheader("Scorecard table", anchor=False)
    table = scorecard_table(card)
    styled = table.style.map(lambda v: RAG_CELLS.get(v, ""), subset=[STATUS])
    st.dataframe(styled, hide_index=True, width="stretch", column_config=_column_config(card),
                 height=ROW_HEIGHT * (len(table) + 1) + 3,  # every measure, no inner scroll
                 alt="The scorecard: each headline measure now, its status against the "
                     "target, the target, England, direction of travel, last quarter, a year "
                     "ago and the owner")
    st.download_button("Download this table (CSV)", csv_bytes(table),
                       file_name=f"scorecard_{card.selection.file_tag}.csv", mime="text/csv",
                       key="scorecard-csv", on_click="ignore", icon=":material/download:")
    st.caption("Direction of travel compares the figure now with the same period a year "
               "earlier, knowing which way is better for each measure. Status compares it "
               "with the target the partnership set for the quarter (amber: within the "
               "tolerance on the wrong side); it is always written, never shown by colour "
               f"alone. {THRESHOLD_NOTE}")
    for note in card.notes:
        st.caption(note)
    if card.suppressed:
        suppressed_note()


HEADLINES_PER_ROW = 4


def headlines(view: View, heading: str) -> None:
    """A row of headline numbers with England beside each, and their table."""
    st.subheader(heading, anchor=False)
    st.caption(view.subtitle)
    if view.unavailable or view.rows.empty:
        st.info(view.unavailable or NO_DATA, icon=":material/info:")
        return
    ours = list(view.rows[~view.rows["reference"].astype(bool)].itertuples())
    # At most HEADLINES_PER_ROW a row: six in one row cut their labels ("GCP2s compl...").
    places = []
    for _start in range(0, len(ours), HEADLINES_PER_ROW):
        places += st.columns(min(HEADLINES_PER_ROW, len(ours)))
    for column, row in zip(places, ours, strict=False):  # the last row may have room left
        indicator = catalogue()[row.indicator_id]
        with column, st.container(border=True):
            st.metric(indicator.short_label, row.value, help=without_ids(indicator.definition))
            counted = (f"{row.numerator} out of {row.denominator}"
                       if row.denominator not in (NO_FIGURE, None) else "")
            figure = view.england.get(indicator.id)
            england = f"England {england_text(figure, indicator.unit)}" if figure else ""
            st.caption(" · ".join(t for t in (counted, england,
                                              f"[Definition]({METHODOLOGY}#{indicator.id})")
                                  if t))
    with st.expander("Table view"):
        table = view_table(view, "Value")
        table_with_download(table, heading, f"headlines-{heading}",
                            download=view_download(view, table),
                            download_name=view_file_name(view, "headlines"))
    notices(view)
