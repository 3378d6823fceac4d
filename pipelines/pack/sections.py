"""One family's story in the pack: its headline measure (the first of the family in the
catalogue's scorecard, else its first), a chart of the partnership's own trend with England,
region, statistical neighbours and its own published figures as markers, the automatic reading
(what it is compared with, and when), the commentary written for the quarter, the definition,
and the family's measures beside their published counterparts.

Like for like only: a measure whose catalogue entry names no published comparator says so
(`NO_COUNTERPART`) and never borrows another's line; a count is set only beside the
partnership's own published count (a national count says nothing about a partnership's).
Figures arrive as `Cell`s, already disclosure-controlled."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from neglect_insight.pipelines.calendar import format_date, quarter_label
from neglect_insight.pipelines.indicators.benchmarks import (
    NO_COUNTERPART,
    Benchmark,
    Partnership,
    Point,
)
from neglect_insight.pipelines.indicators.catalogue import Indicator, catalogue, family
from neglect_insight.pipelines.indicators.catalogue import scorecard_ids as _scorecard_ids
from neglect_insight.pipelines.pack.svg import Series, legend_symbol, trend_chart
from neglect_insight.pipelines.present.cells import Cell, comparable, published
from neglect_insight.pipelines.present.headlines import england_text, reading
from neglect_insight.pipelines.present.labels import without_ids
from neglect_insight.pipelines.present.numbers import AXIS_TITLES, UNIT_NAMES, number, with_unit
from neglect_insight.pipelines.present.states import NO_FIGURE
from neglect_insight.pipelines.present.travel import BETTER_WORDS

COMPARATOR_KINDS = ("partnership", "england", "region", "neighbours")
PUBLISHED_YEARS = 5  # published points drawn: those ending in the 5 years to the period end
NO_COMMENTARY = "No commentary was written for this quarter."
QUARTERS = ("Q1 (30 June)", "Q2 (30 September)", "Q3 (31 December)", "Q4 (31 March)")


@dataclass(frozen=True)
class Story:
    """What the pack says about one featured measure of a family."""

    indicator: Indicator
    trend: tuple[tuple[date, Cell], ...]  # every quarter end to the period end, oldest first
    now: Cell | None
    year_ago: Cell | None
    benchmark: Benchmark | None
    series: Mapping[str, tuple[Point, ...]]


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def headline_id(family_id: str) -> str:
    """The family's headline: its first measure in the catalogue's scorecard, else its first."""
    ids = family(family_id).indicator_ids
    return next((i for i in _scorecard_ids() if i in ids), ids[0])


def featured_ids(family_id: str) -> list[str]:
    """The headline, and when it has no published counterpart, the family's first measure that
    has one, a rate before a count (so each family is set beside England where any of its
    measures can be)."""
    headline = headline_id(family_id)
    if catalogue()[headline].comparator is not None:
        return [headline]
    comparable_ids = [i for i in family(family_id).indicator_ids
                      if catalogue()[i].comparator is not None]
    other = next((i for i in comparable_ids if catalogue()[i].unit != "count"),
                 comparable_ids[0] if comparable_ids else None)
    return [headline] + ([other] if other else [])


def _kind_label(kind: str, who: Partnership) -> str:
    return {"partnership": "Published (ours)", "england": "England",
            "region": who.region_name, "neighbours": "Neighbours"}[kind]


def _kind_heading(kind: str, who: Partnership) -> str:
    return {"partnership": f"{who.name} (published)", "england": "England",
            "region": who.region_name, "neighbours": who.neighbours_label}[kind]


def _point_text(point: Point | None, unit: str) -> str:
    """'21.3% (2024-25)'; why there is no figure; `–` for no point."""
    if point is None:
        return NO_FIGURE
    if point.value is None:
        return f"{point.missing_reason or 'not published'} ({point.period})"
    return f"{with_unit(number(point.value, unit), unit)} ({point.period})"


def _comparable_kinds(unit: str) -> tuple[str, ...]:
    """A count is compared only with the partnership's own published count."""
    return ("partnership",) if unit == "count" else COMPARATOR_KINDS


def _reading(story: Story, who: Partnership, months: int, period_end: date) -> str:
    """'Re-referrals …: 22.0% in the 12 months to 31 March 2025, down from 24.0% a year ago;
    England 22.6% (2024-25); statistical neighbours 21.9% (2024-25)'."""
    indicator, bench = story.indicator, story.benchmark
    england = None
    if bench is not None and bench.england is not None and bench.england.value is not None:
        england = comparable(published(bench.england.value, bench.england.period,
                                       bench.england.source, indicator.unit), indicator.unit)
    text = reading(indicator, story.now, story.year_ago, england)
    if england is not None and (story.now is None or story.now.number is None):
        text += f"; England {england_text(england, indicator.unit)}"  # still said beside c
    shown = with_unit(story.now.value, indicator.unit) if story.now else ""
    if story.now is not None and story.now.number is not None and text.startswith(shown):
        text = (f"{shown} in the {months} months to {format_date(period_end)}"
                f"{text[len(shown):]}")
    if bench is not None and indicator.unit != "count":
        for kind in ("region", "neighbours"):
            point = getattr(bench, kind)
            if point is not None and point.value is not None:
                name = who.region_name if kind == "region" else "statistical neighbours"
                text += f"; {name} {_point_text(point, indicator.unit)}"
    return f"{indicator.short_label}: {text}"


