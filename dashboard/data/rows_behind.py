"""Readers for the "Rows behind a number" page (Quality, QA users and administrators only): an
indicator's raw figures and the records behind them, by pseudonym.

Both come from `pipelines.indicators.engine` for the same load, period and filters as the
board pages: `figures` is the unsuppressed value the board figure is made from, and `rows`
lists `engine.rows_behind` (the family SQL's records) in plain English. Results are cached by
load (run id, file) and parameters. Nothing here is disclosure-controlled: the page calls
them only after `page.start(..., role="qa")` has let the viewer in (dashboard/data/access.py).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from neglect_insight.dashboard.data import Load
from neglect_insight.dashboard.data import cursor as _cursor
from neglect_insight.dashboard.data.indicators.cubes import values as _values
from neglect_insight.dashboard.data.indicators.views import Selection, cached
from neglect_insight.pipelines.indicators import engine
from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.present.labels import code_label
from neglect_insight.pipelines.present.numbers import number, with_unit

NOT_APPLICABLE = "Not applicable"  # a count has no denominator

# engine.rows_behind column -> header on the page and in the CSV.
COLUMNS = {
    "record_id": "Record",
    "child_id": "Child (pseudonym)",
    "numerator": "Counted in numerator",
    "denominator": "In denominator",
    **engine.DIMENSIONS,
}


def indicator_choices() -> dict[str, str]:
    """indicator id -> short label, in catalogue order (for the page's selectbox)."""
    return {i: indicator.short_label for i, indicator in catalogue().items()}


class Figures(NamedTuple):
    """An indicator's raw figures as text; `unavailable` says why there are none."""

    numerator: str
    denominator: str
    value: str
    unavailable: str | None = None


@cached()
def figures(load: Load, sel: Selection, indicator_id: str) -> Figures:
    """The raw (unsuppressed) numerator, denominator and value of one indicator."""
    values, reasons = _values(load, sel, (indicator_id,))
    if indicator_id not in values:
        reason = next(iter(reasons.values()), "the figure is not available in this load.")
        return Figures("–", "–", "–", reason)
    raw = values[indicator_id]
    unit = catalogue()[indicator_id].unit
    value = "–" if raw.value is None else with_unit(number(raw.value, unit), unit)
    return Figures(f"{raw.numerator:,}",
                   NOT_APPLICABLE if raw.denominator is None else f"{raw.denominator:,}",
                   value)


def _yes_no_or_numbers(column: pd.Series) -> pd.Series:
    """Yes/No when every row counts 0 or 1 (a unit row), else the numbers; blank -> Not
    applicable."""
    present = column.dropna()
    if present.isin([0, 1]).all():
        return column.map(lambda v: NOT_APPLICABLE if pd.isna(v) else ("Yes" if v else "No"))
    return column.map(lambda v: NOT_APPLICABLE if pd.isna(v) else f"{v:,}")


@cached()
def rows(load: Load, sel: Selection, indicator_id: str) -> pd.DataFrame:
    """The records behind the indicator for the selection, one row per record, with the
    child's pseudonym and breakdown characteristics; numerator rows first."""
    found = engine.rows_behind(_cursor(load), indicator_id, sel.period_end, sel.months,
                               sel.filter_map).to_pandas()
    table = pd.DataFrame({header: found[column] for column, header in COLUMNS.items()})
    for column in ("numerator", "denominator"):
        table[COLUMNS[column]] = _yes_no_or_numbers(found[column])
    for column in ("sex", "ethnicity_group"):
        table[COLUMNS[column]] = found[column].map(lambda v, d=column: code_label(d, v))
    return table.fillna("").astype(str).reset_index(drop=True)
