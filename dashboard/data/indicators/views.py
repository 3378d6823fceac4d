"""What the user chose (`Selection`) and what a visual shows (`View`, `Scorecard`, `Method`),
plus the cache keys every reader shares. A view's rows hold `present.cells.Cell`s: the figures
as the board may see them, ready for a component to draw."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import NamedTuple

import pandas as pd
import streamlit as st

from neglect_insight.dashboard.data import Load
from neglect_insight.pipelines.calendar import format_date, month_end, period_ending, quarter_label
from neglect_insight.pipelines.indicators import engine
from neglect_insight.pipelines.indicators.catalogue import Indicator, catalogue
from neglect_insight.pipelines.indicators.scorecard import Target
from neglect_insight.pipelines.present.cells import Cell, Published
from neglect_insight.pipelines.present.labels import code_label, load_words
from neglect_insight.pipelines.present.states import SUPPRESSED


def safe_name(text: str) -> str:
    """Letters, digits and single hyphens only: 'North East' -> 'North-East'."""
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or "blank"


@dataclass(frozen=True)
class Selection:
    """The global filters: a period and, optionally, a part of the population."""

    period_end: date
    months: int = 12
    filters: tuple[tuple[str, str], ...] = ()  # (dimension, value), in DIMENSIONS order

    @property
    def period_text(self) -> str:
        period = period_ending(self.period_end, self.months)
        if self.months == 3:
            return f"{quarter_label(self.period_end)} ({period.label})"
        return f"12 months to {format_date(self.period_end)} ({period.label})"

    @property
    def filter_map(self) -> dict[str, str]:
        """The filters as engine.compute takes them."""
        return dict(self.filters)

    @property
    def population_text(self) -> str:
        if not self.filters:
            return "All children"
        return "; ".join(f"{engine.DIMENSIONS[d]}: {code_label(d, v)}" for d, v in self.filters)

    @property
    def file_tag(self) -> str:
        """The period and filters for a file name, in safe characters only:
        '12m-to-2025-03-31', '3m-to-2025-03-31_sex-F_locality-North-East'."""
        parts = [f"{self.months}m-to-{self.period_end.isoformat()}"]
        parts += [f"{safe_name(d)}-{safe_name(v)}" for d, v in self.filters]
        return "_".join(parts)

    def moved(self, months: int) -> Selection:
        """The same selection with the period end `months` later (earlier when negative)."""
        return Selection(month_end(self.period_end, months), self.months, self.filters)


# View.rows columns: a Cell plus what the row is. `reference` marks comparison rows (England,
# all pupils, a total) drawn as reference marks rather than as our own series.
ROW_COLUMNS = ("indicator_id", "period_end", "category", "series", "value", "numerator",
               "denominator", "number", "reference")


def _subtitle(period_text: str, sel: Selection, load: Load) -> str:
    """'12 months to 31 March 2025 (...). All children. Data extracted 31 March 2025, loaded 30
    November 2026.': the load in words, never its run id."""
    words = load_words(load.extract_date, load.loaded_at)
    return f"{period_text}. {sel.population_text}. {words[0].upper()}{words[1:]}."


@dataclass(frozen=True)
class View:
    """What one visual shows: disclosure-controlled rows and what to say beneath them."""

    indicator_ids: tuple[str, ...]
    selection: Selection
    load: Load
    rows: pd.DataFrame
    name: str = ""  # what the visual shows, in a few words (a tab label or fallback heading)
    category_name: str = "Measure"  # plain-English header of the category column
    series_name: str = "Figures for"  # and of the series column
    period_text: str = ""  # instead of the selection's period (academic years, trends)
    unavailable: str | None = None
    notes: tuple[str, ...] = ()
    england: dict[str, Published] = field(default_factory=dict)  # comparable published figures

    @property
    def suppressed(self) -> bool:
        cells = self.rows[["value", "numerator", "denominator"]]
        return bool(cells.isin([SUPPRESSED]).to_numpy().any())

    @property
    def indicators(self) -> list[Indicator]:
        return [catalogue()[i] for i in self.indicator_ids]

    @property
    def subtitle(self) -> str:
        return _subtitle(self.period_text or self.selection.period_text, self.selection,
                         self.load)


def row(indicator_id: str, period_end: date | None, category: str, series: str, cell: Cell,
        reference: bool = False) -> dict:
    """One row of View.rows."""
    return dict(indicator_id=indicator_id, period_end=period_end, category=category,
                series=series, reference=reference, **cell._asdict())


def families_of(ids: Iterable[str]) -> list[str]:
    """The families of `ids`, in the order first met."""
    return list(dict.fromkeys(catalogue()[i].family for i in ids))


def view(ids: Sequence[str], sel: Selection, load: Load, rows: list[dict],
         reasons: dict[str, str], notes: Iterable[str] = (), **kwargs) -> View:
    """A View; unavailable when no family of `ids` is, else a note per missing family."""
    frame = pd.DataFrame(rows, columns=list(ROW_COLUMNS)).astype(object)
    said = tuple(dict.fromkeys(reasons.values()))
    everything_missing = bool(reasons) and len(reasons) >= len(families_of(ids))
    return View(tuple(ids), sel, load, frame,
                unavailable=" ".join(said) if everything_missing else None,
                notes=tuple(notes) + (() if everything_missing else said), **kwargs)


class ScoreLine(NamedTuple):
    indicator_id: str
    current: Cell | None
    previous: Cell | None
    last_year: Cell | None
    travel: str | None  # better | worse | up | down | same (neither direction is better)
    target: Target | None
    rag: str | None  # green | amber | red
    unavailable: str | None
    england: Published | None = None


@dataclass(frozen=True)
class Scorecard:
    lines: tuple[ScoreLine, ...]
    selection: Selection
    load: Load
    previous_end: date | None
    last_year_end: date | None
    targets_problem: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def suppressed(self) -> bool:
        return any(cell.suppressed for line in self.lines
                   for cell in (line.current, line.previous, line.last_year) if cell)

    @property
    def subtitle(self) -> str:
        return _subtitle(self.selection.period_text, self.selection, self.load)


class Method(NamedTuple):
    """One indicator on the Methodology page, every field in words."""

    indicator_id: str
    family: str
    label: str
    short_label: str
    unit: str
    better: str
    definition: str
    sources: str
    caveats: tuple[str, ...]
    england: str


# st.cache_* keys: a load by its run id and file, a selection by its values (cheap to hash).
HASH_FUNCS = {
    Load: lambda load: (load.run_id, str(load.file)),
    Selection: lambda sel: (sel.period_end.isoformat(), sel.months, sel.filters),
}
cached = partial(st.cache_data, show_spinner=False, max_entries=2000, hash_funcs=HASH_FUNCS)