def _window_start(story: Story, period_end: date) -> date:
    """Published years drawn: those ending in the PUBLISHED_YEARS years to the period end, or
    from the load's first quarter end where the load reaches further back."""
    return min([*(end for end, _c in story.trend),
                period_end - timedelta(days=365 * PUBLISHED_YEARS)])


def _chart(story: Story, who: Partnership, period_end: date, reading_text: str) -> str:
    indicator, unit = story.indicator, story.indicator.unit
    ours = Series("ours", "This partnership",
                  tuple((end, c.number, c.value) for end, c in story.trend))
    start = _window_start(story, period_end)
    marks = []
    for kind in _comparable_kinds(unit):
        points = tuple((p.period_end, p.value, f"{_value_text(p, unit)} ({p.period})")
                       for p in story.series.get(kind, ()) if start <= p.period_end <= period_end)
        if points:
            marks.append(Series(kind, _kind_label(kind, who), points))
    desc = (f"{indicator.short_label}: a line of this partnership's figure for the 12 months to "
            f"each quarter end, {len(story.trend)} quarter ends to {format_date(period_end)}"
            + (", with published annual figures as markers: " + ", ".join(
                _kind_heading(s.kind, who) for s in marks) if marks else
               ", with no published figures to compare")
            + ". The figures are in the tables below the chart.")
    empty = None
    if not any(c.number is not None for _end, c in story.trend):
        empty = ("This partnership's figures are not shown (small numbers)"
                 if any(c.suppressed for _end, c in story.trend)
                 else "This partnership has no figures to draw")
    return trend_chart([ours, *marks], reading_text, desc, f"chart-{indicator.id}",
                       AXIS_TITLES[unit], empty)


def _figures_tables(story: Story, who: Partnership, period_end: date) -> str:
    """The chart's figures as tables: the partnership's quarter ends, then published years."""
    unit = story.indicator.unit
    by_year: dict[str, dict[int, Cell]] = {}
    for end, c in story.trend:  # one row per financial year, one column per quarter
        label = quarter_label(end)
        by_year.setdefault(label.split(" ")[1], {})[int(label[1])] = c
    rows = "".join(
        f"<tr><th scope=\"row\">{_e(year)}</th>"
        + "".join(f"<td class=\"num\">{_e(quarters[q].value) if q in quarters else ''}</td>"
                  for q in (1, 2, 3, 4)) + "</tr>" for year, quarters in by_year.items())
    head = "".join(f"<th scope=\"col\" class=\"num\">{_e(name)}</th>" for name in QUARTERS)
    parts = [f"<table class=\"figures\"><caption>{legend_symbol('ours')} This partnership, "
             f"{_e(UNIT_NAMES[unit].lower())} for the 12 months to each quarter end</caption>"
             f"<thead><tr><th scope=\"col\">Financial year</th>{head}</tr></thead>"
             f"<tbody>{rows}</tbody></table>"]
    kinds = [k for k in _comparable_kinds(unit) if story.series.get(k)]
    years: dict[date, dict[str, Point]] = {}
    for kind in kinds:
        for point in story.series[kind]:
            if _window_start(story, period_end) <= point.period_end <= period_end:
                years.setdefault(point.period_end, {})[kind] = point
    if years:
        head = "".join(f"<th scope=\"col\" class=\"num\">{legend_symbol(k)} "
                       f"{_e(_kind_heading(k, who))}</th>" for k in kinds)
        body = "".join(
            f"<tr><th scope=\"row\">{_e(next(iter(found.values())).period)}</th>"
            + "".join(f"<td class=\"num\">{_e(_value_text(found.get(k), unit))}</td>"
                      for k in kinds) + "</tr>"
            for _end, found in sorted(years.items(), reverse=True))
        parts.append(f"<table class=\"figures\"><caption>Published figures, by year</caption>"
                     f"<thead><tr><th scope=\"col\">Year</th>{head}</tr></thead>"
                     f"<tbody>{body}</tbody></table>")
    return f"<div class=\"tables\">{''.join(parts)}</div>"


def _value_text(point: Point | None, unit: str) -> str:
    if point is None:
        return NO_FIGURE
    if point.value is None:
        return point.missing_reason or NO_FIGURE
    return number(point.value, unit)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_text(bench: Benchmark, indicator: Indicator) -> str:
    """'3rd best of 11 (this partnership and its neighbours)'; `–` when not ranked."""
    ours = next((n for n, p in enumerate(bench.ranked, 1) if p.kind == "partnership"), None)
    if ours is None:
        return NO_FIGURE
    word = "lowest" if indicator.better == "neither" else "best"
    return f"{_ordinal(ours)} {word} of {len(bench.ranked)}"


