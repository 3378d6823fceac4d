"""Raw engine values -> what the board may see: one `Cell` per figure, made by the disclosure
rules (`pipelines.indicators.disclosure`) with the deployment's threshold (`[disclosure]
threshold` in the settings file). The dashboard's views, its CSV downloads and the board pack
all hold these cells, so a figure hidden in one is hidden in all. A value the load cannot give
(its optional file not supplied: `IndicatorValue.reason`) is the `NOT_SUPPLIED` cell, never 0."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import NamedTuple

from neglect_insight.pipelines.indicators import disclosure
from neglect_insight.pipelines.indicators.engine import IndicatorValue
from neglect_insight.pipelines.present.labels import LEVEL_IDS, LEVEL_TOTAL
from neglect_insight.pipelines.present.numbers import number
from neglect_insight.pipelines.present.states import NO_FIGURE, NOT_SUPPLIED, SUPPRESSED
from neglect_insight.pipelines.settings import load_settings, settings_path


class Cell(NamedTuple):
    """One figure as the board may see it: display text ("1,234", "19.0%", `c` suppressed,
    `–` none) for the value and the counts behind it, and the number to draw (None when
    suppressed or missing)."""

    value: str
    numerator: str
    denominator: str
    number: float | None

    @property
    def suppressed(self) -> bool:
        return SUPPRESSED in (self.value, self.numerator, self.denominator)


NOT_SUPPLIED_CELL = Cell(NOT_SUPPLIED, NO_FIGURE, NO_FIGURE, None)


def threshold() -> int:
    """The disclosure threshold of this deployment (settings file; default 5), read again
    only when the file changes."""
    path = settings_path()
    return _threshold(path, path.stat().st_mtime_ns if path else None)


@cache
def _threshold(path: Path | None, _version: int | None) -> int:
    return load_settings(path).disclosure.threshold


def from_shown(shown: disclosure.Shown, raw: IndicatorValue) -> Cell:
    """A `disclosure.Shown` as a cell, with the raw number when it may be drawn."""
    drawn = None
    if not shown.suppressed and shown.value not in (SUPPRESSED, NO_FIGURE):
        drawn = raw.value
    return Cell(shown.value, shown.numerator, shown.denominator, drawn)


def cell(value: IndicatorValue, unit: str | None = None) -> Cell:
    """One value (counts from 1 to the threshold, and rates built on them, as `c`); `unit`
    defaults to the catalogue's."""
    if value.reason:
        return NOT_SUPPLIED_CELL
    return from_shown(disclosure.suppress_value(value, threshold(), unit=unit), value)


def parts_cells(parts: Sequence[tuple[str, IndicatorValue]], total: IndicatorValue
                ) -> tuple[dict[str, Cell], Cell]:
    """Parts of a whole and the whole: small counts suppressed, and a further cell where the
    total would reveal them (secondary suppression). A part not supplied is no part of the
    sum, so it neither hides nor reveals another."""
    if total.reason:
        return {part: NOT_SUPPLIED_CELL for part, _value in parts}, NOT_SUPPLIED_CELL
    supplied = [(part, value) for part, value in parts if not value.reason]
    shown_parts, shown_total = disclosure.suppress_breakdown(supplied, total, threshold())
    raw = dict(supplied)
    shown = {part: from_shown(cell, raw[part]) for part, cell in shown_parts}
    return ({part: shown.get(part, NOT_SUPPLIED_CELL) for part, _value in parts},
            from_shown(shown_total, total))


def indicator_cells(values: Mapping[str, IndicatorValue]) -> dict[str, Cell]:
    """Every value of an engine result as a cell, with secondary suppression for the neglect
    levels (early help, children in need, child protection), which add up to their total."""
    cells = {i: cell(v) for i, v in values.items()}
    if LEVEL_TOTAL in values and all(i in values for i in LEVEL_IDS):
        parts, total = parts_cells([(i, values[i]) for i in LEVEL_IDS], values[LEVEL_TOTAL])
        cells |= parts | {LEVEL_TOTAL: total}
    return cells


def count_cells(counts: Sequence[int], hidden: Sequence[bool]) -> list[Cell]:
    """Counts whose hiding was decided elsewhere (journey links: `disclosure.hidden_links`)."""
    return [Cell(SUPPRESSED, SUPPRESSED, NO_FIGURE, None) if hide else
            Cell(f"{n:,}", f"{n:,}", NO_FIGURE, n) for n, hide in zip(counts, hidden, strict=True)]


class Published(NamedTuple):
    """A published figure (England's), written as ours are, with its period and source."""

    cell: Cell
    period: str  # "2024-25", "31 March 2025"
    source: str  # "DfE, Children in need 2025"


def published(value: float | None, period: str, source: str, unit: str) -> Published | None:
    """A published figure as a cell (no counts behind it); None when it was not published."""
    if value is None:
        return None
    return Published(Cell(number(value, unit), NO_FIGURE, NO_FIGURE, value), period, source)


def comparable(figure: Published | None, unit: str) -> Published | None:
    """The published figure to set beside ours: none for a count, as a national count says
    nothing about a partnership's."""
    return None if unit == "count" else figure
