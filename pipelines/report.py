"""The quarterly board pack (interface.md, `report`): one self-contained, offline HTML file,
disclosure-controlled (indicators.md, "Disclosure control") and written as a board member
reads it (STYLE.md, "What a board member sees").

`write_board_pack(db_path, period_end, out_path, months=12)` writes:
- a heading with the quarter, the period, the load run id and extract date;
- the scorecard: every catalogue indicator grouped by family, now, the previous quarter and
  the same quarter last year, direction of travel on a year ago, England and the target/RAG;
- one chart (inline SVG, no scripts): children with neglect identified by highest level over
  the last 8 quarter ends, 12-month rolling, with the same figures as a table beside it;
- a note on disclosure control listing the cells shown as `c`; a definitions appendix.

Every count and rate passes through `pipelines.indicators.disclosure`; all text is escaped.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from pathlib import Path

import duckdb
from neglect_insight.pipelines.indicators import disclosure, engine
from neglect_insight.pipelines.indicators.catalogue import (
    FAMILY_NAMES,
    Indicator,
    catalogue,
    families,
)
from neglect_insight.pipelines.indicators.disclosure import (
    DEFAULT_THRESHOLD,
    MISSING,
    SUPPRESSED,
    Shown,
)
from neglect_insight.pipelines.indicators.periods import (
    add_months,
    format_date,
    period_ending,
    quarter_label,
)
from neglect_insight.pipelines.indicators.scorecard import Target, rag, targets, travel
from neglect_insight.pipelines.load.database import connect_read_only

# Families that need an optional extract file (the staging view that holds it).
OPTIONAL_FAMILIES = {"attendance": ("stg_attendance", "attendance.csv"),
                     "early_years": ("stg_early_years", "early_years.csv")}
LEVELS = {"neglect_children_eh": "Early help", "neglect_children_cin": "Children in need",
          "neglect_children_cp": "Child protection"}
LEVEL_TOTAL = "neglect_children_total"
LEVEL_COLOURS = {"neglect_children_eh": "#28A197", "neglect_children_cin": "#F46A25",
                 "neglect_children_cp": "#12436D"}  # GOV.UK palette, as on the dashboard
HIDDEN_COLOUR = "#b1b4b6"
TRAVEL_WORDS = {"better": "Better", "worse": "Worse", "up": "Up", "down": "Down",
                "same": "No change", None: "–"}
RAG_WORDS = {"green": "On track", "amber": "Close to target", "red": "Off track"}
UNIT_WORDS = {"count": "Count", "percent": "Percentage", "per_10k": "Rate per 10,000 children"}
BETTER_WORDS = {"higher": "Higher is better", "lower": "Lower is better",
                "neither": "Neither: context for the board, not a target"}
CHART_QUARTERS = 8


@dataclass(frozen=True)
class Cell:
    """One figure as the board may see it, and the number behind it when it may be used."""

    text: str
    number: float | None
    suppressed: bool


@dataclass(frozen=True)
class Column:
    """The indicators at one period end (None: outside the load), with unavailable families."""

    period_end: date
    cells: dict[str, Cell] | None
    unavailable: dict[str, str]


def month_end(d: date, months: int) -> date:
    """The last day of the month `months` after d's month (30 June -> 31 March for -3)."""
    first = add_months(d.replace(day=1), months)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _cell(shown: Shown, raw: engine.IndicatorValue) -> Cell:
    hidden = shown.suppressed or shown.value == SUPPRESSED
    number = None if hidden or shown.value == MISSING else raw.value
    return Cell(shown.value, number, hidden)


def _available(conn: duckdb.DuckDBPyConnection, family: str) -> str | None:
    """Why the family cannot be shown from this load, or None when it can."""
    if family in OPTIONAL_FAMILIES:
        view, file_name = OPTIONAL_FAMILIES[family]
        try:
            present = conn.execute(f"select exists (select 1 from {view})").fetchall()[0][0]
        except duckdb.Error:
            present = False
        if not present:
            return f"not available: this load has no {file_name}"
    return None


def _raw_values(conn: duckdb.DuckDBPyConnection, end: date, months: int
                ) -> tuple[dict[str, engine.IndicatorValue], dict[str, str]]:
    values, unavailable = {}, {}
    for family in families():
        reason = _available(conn, family)
        if reason is None:
            try:
                values.update(engine.cube(conn, family, end, months).values())
            except FileNotFoundError:
                reason = "not available: not computed by this version"
            except duckdb.CatalogException:
                reason = "not available: load the data again to see these"
        if reason:
            unavailable[family] = reason
    return values, unavailable