def quartile_text(bench: Benchmark, indicator: Indicator) -> str:
    if bench.quartile is None:
        return NO_FIGURE
    best = "lowest" if indicator.better == "neither" else "best"
    return f"Quartile {bench.quartile} of 4 (1 = {best}), among {bench.la_count} LAs"


def comparison_html(family_id: str, benches: Mapping[str, Benchmark], who: Partnership) -> str:
    """The family's measures beside their published counterparts, each with its year; the
    measures without one named as such."""
    ids = family(family_id).indicator_ids
    rows = []
    for i in ids:
        bench = benches.get(i)
        if bench is None:
            continue
        indicator = catalogue()[i]
        kinds = _comparable_kinds(indicator.unit)
        cells = "".join(
            f"<td>{_e(_point_text(getattr(bench, k), indicator.unit) if k in kinds else 'not compared (a count)')}</td>"  # noqa: E501
            for k in COMPARATOR_KINDS)
        rows.append(f"<tr data-benchmark=\"{_e(i)}\"><th scope=\"row\">"
                    f"{_e(indicator.short_label)}</th>{cells}"
                    f"<td>{_e(rank_text(bench, indicator))}</td>"
                    f"<td>{_e(quartile_text(bench, indicator))}</td></tr>")
        if bench.stale_note:
            rows.append(f"<tr><td colspan=\"7\" class=\"meta\">{_e(bench.stale_note)}</td></tr>")
    without = [catalogue()[i].short_label for i in ids if i not in benches]
    parts = []
    if rows:
        head = "".join(f"<th scope=\"col\">{_e(_kind_heading(k, who))}</th>"
                       for k in COMPARATOR_KINDS)
        parts.append("<table class=\"comparison\"><caption>Published figures for the same "
                     "measures (DfE), each with its year. Figures for several local authorities "
                     "are summed from their counts, never averaged.</caption><thead><tr>"
                     f"<th scope=\"col\">Measure</th>{head}<th scope=\"col\">Rank among "
                     "neighbours</th><th scope=\"col\">Quartile in England</th></tr></thead>"
                     f"<tbody>{''.join(rows)}</tbody></table>")
    if without:
        parts.append(f"<p class=\"meta\">{_e(NO_COUNTERPART)} This applies to: "
                     f"{_e('; '.join(without))}.</p>")
    return "\n".join(parts)


def story_html(story: Story, who: Partnership, months: int, period_end: date,
               headline: bool) -> str:
    """One featured measure: heading, reading, chart, figures, counterpart note, definition."""
    indicator = story.indicator
    text = _reading(story, who, months, period_end)
    note = (story.benchmark.stale_note if story.benchmark else None) or (
        None if story.benchmark else NO_COUNTERPART)
    kind = "Headline" if headline else "Compared with published figures"
    return (f"<div class=\"story\" data-story=\"{_e(indicator.id)}\">"
            f"<h3>{_e(kind)}: {_e(indicator.short_label)}</h3>"
            f"<p class=\"reading\"><strong>{_e(text)}.</strong></p>"
            f"<figure class=\"chart\">{_chart(story, who, period_end, text)}"
            f"<figcaption class=\"meta\">Line: this partnership, {months} months to each quarter "
            "end (this load). Markers: published annual figures for the same measure "
            "(DfE), drawn at the end of their year.</figcaption></figure>"
            + (f"<p class=\"note\">{_e(note)}</p>" if note else "")
            + _figures_tables(story, who, period_end)
            + f"<p class=\"definition\"><strong>Definition.</strong> {_e(indicator.label)}. "
            f"{_e(without_ids(indicator.definition))} {_e(UNIT_NAMES[indicator.unit])}. "
            f"{_e(BETTER_WORDS[indicator.better])}.</p></div>")


def commentary_html(ids: Sequence[str], notes: Mapping[str, object]) -> str:
    """The quarter's commentary for the family's measures (headline first), with who wrote it
    and when; or that none was written."""
    items = []
    for i in ids:
        note = notes.get(i)
        if note is None:
            continue
        items.append(f"<blockquote class=\"commentary\" data-commentary=\"{_e(i)}\">"
                     f"<p><strong>{_e(catalogue()[i].short_label)}.</strong> "
                     f"{_e(note.text)}</p><footer class=\"meta\">Commentary by "
                     f"{_e(note.author)}, {_e(format_date(note.written_at.date()))}"
                     f"{'' if note.version == 1 else f' (version {note.version})'}"
                     "</footer></blockquote>")
    return "".join(items) or f"<p>{_e(NO_COMMENTARY)}</p>"
