"""Charts for the board pages. Each takes one `View` (dashboard.data.indicators) and shows, in
order: a heading that states the finding, the period, population and load beneath it, the chart
beside its table (with a CSV download of exactly that table), links to each definition on the
Methodology page, any notes, and a line saying when small numbers are suppressed. A view that
is not available in this load shows its reason instead.

Headings, words and colours come from the presentation layer shared with the board pack
(`pipelines.present`): the GOV.UK analytical palette, one colour per service everywhere.
Plotly is drawn by Streamlit's bundled plotly.js: nothing is fetched from the internet.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from neglect_insight.dashboard.components.table_with_download import (
    table_with_download,
    view_download,
    view_file_name,
    view_table,
)
from neglect_insight.dashboard.data.indicators import View
from neglect_insight.dashboard.data.indicators.notes import counts_note, rate_note
from neglect_insight.pipelines.indicators.catalogue import Indicator
from neglect_insight.pipelines.present import headlines
from neglect_insight.pipelines.present.cells import Cell, threshold
from neglect_insight.pipelines.present.colours import (
    CATEGORY_COLOURS,
    DARK_BLUE,
    ENGLAND_COLOUR,
    HIDDEN,
    PALETTE,
    SECONDARY_TEXT,
    STEP_COLOURS,
    TEXT,
    colour,
)
from neglect_insight.pipelines.present.labels import ALL_PUPILS, ENGLAND, LEVELS, OURS
from neglect_insight.pipelines.present.numbers import AXIS_TITLES
from neglect_insight.pipelines.present.states import (
    NO_DATA,
    NO_FIGURE,
    SUPPRESSED,
    suppression_note,
)

SYMBOLS = ("circle", "square", "diamond", "triangle-up")  # series differ by more than colour
CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
METHODOLOGY = "methodology"  # url_path of the Methodology page

AXIS = {"showline": True, "linecolor": SECONDARY_TEXT, "ticks": "outside",
        "gridcolor": "#e5e6e7", "zeroline": False, "automargin": True, "tickformat": ","}


def _figure(traces: list[dict], xaxis: dict, yaxis: dict, **layout) -> go.Figure:
    """A figure built in one go from trace and layout dicts, without a plotly template
    (templates and step-by-step updates cost tens of milliseconds a figure)."""
    def axis(options: dict) -> dict:
        title = options.pop("title", "")
        return AXIS | {"title": {"text": title, "standoff": 8}} | options

    return go.Figure(data=traces, layout={
        "template": {}, "font": {"family": "Arial, Helvetica, sans-serif", "size": 14,
                                 "color": TEXT},
        "paper_bgcolor": "white", "plot_bgcolor": "white", "colorway": list(PALETTE),
        "margin": {"t": 40, "r": 60, "b": 40, "l": 10}, "hoverlabel": {"font": {"size": 14}},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0,
                   "traceorder": "normal"},
        "xaxis": axis(dict(xaxis)), "yaxis": axis(dict(yaxis))} | layout)


def _reference_line(y: float, text: str) -> tuple[dict, dict]:
    """A dashed horizontal line across the plot (England) and its label: shape, annotation."""
    return ({"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": y, "y1": y,
             "line": {"color": ENGLAND_COLOUR, "dash": "dash", "width": 2}},
            {"xref": "paper", "x": 0, "yref": "y", "y": y, "text": text, "showarrow": False,
             "xanchor": "left", "yanchor": "bottom", "font": {"color": ENGLAND_COLOUR}})


def _hover(rows: pd.DataFrame, with_counts: bool = True) -> list[str]:
    """Hover text per row: the value and, for a rate, how many out of how many."""
    out = []
    for row in rows.itertuples():
        text = f"{row.series}: {row.value}"
        if with_counts and row.denominator not in (NO_FIGURE, None):
            text += f"<br>{row.numerator} counted out of {row.denominator}"
        out.append(text)
    return out


def _key(view: View, kind: str) -> str:
    """A chart's key: what it shows, never the period or filters, so a period or filter change
    keeps every key on the page (unique there: one chart per kind, indicators and breakdown).
    The download button's element is then kept; a chart's element still changes with its
    figure (Streamlit 1.67 hashes the figure into a chart's id whatever its key)."""
    seed = f"{kind}|{view.indicator_ids}|{view.category_name}"
    return f"{kind}-{hashlib.sha1(seed.encode()).hexdigest()[:10]}"


def lazy_tabs(labels: list[str], key: str) -> Sequence:
    """Tabs of which only the chosen one is drawn: `st.tabs` keeping the chosen tab by `key`
    (so the choice survives a period or filter change) and rerunning the page when another
    is chosen. Draw a tab's content only when its `.open` is True: a hidden tab's chart and
    table cost the browser as much to draw as a shown one."""
    return st.tabs(labels, key=key, on_change="rerun")


def tabs_key(kind: str, views: list[View]) -> str:
    """A tab set's key: what its tabs show (never the period or filters), unique on a page."""
    seed = "|".join(f"{v.indicator_ids}|{v.category_name}" for v in views)
    return f"{kind}-tabs-{hashlib.sha1(seed.encode()).hexdigest()[:10]}"


def _definitions(view: View) -> None:
    if not view.indicator_ids:
        st.markdown(f"[How journeys are drawn]({METHODOLOGY}#journeys)")
        return
    links = " · ".join(f"[{i.short_label}]({METHODOLOGY}#{i.id})" for i in view.indicators)
    st.markdown(f"Definition{'s' if len(view.indicators) > 1 else ''}: {links}")


def notices(view: View) -> None:
    """Notes about the figures, and the suppression line when something is hidden."""
    for note in view.notes:
        st.caption(note)
    if view.suppressed:
        suppressed_note()


def suppressed_note() -> None:
    """The line beneath a visual that shows `c`: what it means."""
    st.caption(f":material/visibility_off: {suppression_note(threshold())}")


ALL_HIDDEN = ("Every figure in this chart is hidden to protect small numbers, so there is "
              "nothing to draw. The table shows what can be shown.")
NOTHING_TO_DRAW = "There are no figures to draw for this period and these filters."


def nothing_drawn(view: View) -> str | None:
    """Why a view's chart would be empty (every figure of our own hidden or missing), or None
    when there is something to draw."""
    ours = _ours(view)
    if ours["number"].notna().any():
        return None
    cells = ours[["value", "numerator", "denominator"]]
    return ALL_HIDDEN if cells.isin([SUPPRESSED]).to_numpy().any() else NOTHING_TO_DRAW


def _show(view: View, heading: str, figure: go.Figure | None, kind: str,
          value_header: str | None = None, what: str = "") -> None:
    """Heading, subtitle, then the chart with its table beneath; a message in place of a chart
    with nothing to draw. The table's CSV is named by indicator id, `what` the chart shows,
    period and filters."""
    st.subheader(heading, anchor=False)
    st.caption(view.subtitle)
    if view.unavailable or view.rows.empty:
        st.info(view.unavailable or NO_DATA, icon=":material/info:")
        notices(view)
        _definitions(view)
        return
    key = _key(view, kind)
    table = view_table(view, value_header)
    # The table beneath the chart, across the page: beside it, a table of five columns was
    # narrower than its columns at 1440 px and the figures scrolled out of sight.
    chart, text = st.container(), st.container()
    with chart:
        if (empty := nothing_drawn(view)) or figure is None:
            st.info(empty or NO_DATA, icon=":material/info:")
        else:
            st.plotly_chart(figure, config=CONFIG, theme=None, key=f"{key}-chart",
                            alt=f"{heading}. The table beneath this chart gives the same "
                                "figures.")
    with text:
        table_with_download(table, heading, key, download=view_download(view, table),
                            download_name=view_file_name(view, what))
    _definitions(view)
    notices(view)


def rates_as_counts(view: View) -> tuple[View, set[str]]:
    """A rate per 10,000 children has no figure without a population estimate for the children
    chosen (a locality, say) but its count has one: the view with those rates' counts in their
    place, England's rates (not comparable with a count) left out, and the note saying so; and
    the ids now shown as counts (empty when nothing changed)."""
    rates = {i.id for i in view.indicators if i.unit == "per_10k"}
    ours = _ours(view)
    mine = ours[ours["indicator_id"].isin(rates)]
    if mine.empty or mine["number"].notna().any() or (mine["numerator"] == NO_FIGURE).all():
        return view, set()
    rows = view.rows[~(view.rows["reference"].astype(bool)
                       & view.rows["indicator_id"].isin(rates))].copy()
    is_rate = rows["indicator_id"].isin(rates)
    counts = rows.loc[is_rate, "numerator"]
    rows.loc[is_rate, "value"] = counts
    rows.loc[is_rate, "number"] = [None if c in (SUPPRESSED, NO_FIGURE) else
                                   float(str(c).replace(",", "")) for c in counts]
    rows.loc[is_rate, ["numerator", "denominator"]] = NO_FIGURE
    notes = tuple(n for n in view.notes if n != rate_note(view.selection))
    return replace(view, rows=rows.reset_index(drop=True),
                   notes=(counts_note(view.selection), *notes),
                   england={k: v for k, v in view.england.items() if k not in rates}), rates


def counted(indicator: Indicator) -> Indicator:
    """A rate per 10,000 read as its count: 'Children on a child protection plan'."""
    label = indicator.label.replace(" per 10,000 children", "")
    return replace(indicator, unit="count", short_label=label, label=label)


def _england_bars(england: pd.DataFrame, orientation: str, name: str = ENGLAND) -> dict:
    """England's figures as bars beside ours: grey and hatched, so not told by colour alone."""
    along, across = ("x", "y") if orientation == "v" else ("y", "x")
    return {"type": "bar", "orientation": orientation, along: list(england["category"]),
            across: _numbers(england), "name": name,
            "marker": {"color": HIDDEN, "pattern": {"shape": "/", "fgcolor": SECONDARY_TEXT}},
            "text": list(england["value"]), "textposition": "outside", "cliponaxis": False,
            "hovertext": _hover(england, with_counts=False),
            "hovertemplate": f"%{{{along}}}<br>%{{hovertext}}<extra></extra>"}


def _ours(view: View) -> pd.DataFrame:
    return view.rows[~view.rows["reference"].astype(bool)]


def _references(view: View) -> pd.DataFrame:
    return view.rows[view.rows["reference"].astype(bool)]


def _numbers(rows: pd.DataFrame) -> list[float | None]:
    return [None if pd.isna(n) else float(n) for n in rows["number"]]


def _cells(rows: pd.DataFrame) -> list[Cell]:
    return [Cell(value, numerator, denominator, number) for value, numerator, denominator, number
            in zip(rows["value"], rows["numerator"], rows["denominator"], _numbers(rows),
                   strict=True)]


# --- Charts ----------------------------------------------------------------------------------


def split(view: View) -> None:
    """Children with neglect identified by highest level: one bar split by service."""
    ours, total = _ours(view), _references(view)
    heading, figure = "Children with neglect identified, by highest level", None
    if not view.rows.empty:
        shown = list(zip(ours["indicator_id"], ours["category"], ours["value"], _numbers(ours),
                         strict=True))
        heading = headlines.levels_finding(
            _cells(total)[0], [(LEVELS[i], c) for i, c in zip(ours["indicator_id"], _cells(ours),
                                                               strict=True)])
        traces = [{
            "type": "bar", "x": [number or 0], "y": ["Children"], "orientation": "h",
            "name": category, "marker": {"color": colour(indicator_id)},
            "text": [text], "textposition": "inside", "insidetextanchor": "middle",
            "textfont": {"color": "white"},
            "hovertemplate": f"{category}: {text} children<extra></extra>",
        } for indicator_id, category, text, number in shown]
        figure = _figure(traces, {"title": "Children with neglect identified"},
                         {"showticklabels": False}, barmode="stack", height=200)
    _show(view, heading, figure, "split", value_header="Children", what="split")


def trend(view: View, stacked: bool = False) -> None:
    """Indicators over quarter ends. With `stacked`, the first indicator (a total) is a line
    and the others are stacked bars beneath it. England's figure is a dashed reference line.
    Rates with no population for the children chosen are drawn as their counts."""
    view, as_counts = rates_as_counts(view)
    ours = _ours(view)
    first = view.indicators[0]
    if first.id in as_counts:
        first = counted(first)
    heading, figure = f"{first.short_label} over time", None
    if not ours.empty:
        points = ours[ours["indicator_id"] == first.id]
        heading = headlines.trend_finding(first, list(zip(points["value"], _numbers(points),
                                                          strict=True)),
                                          view.england.get(first.id))
        traces = []
        for n, indicator in enumerate(view.indicators):
            rows = ours[ours["indicator_id"] == indicator.id]
            name = counted(indicator).short_label if indicator.id in as_counts else \
                indicator.short_label
            trace = {"x": list(rows["category"]), "y": _numbers(rows),
                     "name": name, "hovertext": _hover(rows),
                     "hovertemplate": "%{x}<br>%{hovertext}<extra></extra>"}
            if stacked and n > 0:
                trace |= {"type": "bar", "marker": {"color": colour(indicator.id, n)}}
            else:
                trace |= {"type": "scatter", "mode": "lines+markers", "connectgaps": False,
                          "line": {"color": colour(indicator.id, n), "width": 3},
                          "marker": {"size": 9, "symbol": SYMBOLS[n % len(SYMBOLS)]}}
            traces.append(trace)
        lines = [_reference_line(row.number, f"{row.series}: {row.value}")
                 for row in _references(view).itertuples()]
        figure = _figure(traces, {"title": view.category_name, "type": "category"},
                         {"title": "Children" if as_counts else AXIS_TITLES[first.unit],
                          "rangemode": "tozero"},
                         barmode="stack", height=380, showlegend=len(view.indicators) > 1,
                         shapes=[shape for shape, _a in lines],
                         annotations=[label for _s, label in lines])
    _show(view, heading, figure, "trend", value_header="Children" if as_counts else None,
          what="trend")


def compare(view: View) -> None:
    """Each indicator's value as a bar, with England's figure as a marker beside it."""
    ours, england = _ours(view), _references(view)
    indicators = view.indicators
    heading, figure = indicators[0].short_label if len(indicators) == 1 else "Latest figures", None
    if not ours.empty:
        lead = next((i for i in indicators if i.id in view.england), indicators[0])
        row = ours[ours["indicator_id"] == lead.id]
        heading = headlines.level_finding(lead, row["value"].iloc[0], _numbers(row)[0],
                                          view.england.get(lead.id))
        traces = [{
            "type": "bar", "y": list(ours["category"]), "x": [n or 0 for n in _numbers(ours)],
            "orientation": "h", "name": OURS, "marker": {"color": DARK_BLUE},
            "text": list(ours["value"]), "textposition": "outside", "cliponaxis": False,
            "hovertext": _hover(ours), "hovertemplate": "%{y}<br>%{hovertext}<extra></extra>",
        }]
        if not england.empty:
            traces.append(_england_bars(england, "h"))
        figure = _figure(traces, {"title": AXIS_TITLES[indicators[0].unit],
                                  "rangemode": "tozero"},
                         {"autorange": "reversed", "type": "category", "categoryorder": "array",
                          "categoryarray": list(ours["category"])},
                         barmode="group", height=140 + (60 if england.empty else 80)
                         * ours["category"].nunique(), showlegend=not england.empty)
    _show(view, heading, figure, "compare")


def bars(view: View) -> None:
    """A breakdown: one bar per group, in reading order; c where a count is suppressed."""
    indicator = view.indicators[0]
    ours = _ours(view)
    subject = f"{indicator.short_label} by {view.category_name.lower()}"
    heading, figure = subject, None
    if not ours.empty:
        numbers = _numbers(ours)
        heading = headlines.ranking_finding(subject, list(zip(ours["category"], ours["value"],
                                                              numbers, strict=True)))
        traces = [{
            "type": "bar", "y": list(ours["category"]), "x": [n or 0 for n in numbers],
            "orientation": "h", "marker": {"color": colour(indicator.id)},
            "text": list(ours["value"]), "textposition": "outside", "cliponaxis": False,
            "hovertext": _hover(ours), "hovertemplate": "%{y}<br>%{hovertext}<extra></extra>",
            "name": indicator.short_label}]
        figure = _figure(traces, {"title": AXIS_TITLES[indicator.unit], "rangemode": "tozero"},
                         {"title": view.category_name, "autorange": "reversed",
                          "type": "category"},
                         height=110 + 40 * len(ours), showlegend=False)
    _show(view, heading, figure, "bars", what=f"by {view.category_name}")


def breakdowns(views: list[View]) -> None:
    """One tab per breakdown dimension, each a `bars` chart: only the chosen tab's."""
    tabs = lazy_tabs([f"By {v.category_name.lower()}" for v in views], tabs_key("bars", views))
    for tab, view in zip(tabs, views, strict=True):
        if tab.open:
            with tab:
                bars(view)


def cohorts(view: View) -> None:
    """An attendance measure per cohort, all pupils beside them and England as markers."""
    rows, ours = view.rows, _ours(view)
    pupils = rows[rows["category"] == ALL_PUPILS]
    england = rows[rows["series"].str.startswith(ENGLAND)]
    heading, figure = view.name, None
    if not ours.empty:
        heading = headlines.ranking_finding(view.name, list(zip(
            ours["category"], ours["value"], _numbers(ours), strict=True)))
        if not pupils.empty and pupils["number"].notna().all():
            heading += f", against {pupils['value'].iloc[0]} for all pupils"
        bars_shown = pd.concat([ours, pupils])
        traces = [{
            "type": "bar", "x": list(bars_shown["category"]),
            "y": [n or 0 for n in _numbers(bars_shown)], "name": OURS, "showlegend": False,
            "marker": {"color": [CATEGORY_COLOURS.get(c, DARK_BLUE)
                                 for c in bars_shown["category"]]},
            "text": list(bars_shown["value"]), "textposition": "outside", "cliponaxis": False,
            "hovertext": _hover(bars_shown), "hovertemplate": "%{x}<br>%{hovertext}"
                                                               "<extra></extra>"}]
        if not england.empty:
            period = view.england[england["indicator_id"].iloc[0]].period
            traces.append(_england_bars(
                england, "v", f"England, children open at 31 March ({period})"))
        figure = _figure(traces, {"title": "Children", "type": "category",
                                  "categoryorder": "array",
                                  "categoryarray": list(bars_shown["category"])},
                         {"title": "Percentage", "rangemode": "tozero", "ticksuffix": "%"},
                         barmode="group", height=400, showlegend=not england.empty)
    _show(view, heading, figure, "cohorts", value_header="Percentage", what="by cohort")


def cohort_tabs(views: list[View]) -> None:
    """One tab per attendance measure, each a `cohorts` chart: only the chosen tab's."""
    tabs = lazy_tabs([v.name for v in views], tabs_key("cohorts", views))
    for tab, view in zip(tabs, views, strict=True):
        if tab.open:
            with tab:
                cohorts(view)


ENDS = ("Closed", "Still open")  # the last column: where each journey ends
SANKEY_TOP = 0.8  # the diagram fills the plot below this; the step names sit above it
LABEL_FONT = 14
SANKEY_MARGIN = {"t": 20, "r": 100, "b": 20, "l": 70}  # room for the labels outside the links


Positions = dict[str, tuple[float, float]]


def sankey_positions(steps: list[str], weights: dict[str, float]) -> Positions:
    """Where each step's node sits, (x, y) as fractions of the diagram from its top left: one
    column per step in service order, Closed and Still open together in the last, each given
    room in proportion to its children (so the two never overlap) and a gap between them."""
    columns = list(dict.fromkeys("end" if s in ENDS else s for s in steps))
    step_x = {c: 0.01 + 0.98 * n / max(len(columns) - 1, 1) for n, c in enumerate(columns)}
    ends = [s for s in ENDS if s in steps]
    total, gap, y, at = sum(weights.get(s, 0) for s in ends) or 1, 0.1, {}, 0.0
    for end in ends:
        share = weights.get(end, 0) / total * (1 - gap * (len(ends) - 1))
        y[end], at = at + share / 2, at + share + gap
    return {s: (step_x["end" if s in ENDS else s], y.get(s, 0.5) or 0.001) for s in steps}


def sankey_labels(positions: Positions) -> list[dict]:
    """Step names as annotations off the links: each service's name above its column (in two
    staggered rows, so neighbours never meet), Closed and Still open to the right of the
    diagram level with their nodes."""
    labels, middle = [], [s for s in positions if s not in ENDS]
    for n, step in enumerate(middle):
        labels.append({"text": step, "x": positions[step][0], "xref": "paper", "xanchor": "center",
                       "y": SANKEY_TOP + 0.03 + 0.09 * (n % 2), "yref": "paper",
                       "yanchor": "bottom", "showarrow": False,
                       "font": {"size": LABEL_FONT, "color": TEXT}})
    labels += [{"text": end, "x": 1, "xref": "paper", "xanchor": "left", "xshift": 8,
                "y": SANKEY_TOP * (1 - positions[end][1]), "yref": "paper",
                "yanchor": "middle", "showarrow": False,
                "font": {"size": LABEL_FONT, "color": TEXT}} for end in ENDS if end in positions]
    return labels


def sankey(view: View) -> None:
    """Children's journeys through services as a Sankey diagram; suppressed links are left
    out of the drawing and shown as c in the table. Step names are drawn around the diagram,
    never on a link or on each other (plotly's own node labels would sit on the links)."""
    rows = view.rows
    heading, figure = "Children's journeys through services", None
    if not rows.empty:
        order = list(STEP_COLOURS)
        drawn = rows[rows["number"].notna()]
        steps = sorted(dict.fromkeys([*drawn["category"], *drawn["series"]]),
                       key=lambda s: order.index(s) if s in order else len(order))
        finished = drawn[drawn["series"].isin(ENDS)].groupby("series")["number"].sum()
        heading = headlines.journeys_finding(int(finished.get("Still open", 0)),
                                             int(finished.sum()), len(drawn) < len(rows))
        index = {step: n for n, step in enumerate(steps)}
        positions = sankey_positions(steps, {s: float(n) for s, n in finished.items()})
        traces = [{
            "type": "sankey", "arrangement": "snap",
            "domain": {"x": [0, 1], "y": [0, SANKEY_TOP]},
            "node": {"label": [""] * len(steps), "customdata": steps,
                     "x": [positions[s][0] for s in steps],
                     "y": [positions[s][1] for s in steps],
                     "color": [STEP_COLOURS.get(s, DARK_BLUE) for s in steps],
                     "pad": 24, "thickness": 18,
                     "hovertemplate": "%{customdata}: %{value:,} children<extra></extra>"},
            "link": {"source": [index[s] for s in drawn["category"]],
                     "target": [index[t] for t in drawn["series"]],
                     "value": [float(n) for n in drawn["number"]],
                     "customdata": [f"{s} to {t}" for s, t in zip(drawn["category"],
                                                                drawn["series"], strict=True)],
                     "color": "rgba(61,61,61,0.25)",
                     "hovertemplate": "%{customdata}: %{value:,} children<extra></extra>"}}]
        figure = _figure(traces, {}, {}, height=480, margin=SANKEY_MARGIN,
                         annotations=sankey_labels(positions))
    _show(view, heading, figure, "sankey", value_header="Children", what="journeys")