def shown_cells(values: dict[str, engine.IndicatorValue]) -> dict[str, Cell]:
    """Every value through disclosure control: primary suppression for each, and secondary
    suppression for the neglect levels (early help, CIN, CP), which add up to the total."""
    cells = {i: _cell(disclosure.suppress_value(v), v) for i, v in values.items()}
    if LEVEL_TOTAL in values and all(i in values for i in LEVELS):
        parts, total = disclosure.suppress_breakdown(
            [(i, values[i]) for i in LEVELS], values[LEVEL_TOTAL])
        for i, shown in parts:
            cells[i] = _cell(shown, values[i])
        cells[LEVEL_TOTAL] = _cell(total, values[LEVEL_TOTAL])
    return cells


def _column(conn: duckdb.DuckDBPyConnection, end: date, months: int,
            ends: set[date]) -> Column:
    if end not in ends:
        return Column(end, None, {})
    values, unavailable = _raw_values(conn, end, months)
    return Column(end, shown_cells(values), unavailable)


# --- Words -------------------------------------------------------------------------------------


def _with_unit(text: str, indicator: Indicator) -> str:
    if indicator.unit == "per_10k" and text not in (SUPPRESSED, MISSING):
        return f"{text} per 10,000 children"
    return text


def _number(value: float, indicator: Indicator) -> str:
    if indicator.unit == "count":
        return f"{value:,.0f}"
    return f"{value:,.1f}{'%' if indicator.unit == 'percent' else ''}"


def england_text(indicator: Indicator) -> str:
    if indicator.england is None:
        return "–"
    return (f"{_with_unit(_number(indicator.england.value, indicator), indicator)} "
            f"({indicator.england.period})")


def target_text(target: Target | None, indicator: Indicator) -> str:
    if target is None:
        return "–"
    return f"{_with_unit(_number(target.target, indicator), indicator)} or {target.direction}"


def travel_text(direction: str | None, now: float | None, before: float | None) -> str:
    if direction in ("better", "worse") and now is not None and before is not None:
        return f"{'▲' if now > before else '▼'} {TRAVEL_WORDS[direction]}"
    if direction == "up":
        return "▲ Up"
    if direction == "down":
        return "▼ Down"
    return TRAVEL_WORDS.get(direction, "–")


# --- HTML --------------------------------------------------------------------------------------

