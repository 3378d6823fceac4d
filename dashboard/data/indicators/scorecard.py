"""Scorecard reader (Strategy): the headline measures now, a quarter before and a year before,
direction of travel on a year ago, England and RAG against the partnership's targets (the
quarter's trajectory value where one is set), and each measure's recent trend for the cards'
small lines. The rules are `pipelines.indicators.scorecard`, shared with the board pack."""

from __future__ import annotations

from datetime import date

from neglect_insight.dashboard.data import Load
from neglect_insight.dashboard.data.indicators.cubes import period_ends, values
from neglect_insight.dashboard.data.indicators.notes import (
    attendance_notes,
    rate_notes,
    value_notes,
)
from neglect_insight.dashboard.data.indicators.prefetch import earlier, prefetch
from neglect_insight.dashboard.data.indicators.trends import trend
from neglect_insight.dashboard.data.indicators.values import comparisons
from neglect_insight.dashboard.data.indicators.views import (
    Scorecard,
    ScoreLine,
    Selection,
    cached,
    families_of,
)
from neglect_insight.pipelines.indicators.catalogue import catalogue, scorecard_ids
from neglect_insight.pipelines.indicators.scorecard import rag, targets, travel
from neglect_insight.pipelines.present.cells import cell


@cached()
def _score_values(load: Load, sel: Selection) -> tuple[dict, dict, dict, dict, date | None,
                                                       date | None]:
    ends = period_ends(load)
    ids = scorecard_ids()
    previous, last_year = sel.moved(-3), sel.moved(-12)
    other = 3 if sel.months == 12 else 12
    prefetch(load, families_of(ids), [
        *((s.period_end, other) for s in (sel, previous, last_year)),
        *((end, sel.months) for end in earlier(load, last_year.period_end))])
    now, reasons = values(load, sel, ids)
    before = values(load, previous, ids)[0] if previous.period_end in ends else {}
    year_ago = values(load, last_year, ids)[0] if last_year.period_end in ends else {}
    return (now, before, year_ago, reasons,
            previous.period_end if previous.period_end in ends else None,
            last_year.period_end if last_year.period_end in ends else None)


def scorecard(load: Load, sel: Selection) -> Scorecard:
    """The headline measures now, a quarter before and a year before; the direction of travel
    over the year (better or worse, knowing which way is good); RAG against the targets."""
    now, before, year_ago, reasons, previous_end, last_year_end = _score_values(load, sel)
    ids = scorecard_ids()
    goals, problem = targets()
    published = comparisons(load, sel, ids)
    lines = []
    for i in ids:
        indicator = catalogue()[i]
        current = cell(now[i]) if i in now else None
        last_year = cell(year_ago[i]) if i in year_ago else None
        lines.append(ScoreLine(
            i, current, cell(before[i]) if i in before else None, last_year,
            travel(indicator, current and current.number, last_year and last_year.number),
            goals.get(i), rag(current and current.number, goals.get(i), sel.period_end),
            reasons.get(indicator.family), published.get(i)))
    notes = value_notes(now) + rate_notes(load, sel, ids) + attendance_notes(sel, ids)
    if previous_end is None or last_year_end is None:
        notes += ("Earlier periods outside this load are left blank.",)
    return Scorecard(tuple(lines), sel, load, previous_end, last_year_end, problem, notes)


SPARK_QUARTERS = 8  # points on a card's small trend line


def scorecard_trends(load: Load, sel: Selection) -> dict[str, tuple[tuple[str, float | None],
                                                                     ...]]:
    """Each headline measure at the last SPARK_QUARTERS quarter ends up to the selected one
    (from the trend reader): {indicator_id: ((quarter label, drawn number or None), ...)}. A
    figure suppressed or missing is None, never 0."""
    ids = scorecard_ids()
    rows = trend(load, sel, ids).rows
    ours = rows[~rows["reference"].astype(bool)]
    out: dict[str, tuple[tuple[str, float | None], ...]] = {}
    for i in ids:
        points = ours[ours["indicator_id"] == i]
        out[i] = tuple((str(label), None if number is None or number != number else
                        float(number))
                       for label, number in zip(points["category"], points["number"],
                                                strict=True))[-SPARK_QUARTERS:]
    return out
