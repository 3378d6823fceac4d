"""Hand-written inline SVG for the board pack: a trend line of the partnership's own figures with
published comparators as markers, each series labelled directly at its end in a margin to the
right of the data (labels nudged apart, never on the data or on each other). No scripts, no
fonts, no network: the pack must open offline and print the same.

Every chart carries a <title> and <desc> (its finding and what it shows); the pack sets the
same figures beside it as a table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from neglect_insight.pipelines.present.colours import (
    BORDER,
    DARK_BLUE,
    DARK_GREY,
    DARK_PINK,
    ORANGE,
    SECONDARY_TEXT,
    TEXT,
)

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 480, 16, 260  # the plot area; labels sit right of RIGHT
LABEL_X = RIGHT + 36
CHAR_WIDTH = 6.3  # the widest average width of an 11px Arial character, for the chart's width
LABEL_GAP = 14.0  # the least distance between two labels' baselines (11px text)
MAX_TICK_LABELS = 5  # 'Mar 2025' is about 50px wide; the plot is 424px

# Series colours (each at least 3:1 against white, WCAG 1.4.11) and marker shapes, so that no
# series is told apart by colour alone.
STYLES = {
    "ours": (DARK_BLUE, "line"),
    "partnership": (DARK_BLUE, "circle"),
    "england": (DARK_GREY, "square"),
    "region": (DARK_PINK, "diamond"),
    "neighbours": (ORANGE, "triangle"),
}


@dataclass(frozen=True)
class Series:
    """One series: `kind` is "ours" (the line of the partnership's own quarter-end figures) or a
    published comparator kind; points are (date, number to draw or None, text shown)."""

    kind: str
    label: str
    points: tuple[tuple[date, float | None, str], ...]


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def nudge(wanted: Sequence[float], gap: float, low: float, high: float) -> list[float]:
    """Positions as close as possible to `wanted`, each at least `gap` from the next and all
    within [low, high] when they fit (order kept): a forward pass pushes down, a backward pass
    pulls back inside the bottom edge, a last forward pass keeps the top edge."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    ys = [min(max(wanted[i], low), high) for i in order]
    for n in range(1, len(ys)):
        ys[n] = max(ys[n], ys[n - 1] + gap)
    if ys and ys[-1] > high:
        ys[-1] = high
        for n in range(len(ys) - 2, -1, -1):
            ys[n] = min(ys[n], ys[n + 1] - gap)
    if ys and ys[0] < low:  # more labels than fit: keep the gap, run past the bottom edge
        ys[0] = low
        for n in range(1, len(ys)):
            ys[n] = max(ys[n], ys[n - 1] + gap)
    out = [0.0] * len(ys)
    for position, i in zip(ys, order, strict=True):
        out[i] = position
    return out


def _nice_step(peak: float, ticks: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) so that `ticks` steps reach `peak`."""
    if peak <= 0:
        return 0.25
    raw = peak / ticks
    power = 10.0 ** math.floor(math.log10(raw))
    return next(power * m for m in (1, 2, 2.5, 5, 10) if power * m >= raw)


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "circle":
        return (f"<circle cx=\"{x:.1f}\" cy=\"{y:.1f}\" r=\"4.5\" fill=\"#ffffff\" "
                f"stroke=\"{colour}\" stroke-width=\"2\"/>")
    if shape == "square":
        return (f"<rect x=\"{x - 4:.1f}\" y=\"{y - 4:.1f}\" width=\"8\" height=\"8\" "
                f"fill=\"{colour}\"/>")
    if shape == "diamond":
        return (f"<path d=\"M{x:.1f} {y - 5.5:.1f}L{x + 5.5:.1f} {y:.1f}L{x:.1f} {y + 5.5:.1f}"
                f"L{x - 5.5:.1f} {y:.1f}Z\" fill=\"{colour}\"/>")
    if shape == "triangle":
        return (f"<path d=\"M{x:.1f} {y - 5.5:.1f}L{x + 5.5:.1f} {y + 4.5:.1f}"
                f"L{x - 5.5:.1f} {y + 4.5:.1f}Z\" fill=\"{colour}\"/>")
    return f"<circle cx=\"{x:.1f}\" cy=\"{y:.1f}\" r=\"2.5\" fill=\"{colour}\"/>"


def _march_ends(first: date, last: date) -> list[date]:
    return [date(year, 3, 31) for year in range(first.year, last.year + 1)
            if first <= date(year, 3, 31) <= last]


def trend_chart(series: Sequence[Series], title: str, desc: str, chart_id: str,
                axis_title: str, empty: str | None = None) -> str:
    """The chart as an inline <svg>: "ours" drawn as a line (broken where a figure is not
    shown), every other series as markers; each series labelled at its last drawn point.
    `empty`: a sentence written across the plot when the line has nothing to draw."""
    drawn = [(s, [(d, n, t) for d, n, t in s.points if n is not None]) for s in series]
    dates = [d for s in series for d, _n, _t in s.points]
    numbers = [n for _s, pts in drawn for _d, n, _t in pts]
    parts: list[str] = []
    if not dates:
        dates = [date.today()]
    first, last = min(dates), max(dates)
    span = max((last - first).days, 1)
    step = _nice_step(max(numbers, default=0.0))
    top = step * max(1, math.ceil(max(numbers, default=0.0) / step - 1e-9))

    def x_of(d: date) -> float:
        if first == last:
            return (LEFT + RIGHT) / 2
        return LEFT + 8 + (d - first).days / span * (RIGHT - LEFT - 16)

    def y_of(n: float) -> float:
        return BOTTOM - n / top * (BOTTOM - TOP)

    decimals = 0 if step == int(step) else (1 if step * 10 == int(step * 10) else 2)
    for k in range(round(top / step) + 1 if numbers else 1):  # gridlines, value labels
        value = step * k
        y = y_of(value)
        parts.append(f"<line x1=\"{LEFT}\" y1=\"{y:.1f}\" x2=\"{RIGHT}\" y2=\"{y:.1f}\" "
                     f"stroke=\"{BORDER}\" stroke-width=\"{1 if k else 1.5}\"/>"
                     f"<text x=\"{LEFT - 6}\" y=\"{y + 4:.1f}\" text-anchor=\"end\" "
                     f"font-size=\"11\" fill=\"{SECONDARY_TEXT}\">{value:,.{decimals}f}</text>")
    ticks = _march_ends(first, last) or [first, last]
    every = math.ceil(len(ticks) / MAX_TICK_LABELS)  # labels never run into each other
    for n, d in enumerate(reversed(ticks)):  # a tick per 31 March: financial years end there
        x = x_of(d)
        parts.append(f"<line x1=\"{x:.1f}\" y1=\"{BOTTOM}\" x2=\"{x:.1f}\" y2=\"{BOTTOM + 4}\" "
                     f"stroke=\"{SECONDARY_TEXT}\"/>")
        if n % every == 0:
            parts.append(f"<text x=\"{x:.1f}\" y=\"{BOTTOM + 17}\" text-anchor=\"middle\" "
                         f"font-size=\"11\" fill=\"{SECONDARY_TEXT}\">"
                         f"{_e(d.strftime('%b %Y'))}</text>")
    parts.append(f"<text x=\"{LEFT}\" y=\"{BOTTOM + 34}\" font-size=\"11\" "
                 f"fill=\"{SECONDARY_TEXT}\">{_e(axis_title)}</text>")
    ends: list[tuple[float, float, str, str]] = []  # (x, y) of the last drawn point, label, colour
    for s, pts in drawn:
        colour, shape = STYLES.get(s.kind, (TEXT, "dot"))
        if s.kind == "ours":
            runs: list[list[str]] = [[]]
            for d, n, _t in s.points:  # a figure not shown breaks the line
                if n is None:
                    runs.append([])
                else:
                    runs[-1].append(f"{x_of(d):.1f} {y_of(n):.1f}")
            parts.extend(f"<path d=\"M{' L'.join(run)}\" fill=\"none\" stroke=\"{colour}\" "
                         "stroke-width=\"2.5\"/>" for run in runs if len(run) > 1)
        for d, n, t in pts:
            x, y = x_of(d), y_of(n)
            parts.append(f"<g>{_marker(shape, x, y, colour)}<title>{_e(s.label)}, "
                         f"{_e(t)}</title></g>")
        if pts:
            d, n, t = pts[-1]
            ends.append((x_of(d), y_of(n), f"{s.label}: {t}", colour))
    if empty:
        parts.append(f"<text x=\"{(LEFT + RIGHT) / 2:.1f}\" y=\"{BOTTOM - 12}\" "
                     f"text-anchor=\"middle\" font-size=\"12\" fill=\"{TEXT}\">"
                     f"{_e(empty)}</text>")
    ys = nudge([y for _x, y, _l, _c in ends], LABEL_GAP, TOP + 4, HEIGHT - 8)
    for (x, y, label, colour), placed in zip(ends, ys, strict=True):
        parts.append(f"<path d=\"M{x + 6:.1f} {y:.1f}L{LABEL_X - 4} {placed:.1f}\" "
                     f"stroke=\"{colour}\" stroke-width=\"1\" fill=\"none\"/>"
                     f"<text x=\"{LABEL_X}\" y=\"{placed + 4:.1f}\" font-size=\"11\" "
                     f"fill=\"{TEXT}\">{_e(label)}</text>")
    width = max(WIDTH, math.ceil(LABEL_X + max((len(label) for _x, _y, label, _c in ends),
                                               default=0) * CHAR_WIDTH + 8))
    return (f"<svg role=\"img\" "
            f"aria-labelledby=\"{chart_id}-title {chart_id}-desc\" "
            f"viewBox=\"0 0 {width} {HEIGHT + 10}\" width=\"{width}\" height=\"{HEIGHT + 10}\">"
            f"<title id=\"{chart_id}-title\">{_e(title)}</title>"
            f"<desc id=\"{chart_id}-desc\">{_e(desc)}</desc>"
            f"<rect width=\"{width}\" height=\"{HEIGHT + 10}\" fill=\"#ffffff\"/>"
            f"{''.join(parts)}</svg>")


def legend_symbol(kind: str) -> str:
    """A small inline SVG of the series' marker, for the table beside the chart."""
    colour, shape = STYLES.get(kind, (TEXT, "dot"))
    inner = (f"<path d=\"M1 7L17 7\" stroke=\"{colour}\" stroke-width=\"2.5\"/>"
             if shape == "line" else _marker(shape, 9, 7, colour))
    return (f"<svg aria-hidden=\"true\" width=\"18\" height=\"14\" viewBox=\"0 0 18 14\">"
            f"{inner}</svg>")

