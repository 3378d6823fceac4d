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

Figures, words and colours come from the presentation layer the dashboard uses too
(`pipelines.present`): every count and rate passes through disclosure control with the
deployment's threshold, and each state of a figure has the same phrase as on the pages. All
text is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from pathlib import Path

import duckdb

from neglect_insight.pipelines.calendar import (
    format_date,
    month_end,
    period_ending,
    quarter_label,
)
from neglect_insight.pipelines.indicators import engine
from neglect_insight.pipelines.indicators.catalogue import catalogue, families, family
from neglect_insight.pipelines.indicators.scorecard import Target, rag, targets, travel
from neglect_insight.pipelines.load.database import connect_read_only
from neglect_insight.pipelines.present import figures
from neglect_insight.pipelines.present.cells import (
    Cell,
    Published,
    comparable,
    indicator_cells,
    threshold,
)
from neglect_insight.pipelines.present.colours import (
    BORDER,
    DARK_BLUE,
    HIDDEN,
    LEVEL_COLOURS,
    PANEL,
    RAG_COLOURS,
    SECONDARY_TEXT,
    TEXT,
)
from neglect_insight.pipelines.present.headlines import england_text, levels_trend_finding
from neglect_insight.pipelines.present.labels import LEVEL_TOTAL, LEVELS, TOTAL
from neglect_insight.pipelines.present.numbers import UNIT_NAMES, with_unit
from neglect_insight.pipelines.present.states import (
    NO_COMPARATOR,
    NO_FIGURE,
    NO_FIGURE_NOTE,
    SUPPRESSED_WORDS,
    missing_file_note,
    suppression_note,
)
from neglect_insight.pipelines.present.travel import (
    BETTER_WORDS,
    status_text,
    target_text,
    travel_text,
)

CHART_QUARTERS = 8
HIDDEN_LEVEL = f"Level {SUPPRESSED_WORDS}"


@dataclass(frozen=True)
class Column:
    """The indicators at one period end (None: outside the load), with unavailable families
    and, per indicator, why it shows "Not supplied" or what it leaves out."""

    period_end: date
    cells: dict[str, Cell] | None
    unavailable: dict[str, str]
    notes: dict[str, str] = field(default_factory=dict)


def _raw_values(conn: duckdb.DuckDBPyConnection, end: date, months: int
                ) -> tuple[dict[str, engine.IndicatorValue], dict[str, str]]:
    """Every family's values for the period, and why each family the load cannot show is
    missing (the same sentence the dashboard gives)."""
    missing = figures.missing_files(conn)
    values, unavailable = {}, {}
    for family_id in families():
        cube = figures.family_cube(conn, family_id, end, months, missing)
        if isinstance(cube, str):
            unavailable[family_id] = cube
        else:
            values.update(cube.values())
    return values, unavailable


def _column(conn: duckdb.DuckDBPyConnection, end: date, months: int,
            ends: set[date]) -> Column:
    if end not in ends:
        return Column(end, None, {})
    values, unavailable = _raw_values(conn, end, months)
    notes = {i: missing_file_note(v.reason) if v.reason else v.note
             for i, v in values.items() if v.reason or v.note}
    return Column(end, indicator_cells(values), unavailable, notes)


# --- HTML --------------------------------------------------------------------------------------

_RAG_CSS = "\n".join(f".rag-{rag} {{ background: {background}; color: {text}; }}"
                     for rag, (background, text) in RAG_COLOURS.items())
