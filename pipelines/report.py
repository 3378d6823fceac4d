"""The quarterly board pack (interface.md, `report`): one self-contained, offline HTML file
(charts as inline SVG, no scripts, no network), disclosure-controlled (indicators.md,
"Disclosure control") and written as a board member reads it (STYLE.md, "What a board member
sees"); `--pdf` prints it with Chromium (`pipelines.pack.pdf`).

`write_board_pack(db_path, period_end, out_path, months=12, pdf_path=None)` writes:
- a cover: the partnership (settings, `pipelines.indicators.benchmarks.partnership`), the
  quarter, the date made and the load in words (never its run id);
- a one-page summary: what moved most since the last quarter and since a year ago, RAG counts,
  each target met or not (`pipelines.pack.summary`);
- one section per family, in catalogue order (`pipelines.pack.sections`): the headline measure
  with a chart of the partnership's trend beside England, region, statistical neighbours and
  its own published figures, the automatic reading, the quarter's commentary, the definition,
  the family's measures beside their published counterparts and all its measures now, a quarter
  ago and a year ago with direction of travel, England and target;
- a note on disclosure control listing the cells shown as `c`; a definitions appendix.

Figures, words and colours come from the presentation layer the dashboard uses too
(`pipelines.present`): every count and rate passes through disclosure control with the
deployment's threshold, and each state of a figure has the same phrase as on the pages. All
text is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from pathlib import Path

import duckdb

from neglect_insight.pipelines import commentary
from neglect_insight.pipelines.calendar import (
    format_date,
    month_end,
    period_ending,
    quarter_label,
)
from neglect_insight.pipelines.indicators import benchmarks, engine
from neglect_insight.pipelines.indicators.catalogue import (
    catalogue,
    families,
    family,
    scorecard_ids,
)
from neglect_insight.pipelines.indicators.scorecard import Target, rag, targets, travel
from neglect_insight.pipelines.load.database import connect_read_only, store_dir
from neglect_insight.pipelines.pack import sections
from neglect_insight.pipelines.pack.summary import Line, summary_html
from neglect_insight.pipelines.present import figures
from neglect_insight.pipelines.present.cells import (
    Cell,
    Published,
    comparable,
    indicator_cells,
    threshold,
)
from neglect_insight.pipelines.present.cells import cell as shown_cell
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
from neglect_insight.pipelines.present.labels import (
    LEVEL_TOTAL,
    LEVELS,
    TOTAL,
    load_words,
    without_ids,
)
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
    status_with_symbol,
    target_text,
    travel_text,
)
from neglect_insight.pipelines.settings import load_settings

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


def _css_string(text: str) -> str:
    """Text as a CSS string: quotes and backslashes escaped, '<' as an escape so that nothing in
    it can close the <style> element."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'