STYLE = """
body { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; margin: 2em auto;
  max-width: 75em; padding: 0 1em; line-height: 1.4; }
h1 { font-size: 1.8em; margin-bottom: 0.2em; }
h2 { margin-top: 1.6em; border-bottom: 2px solid #12436D; }
h3 { margin: 1.2em 0 0.3em; }
.meta { color: #505a5f; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 0.92em; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.3em 0.5em; text-align: left;
  vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.rag-green { background: #00703c; color: #fff; }
.rag-amber { background: #ffdd00; color: #0b0c0c; }
.rag-red { background: #d4351c; color: #fff; }
.chart { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }
.note { background: #f3f2f1; padding: 0.6em 1em; border-left: 5px solid #12436D; }
dt { font-weight: bold; margin-top: 0.8em; }
dd { margin-left: 0; }
@media print { h2 { page-break-after: avoid; } table { page-break-inside: auto; } }
"""

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="meta">{period}</p>
<p class="meta">{load}</p>
</header>
<main>
<h2>Scorecard</h2>
<p>{scorecard_intro}</p>
{targets_problem}
{scorecard}
<h2>Children with neglect identified, by highest level</h2>
{chart}
<h2>Disclosure control</h2>
{disclosure}
<h2>Definitions</h2>
{definitions}
</main>
</body>
</html>
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _scorecard_html(columns: tuple[Column, Column, Column], goals: dict[str, Target]) -> str:
    now, previous, year_ago = columns
    head = ("<tr><th scope=\"col\">Indicator</th>"
            f"<th scope=\"col\" class=\"num\">Now ({_e(quarter_label(now.period_end))})</th>"
            f"<th scope=\"col\" class=\"num\">Previous quarter "
            f"({_e(quarter_label(previous.period_end))})</th>"
            f"<th scope=\"col\" class=\"num\">Same quarter last year "
            f"({_e(quarter_label(year_ago.period_end))})</th>"
            "<th scope=\"col\">Direction of travel on a year ago</th>"
            "<th scope=\"col\">England</th><th scope=\"col\">Target</th>"
            "<th scope=\"col\">Against target</th></tr>")
    parts = []
    for family in families():
        ids = [i for i, ind in catalogue().items() if ind.family == family]
        parts.append(f"<h3>{_e(FAMILY_NAMES.get(family, family.replace('_', ' ').capitalize()))}"
                     "</h3>")
        if family in now.unavailable:
            parts.append(f"<p>{_e(FAMILY_NAMES.get(family, family))} figures are "
                         f"{_e(now.unavailable[family])}.</p>")
            continue
        rows = []
        for i in ids:
            indicator = catalogue()[i]
            cells = [c.cells.get(i) if c.cells is not None else None for c in columns]
            texts = [_with_unit(cell.text, indicator) if cell else "–" for cell in cells]
            current, _, last_year = (cell.number if cell else None for cell in cells)
            target = goals.get(i)
            status = rag(current, target)
            moved = travel_text(travel(indicator, current, last_year), current, last_year)
            rag_cell = (f"<td class=\"rag-{status}\">{_e(RAG_WORDS[status])}</td>" if status
                        else f"<td>{'Not assessed' if target else 'No target'}</td>")
            rows.append(
                f"<tr data-indicator=\"{_e(i)}\"><th scope=\"row\">{_e(indicator.short_label)}"
                "</th>"
                + "".join(f"<td class=\"num\">{_e(t)}</td>" for t in texts)
                + f"<td>{_e(moved)}</td>"
                f"<td>{_e(england_text(indicator))}</td>"
                f"<td>{_e(target_text(target, indicator))}</td>{rag_cell}</tr>")
        parts.append(f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>")
    return "\n".join(parts)


def _chart_html(points: list[tuple[date, dict[str, Cell]]], months: int) -> str:
    """A stacked bar chart in inline SVG and the same figures as a table. A level shown as c
    is not drawn: the part of the bar it would take is grey, 'level not shown'."""
    if not points:
        return "<p>No quarter ends in this load to chart.</p>"
    width, height, left, bottom, top = 640, 300, 50, 40, 20
    totals = [cells[LEVEL_TOTAL].number or 0 for _, cells in points]
    peak = max(max(totals), 1)
    step = (width - left - 10) / len(points)
    bar = step * 0.6
    scale = (height - bottom - top) / peak
    shapes = []
    for n, (end, cells) in enumerate(points):
        x = left + n * step + (step - bar) / 2
        y = height - bottom
        total = cells[LEVEL_TOTAL]
        if total.number is not None:
            hidden = total.number
            for i in LEVELS:
                value = cells[i].number
                if value is None:
                    continue
                hidden -= value
                h = value * scale
                y -= h
                shapes.append(f"<rect x=\"{x:.1f}\" y=\"{y:.1f}\" width=\"{bar:.1f}\" "
                              f"height=\"{h:.1f}\" fill=\"{LEVEL_COLOURS[i]}\"><title>"
                              f"{_e(LEVELS[i])}, {_e(format_date(end))}: {_e(cells[i].text)}"
                              "</title></rect>")
            if hidden > 0:
                h = hidden * scale
                y -= h
                shapes.append(f"<rect x=\"{x:.1f}\" y=\"{y:.1f}\" width=\"{bar:.1f}\" "
                              f"height=\"{h:.1f}\" fill=\"{HIDDEN_COLOUR}\"><title>Level not "
                              "shown (small numbers)</title></rect>")
            shapes.append(f"<text x=\"{x + bar / 2:.1f}\" y=\"{y - 4:.1f}\" "
                          f"text-anchor=\"middle\" font-size=\"11\">{_e(total.text)}</text>")
        else:
            shapes.append(f"<text x=\"{x + bar / 2:.1f}\" y=\"{y - 4:.1f}\" "
                          f"text-anchor=\"middle\" font-size=\"11\">{_e(total.text)}</text>")
        shapes.append(f"<text x=\"{x + bar / 2:.1f}\" y=\"{height - bottom + 16}\" "
                      f"text-anchor=\"middle\" font-size=\"11\">{_e(quarter_label(end))}</text>")
    axis = (f"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - 5}\" "
            f"y2=\"{height - bottom}\" stroke=\"#505a5f\"/>")
    legend = "".join(
        f"<span style=\"margin-right:1em\"><span style=\"display:inline-block;width:0.9em;"
        f"height:0.9em;background:{colour}\"></span> {_e(label)}</span>"
        for colour, label in [*((LEVEL_COLOURS[i], LEVELS[i]) for i in LEVELS),
                              (HIDDEN_COLOUR, "Level not shown (small numbers)")])
    last_end, last = points[-1]
    first_end, first = points[0]
    title = f"Children with neglect identified: {last[LEVEL_TOTAL].text} in the " \
            f"{months} months to {format_date(last_end)}"
    if last[LEVEL_TOTAL].number is not None and first[LEVEL_TOTAL].number is not None \
            and len(points) > 1:
        change = last[LEVEL_TOTAL].number - first[LEVEL_TOTAL].number
        word = "up from" if change > 0 else "down from" if change < 0 else "the same as"
        title += f", {word} {first[LEVEL_TOTAL].text} at {format_date(first_end)}"
    svg = (f"<svg role=\"img\" aria-label=\"{_e(title)}\" viewBox=\"0 0 {width} {height}\" "
           f"width=\"{width}\" height=\"{height}\">{axis}{''.join(shapes)}</svg>")
    head = "".join(f"<th scope=\"col\" class=\"num\">{_e(label)}</th>"
                   for label in (*LEVELS.values(), "Total"))
    rows = "".join(
        f"<tr><th scope=\"row\">{_e(quarter_label(end))}</th>"
        + "".join(f"<td class=\"num\">{_e(cells[i].text)}</td>" for i in (*LEVELS, LEVEL_TOTAL))
        + "</tr>" for end, cells in points)
    return (f"<p><strong>{_e(title)}.</strong><br><span class=\"meta\">Children counted at the "
            f"highest level open in each {months}-month period, at the last "
            f"{len(points)} quarter ends.</span></p>"
            f"<div class=\"chart\"><figure>{svg}<figcaption>{legend}</figcaption></figure>"
            f"<table style=\"width:auto\"><thead><tr><th scope=\"col\">Quarter</th>{head}</tr>"
            f"</thead><tbody>{rows}</tbody></table></div>")


def _disclosure_html(columns: tuple[Column, ...]) -> str:
    names = ("now", "previous quarter", "same quarter last year")
    hidden = []
    for name, column in zip(names, columns, strict=True):
        for i, cell in (column.cells or {}).items():
            if cell.suppressed:
                hidden.append(f"{catalogue()[i].short_label} ({name}, "
                              f"{format_date(column.period_end)})")
    listed = ("<ul>" + "".join(f"<li>{_e(h)}</li>" for h in hidden) + "</ul>" if hidden
              else "<p>No scorecard cell was suppressed.</p>")
    return (f"<p class=\"note\">Counts from 1 to {DEFAULT_THRESHOLD} are shown as c to protect "
            "children's privacy, and so is any percentage or rate built on them. Where a total "
            "would reveal a hidden count, one more count is hidden too. Zero is shown. – means "
            "there is no figure (nothing to divide by, or a period outside this load).</p>"
            f"<p>Scorecard cells shown as c ({len(hidden)}):</p>{listed}")


def _definitions_html() -> str:
    items = []
    for indicator in catalogue().values():
        items.append(
            f"<dt>{_e(indicator.short_label)}</dt><dd>{_e(indicator.label)}. "
            f"{_e(indicator.definition)} <br><span class=\"meta\">"
            f"{_e(UNIT_WORDS[indicator.unit])}. {_e(BETTER_WORDS[indicator.better])}. "
            + (_e(f"England: {england_text(indicator)}, {indicator.england.source}.")
               if indicator.england else "No published England figure.")
            + "</span></dd>")
    return f"<dl>{''.join(items)}</dl>"


def board_pack_html(conn: duckdb.DuckDBPyConnection, period_end: date, months: int = 12
                    ) -> str:
    """The board pack for the period as one HTML document (no external resources)."""
    run_id, extract_date = conn.execute("select run_id, extract_date from load_info").fetchall()[0]
    if isinstance(extract_date, datetime):
        extract_date = extract_date.date()
    ends = set(engine.quarter_ends(conn))
    period = period_ending(period_end, months)
    columns = (_column(conn, period_end, months, ends),
               _column(conn, month_end(period_end, -3), months, ends),
               _column(conn, month_end(period_end, -12), months, ends))
    goals, problem = targets()
    chart_ends = sorted(e for e in ends if e <= period_end)[-CHART_QUARTERS:]
    points = []
    level_ids = [*LEVELS, LEVEL_TOTAL]
    for end in chart_ends:
        values = engine.compute(conn, end, months, ids=level_ids)
        points.append((end, shown_cells(values)))
    quarter = quarter_label(period_end)
    title = f"Neglect Insight — board pack, {quarter}"
    scope = f"{months} months" if months != 12 else "12 months"
    return PAGE.format(
        title=_e(title),
        style=STYLE,
        period=_e(f"Period: {scope}, {period.label}."),
        load=_e(f"Load {run_id}, extract of {format_date(extract_date)}. "
                f"Produced {format_date(date.today())}."),
        scorecard_intro=_e(
            "Each figure is for the " + scope + " ending on the quarter end named in the "
            "column. Direction of travel compares now with the same quarter last year; "
            "better or worse where the catalogue says which way is good, up or down where "
            "neither is."),
        targets_problem=f"<p class=\"note\">{_e(problem)}</p>" if problem else "",
        scorecard=_scorecard_html(columns, goals),
        chart=_chart_html(points, months),
        disclosure=_disclosure_html(columns),
        definitions=_definitions_html(),
    )


def write_board_pack(db_path: Path, period_end: date, out_path: Path, months: int = 12) -> Path:
    """Write the board pack for the load at db_path; raises FileNotFoundError before any
    load (connect_read_only's message says what to do)."""
    with connect_read_only(Path(db_path)) as conn:
        html = board_pack_html(conn, period_end, months)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(html, encoding="utf-8")
    return out_path