STYLE = f"""
body {{ font-family: Arial, Helvetica, sans-serif; color: {TEXT}; margin: 2em auto;
  max-width: 75em; padding: 0 1em; line-height: 1.4; }}
h1 {{ font-size: 1.8em; margin-bottom: 0.2em; }}
h2 {{ margin-top: 1.6em; border-bottom: 2px solid {DARK_BLUE}; }}
h3 {{ margin: 1.2em 0 0.3em; }}
.meta {{ color: {SECONDARY_TEXT}; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 0.92em; }}
th, td {{ border-bottom: 1px solid {BORDER}; padding: 0.3em 0.5em; text-align: left;
  vertical-align: top; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
{_RAG_CSS}
.chart {{ display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }}
.note {{ background: {PANEL}; padding: 0.6em 1em; border-left: 5px solid {DARK_BLUE}; }}
dt {{ font-weight: bold; margin-top: 0.8em; }}
dd {{ margin-left: 0; }}
@media print {{ h2 {{ page-break-after: avoid; }} table {{ page-break-inside: auto; }} }}
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


def _scorecard_html(columns: tuple[Column, Column, Column], goals: dict[str, Target],
                    england: dict[str, Published]) -> str:
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
    for family_id in families():
        home = family(family_id)
        parts.append(f"<h3>{_e(home.name)}</h3>")
        if family_id in now.unavailable:
            parts.append(f"<p>{_e(now.unavailable[family_id])}</p>")
            continue
        rows = []
        for i in home.indicator_ids:
            indicator, unit = catalogue()[i], catalogue()[i].unit
            cells = [c.cells.get(i) if c.cells is not None else None for c in columns]
            texts = [with_unit(cell.value, unit) if cell else NO_FIGURE for cell in cells]
            current, _, last_year = (cell.number if cell else None for cell in cells)
            target = goals.get(i)
            status = rag(current, target)
            moved = travel_text(travel(indicator, current, last_year), current, last_year)
            rag_class = f" class=\"rag-{status}\"" if status else ""
            rows.append(
                f"<tr data-indicator=\"{_e(i)}\"><th scope=\"row\">{_e(indicator.short_label)}"
                "</th>"
                + "".join(f"<td class=\"num\">{_e(t)}</td>" for t in texts)
                + f"<td>{_e(moved)}</td>"
                f"<td>{_e(england_text(comparable(england.get(i), unit), unit))}</td>"
                f"<td>{_e(target_text(target, unit))}</td>"
                f"<td{rag_class}>{_e(status_text(status, target))}</td></tr>")
        parts.append(f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>")
        parts.extend(f"<p class=\"meta\">{_e(note)}</p>" for note in dict.fromkeys(
            now.notes[i] for i in home.indicator_ids if i in now.notes))
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
                              f"{_e(LEVELS[i])}, {_e(format_date(end))}: {_e(cells[i].value)}"
                              "</title></rect>")
            if hidden > 0:
                h = hidden * scale
                y -= h
                shapes.append(f"<rect x=\"{x:.1f}\" y=\"{y:.1f}\" width=\"{bar:.1f}\" "
                              f"height=\"{h:.1f}\" fill=\"{HIDDEN}\"><title>{HIDDEN_LEVEL}"
                              "</title></rect>")
            shapes.append(f"<text x=\"{x + bar / 2:.1f}\" y=\"{y - 4:.1f}\" "
                          f"text-anchor=\"middle\" font-size=\"11\">{_e(total.value)}</text>")
        else:
            shapes.append(f"<text x=\"{x + bar / 2:.1f}\" y=\"{y - 4:.1f}\" "
                          f"text-anchor=\"middle\" font-size=\"11\">{_e(total.value)}</text>")
        shapes.append(f"<text x=\"{x + bar / 2:.1f}\" y=\"{height - bottom + 16}\" "
                      f"text-anchor=\"middle\" font-size=\"11\">{_e(quarter_label(end))}</text>")
    axis = (f"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - 5}\" "
            f"y2=\"{height - bottom}\" stroke=\"{SECONDARY_TEXT}\"/>")
    legend = "".join(
        f"<span style=\"margin-right:1em\"><span style=\"display:inline-block;width:0.9em;"
        f"height:0.9em;background:{colour}\"></span> {_e(label)}</span>"
        for colour, label in [*((LEVEL_COLOURS[i], LEVELS[i]) for i in LEVELS),
                              (HIDDEN, HIDDEN_LEVEL)])
    title = levels_trend_finding([(end, cells[LEVEL_TOTAL]) for end, cells in points], months)
    svg = (f"<svg role=\"img\" aria-label=\"{_e(title)}\" viewBox=\"0 0 {width} {height}\" "
           f"width=\"{width}\" height=\"{height}\">{axis}{''.join(shapes)}</svg>")
    head = "".join(f"<th scope=\"col\" class=\"num\">{_e(label)}</th>"
                   for label in (*LEVELS.values(), TOTAL))
    rows = "".join(
        f"<tr><th scope=\"row\">{_e(quarter_label(end))}</th>"
        + "".join(f"<td class=\"num\">{_e(cells[i].value)}</td>" for i in (*LEVELS, LEVEL_TOTAL))
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
    return (f"<p class=\"note\">{_e(suppression_note(threshold()))} Zero is shown. "
            f"{_e(NO_FIGURE_NOTE)}</p>"
            f"<p>Scorecard cells shown as c ({len(hidden)}):</p>{listed}")


def _definitions_html(england: dict[str, Published]) -> str:
    items = []
    for indicator in catalogue().values():
        figure = england.get(indicator.id)
        items.append(
            f"<dt>{_e(indicator.short_label)}</dt><dd>{_e(indicator.label)}. "
            f"{_e(indicator.definition)} <br><span class=\"meta\">"
            f"{_e(UNIT_NAMES[indicator.unit])}. {_e(BETTER_WORDS[indicator.better])}. "
            + (_e(f"England: {england_text(figure, indicator.unit, with_source=True)}.")
               if figure else f"{_e(NO_COMPARATOR)}.")
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
    level_ids = [*LEVELS, LEVEL_TOTAL]
    points = [(end, indicator_cells(engine.compute(conn, end, months, ids=level_ids)))
              for end in chart_ends]
    england = figures.england(conn, period_end)
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
        scorecard=_scorecard_html(columns, goals, england),
        chart=_chart_html(points, months) + "".join(
            f"<p class=\"note\">{_e(columns[0].notes[i])}</p>"
            for i in (LEVEL_TOTAL, *LEVELS) if i in columns[0].notes),
        disclosure=_disclosure_html(columns),
        definitions=_definitions_html(england),
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