def _style(running_head: str) -> str:
    return f"""
body {{ font-family: Arial, Helvetica, sans-serif; color: {TEXT}; background: #ffffff;
  margin: 2em auto; max-width: 62em; padding: 0 1em; line-height: 1.4; }}
h1 {{ font-size: 2em; margin: 0.2em 0; }}
h2 {{ margin-top: 1.6em; border-bottom: 2px solid {DARK_BLUE}; }}
h3 {{ margin: 1.2em 0 0.3em; }}
.meta, figcaption {{ color: {SECONDARY_TEXT}; }}
.kicker {{ font-size: 1.1em; color: {DARK_BLUE}; font-weight: bold; }}
.quarter {{ font-size: 1.4em; }}
.cover {{ border-top: 10px solid {DARK_BLUE}; padding-top: 1em; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 0.9em; }}
caption {{ text-align: left; font-weight: bold; padding: 0.3em 0; }}
th, td {{ border-bottom: 1px solid {BORDER}; padding: 0.3em 0.5em; text-align: left;
  vertical-align: top; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
{_RAG_CSS}
.badge {{ display: inline-block; padding: 0.1em 0.6em; border-radius: 0.3em;
  border: 1px solid {TEXT}; }}
.rag-unassessed, .rag-none {{ background: {PANEL}; color: {TEXT}; }}
.rag-counts {{ list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.8em; }}
.chart {{ margin: 0.5em 0; }}
.chart svg {{ max-width: 100%; height: auto; }}
.levels {{ display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }}
.tables {{ display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }}
.tables table {{ width: auto; }}
.figures th[scope="row"] {{ white-space: nowrap; }}
.note {{ background: {PANEL}; padding: 0.6em 1em; border-left: 5px solid {DARK_BLUE}; }}
.reading {{ font-size: 1.1em; }}
blockquote.commentary {{ margin: 0.5em 0; padding: 0.5em 1em;
  border-left: 5px solid {SECONDARY_TEXT}; background: {PANEL}; }}
dt {{ font-weight: bold; margin-top: 0.8em; }}
dd {{ margin-left: 0; }}
@page {{ size: A4; margin: 16mm 14mm 18mm;
  @top-left {{ content: {_css_string(running_head)}; font-size: 8pt; color: {SECONDARY_TEXT}; }}
  @bottom-center {{ content: "Page " counter(page) " of " counter(pages); font-size: 9pt;
    color: {SECONDARY_TEXT}; }} }}
@media print {{
  body {{ margin: 0; max-width: none; padding: 0; font-size: 10pt; }}
  .summary, .family, .appendix {{ break-before: page; }}
  h2, h3, caption {{ break-after: avoid; }}
  figure, tr, blockquote {{ break-inside: avoid; }}
}}
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
<header class="cover">
<p class="kicker">{kicker}</p>
<h1>{partnership}</h1>
<p class="quarter">{quarter}</p>
<p>{period}</p>
<p>{made}</p>
{demo}
<nav aria-label="Contents"><p><strong>Contents</strong></p><ol>{contents}</ol></nav>
</header>
<main>
<section class="summary" id="summary" aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary: the quarter at a glance</h2>
{summary}
</section>
{families}
<section class="appendix" id="disclosure" aria-labelledby="disclosure-heading">
<h2 id="disclosure-heading">Disclosure control</h2>
{disclosure}
</section>
<section class="appendix" id="definitions" aria-labelledby="definitions-heading">
<h2 id="definitions-heading">Definitions</h2>
{definitions}
</section>
</main>
</body>
</html>
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _family_table(family_id: str, columns: tuple[Column, Column, Column],
                  goals: dict[str, Target], england: dict[str, Published]) -> str:
    """Every measure of the family now, a quarter ago and a year ago, direction of travel on a
    year ago, England, target and status (word and colour)."""
    now, previous, year_ago = columns
    home = family(family_id)
    if family_id in now.unavailable:
        return f"<p>{_e(now.unavailable[family_id])}</p>"
    head = ("<tr><th scope=\"col\">Measure</th>"
            f"<th scope=\"col\" class=\"num\">Now ({_e(quarter_label(now.period_end))})</th>"
            f"<th scope=\"col\" class=\"num\">Previous quarter "
            f"({_e(quarter_label(previous.period_end))})</th>"
            f"<th scope=\"col\" class=\"num\">Same quarter last year "
            f"({_e(quarter_label(year_ago.period_end))})</th>"
            "<th scope=\"col\">Direction of travel on a year ago</th>"
            "<th scope=\"col\">England</th><th scope=\"col\">Target</th>"
            "<th scope=\"col\">Against target</th></tr>")
    rows = []
    for i in home.indicator_ids:
        indicator, unit = catalogue()[i], catalogue()[i].unit
        cells = [c.cells.get(i) if c.cells is not None else None for c in columns]
        texts = [with_unit(c.value, unit) if c else NO_FIGURE for c in cells]
        current, _, last_year = (c.number if c else None for c in cells)
        target = goals.get(i)
        status = rag(current, target, now.period_end)
        moved = travel_text(travel(indicator, current, last_year), current, last_year)
        rag_class = f" class=\"rag-{status}\"" if status else ""
        rows.append(
            f"<tr data-indicator=\"{_e(i)}\"><th scope=\"row\">{_e(indicator.short_label)}"
            "</th>"
            + "".join(f"<td class=\"num\">{_e(t)}</td>" for t in texts)
            + f"<td>{_e(moved)}</td>"
            f"<td>{_e(england_text(comparable(england.get(i), unit), unit))}</td>"
            f"<td>{_e(target_text(target, unit, now.period_end))}</td>"
            f"<td{rag_class}>{_e(status_with_symbol(status, target))}</td></tr>")
    notes = "".join(f"<p class=\"meta\">{_e(note)}</p>" for note in dict.fromkeys(
        now.notes[i] for i in home.indicator_ids if i in now.notes))
    return (f"<table><caption>All measures: {_e(home.name)}</caption><thead>{head}</thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{notes}")


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
    desc = (f"Stacked bars: children with neglect identified at each of the last {len(points)} "
            "quarter ends, by highest level (early help, children in need, child protection); "
            "the figures are in the table beside the chart.")
    svg = (f"<svg role=\"img\" aria-labelledby=\"chart-levels-title chart-levels-desc\" "
           f"viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">"
           f"<title id=\"chart-levels-title\">{_e(title)}</title>"
           f"<desc id=\"chart-levels-desc\">{_e(desc)}</desc>{axis}{''.join(shapes)}</svg>")
    head = "".join(f"<th scope=\"col\" class=\"num\">{_e(label)}</th>"
                   for label in (*LEVELS.values(), TOTAL))
    rows = "".join(
        f"<tr><th scope=\"row\">{_e(quarter_label(end))}</th>"
        + "".join(f"<td class=\"num\">{_e(cells[i].value)}</td>" for i in (*LEVELS, LEVEL_TOTAL))
        + "</tr>" for end, cells in points)
    return (f"<p><strong>{_e(title)}.</strong><br><span class=\"meta\">Children counted at the "
            f"highest level open in each {months}-month period, at the last "
            f"{len(points)} quarter ends.</span></p>"
            f"<div class=\"levels\"><figure>{svg}<figcaption>{legend}</figcaption></figure>"
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
            f"{_e(without_ids(indicator.definition))} <br><span class=\"meta\">"
            f"{_e(UNIT_NAMES[indicator.unit])}. {_e(BETTER_WORDS[indicator.better])}. "
            + (_e(f"England: {england_text(figure, indicator.unit, with_source=True)}.")
               if figure else f"{_e(NO_COMPARATOR)}.")
            + "</span></dd>")
    return f"<dl>{''.join(items)}</dl>"


def _commentary(store: Path | None, period_end: date) -> Mapping[str, commentary.Commentary]:
    """The quarter's latest commentary per measure; none without a store or a readable file
    (the pack is still made, and says no commentary was written)."""
    if store is None:
        return {}
    try:
        return commentary.latest(store, period_end)
    except OSError:
        return {}


def _trend(conn: duckdb.DuckDBPyConnection, ids: list[str], ends: list[date], months: int
           ) -> dict[str, tuple[tuple[date, Cell], ...]]:
    """Each measure at every quarter end, as cells (the engine's figures, disclosure-controlled)."""
    found: dict[str, list[tuple[date, Cell]]] = {i: [] for i in ids}
    for end, value in engine.trend(conn, ids, ends, months):
        found[value.indicator_id].append((end, shown_cell(value)))
    return {i: tuple(points) for i, points in found.items()}


@dataclass(frozen=True)
class _Pack:
    """What every family section reads: who, their benchmarks, the quarter's commentary,
    targets, England's figures, the quarter ends to chart and the levels chart."""

    who: benchmarks.Partnership
    benches: dict[str, benchmarks.Benchmark]
    notes: Mapping[str, commentary.Commentary]
    goals: dict[str, Target]
    england: dict[str, Published]
    trend_ends: list[date]
    levels_chart: str


def _family_section(conn: duckdb.DuckDBPyConnection, family_id: str, period_end: date,
                    months: int, columns: tuple[Column, Column, Column], context: _Pack) -> str:
    """One family: its featured measures' stories, the commentary, the published comparison
    and every measure of the family now, a quarter and a year before."""
    home = family(family_id)
    now, _previous, year_ago = columns
    who, benches = context.who, context.benches
    parts = [f"<section class=\"family\" id=\"family-{_e(family_id)}\" "
             f"aria-labelledby=\"family-{_e(family_id)}-heading\">",
             f"<h2 id=\"family-{_e(family_id)}-heading\">{_e(home.name)}</h2>",
             f"<p>{_e(home.purpose)}</p>"]
    if family_id in now.unavailable:
        parts.append(f"<p class=\"note\">{_e(now.unavailable[family_id])}</p>")
    else:
        ids = sections.featured_ids(family_id)
        trends = _trend(conn, ids, context.trend_ends, months)
        for n, i in enumerate(ids):
            story = sections.Story(
                catalogue()[i], trends[i], now.cells.get(i) if now.cells else None,
                year_ago.cells.get(i) if year_ago.cells else None, benches.get(i),
                benchmarks.series(conn, i, who) if i in benches else {})
            parts.append(sections.story_html(story, who, months, period_end, headline=n == 0))
        if family_id == "prevalence":
            parts.append("<h3>Children with neglect identified, by highest level</h3>"
                         + context.levels_chart)
    parts.append("<h3>Commentary</h3>")
    parts.append(sections.commentary_html(home.indicator_ids, context.notes))
    parts.append("<h3>Beside England, region and statistical neighbours</h3>")
    parts.append(sections.comparison_html(family_id, benches, who))
    parts.append(f"<h3>All measures in {_e(home.name.lower())}</h3>")
    parts.append(_family_table(family_id, columns, context.goals, context.england))
    parts.append("</section>")
    return "\n".join(parts)


def board_pack_html(conn: duckdb.DuckDBPyConnection, period_end: date, months: int = 12,
                    store: Path | None = None, who: benchmarks.Partnership | None = None
                    ) -> str:
    """The board pack for the period as one HTML document (no external resources). `store`:
    the folder beside the loads holding the commentary; `who`: the partnership (default: the
    settings file's, else the demo's)."""
    extract_date, loaded_at = conn.execute(
        "select extract_date, loaded_at from load_info").fetchall()[0]
    if isinstance(extract_date, datetime):
        extract_date = extract_date.date()
    if who is None:
        who = benchmarks.partnership(conn, load_settings().partnership)
    ends = engine.quarter_ends(conn)
    period = period_ending(period_end, months)
    columns = (_column(conn, period_end, months, set(ends)),
               _column(conn, month_end(period_end, -3), months, set(ends)),
               _column(conn, month_end(period_end, -12), months, set(ends)))
    goals, problem = targets()
    england = figures.england(conn, period_end)
    trend_ends = [e for e in ends if e <= period_end]
    level_ids = [*LEVELS, LEVEL_TOTAL]
    points = [(end, indicator_cells(engine.compute(conn, end, months, ids=level_ids)))
              for end in trend_ends[-CHART_QUARTERS:]]
    context = _Pack(
        who, benchmarks.benchmarks(conn, who, period_end), _commentary(store, period_end),
        goals, england, trend_ends,
        _chart_html(points, months) + "".join(
            f"<p class=\"note\">{_e(columns[0].notes[i])}</p>"
            for i in (LEVEL_TOTAL, *LEVELS) if i in columns[0].notes))
    now, previous, year_ago = columns
    lines = [Line(i, (now.cells or {}).get(i), (previous.cells or {}).get(i),
                  (year_ago.cells or {}).get(i)) for i in catalogue()]
    quarter = quarter_label(period_end)
    scope = f"{months} months"
    title = f"{who.name} — board pack, quarter ending {format_date(period_end)}"
    contents = [("summary", "Summary: the quarter at a glance")] + [
        (f"family-{f}", family(f).name) for f in families()] + [
        ("disclosure", "Disclosure control"), ("definitions", "Definitions")]
    demo = ("<p class=\"note\">This is the demonstration partnership: the figures come from "
            "synthetic data and are compared with the published figures of "
            f"{_e(', '.join(who.la_names))}. Name the partnership and its local authorities "
            "in the settings file (see the README, \"Settings\").</p>") if who.demo else ""
    return PAGE.format(
        title=_e(title),
        style=_style(f"{who.name} — board pack, {quarter}"),
        kicker=_e(f"Neglect Insight — board pack, {quarter}"),
        partnership=_e(who.name),
        quarter=_e(f"Quarter ending {format_date(period_end)}"),
        period=_e(f"Figures for the {scope} to each quarter end; this quarter: {period.label}. "
                  "Each figure is compared with the same quarter a year before, and with "
                  "published figures for England, the region and statistical neighbours "
                  "where the same measure is published."),
        made=_e(f"Made {format_date(date.today())}, from {load_words(extract_date, loaded_at)}."),
        demo=demo,
        contents="".join(f"<li><a href=\"#{_e(anchor)}\">{_e(text)}</a></li>"
                         for anchor, text in contents),
        summary=summary_html(lines, scorecard_ids(), goals, problem, period_end),
        families="\n".join(_family_section(conn, f, period_end, months, columns, context)
                           for f in families()),
        disclosure=_disclosure_html(columns),
        definitions=_definitions_html(england),
    )


def write_board_pack(db_path: Path, period_end: date, out_path: Path, months: int = 12,
                     pdf_path: Path | None = None) -> Path:
    """Write the board pack for the load at db_path (and print it to `pdf_path` when given);
    raises FileNotFoundError before any load (connect_read_only's message says what to do) and
    `pipelines.pack.pdf.PdfError` when the PDF cannot be printed (the HTML is written first)."""
    db_path = Path(db_path)
    with connect_read_only(db_path) as conn:
        html = board_pack_html(conn, period_end, months, store=store_dir(db_path))
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(html, encoding="utf-8")
    if pdf_path is not None:
        from neglect_insight.pipelines.pack.pdf import print_pdf

        print_pdf(out_path, Path(pdf_path))
    return out_path
