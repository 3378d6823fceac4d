"""Sentences that state a finding, for chart titles on the pages and in the pack ("Re-referrals
within 12 months fell to 19.0% — below England's 22.6%"), and England's figure in words. Values
arrive as the board may see them (a `Cell`'s text and drawn number), so a sentence never
reveals a suppressed figure."""

from __future__ import annotations

from datetime import date

from neglect_insight.pipelines.calendar import format_date
from neglect_insight.pipelines.indicators.catalogue import Indicator
from neglect_insight.pipelines.present.cells import Cell, Published
from neglect_insight.pipelines.present.numbers import with_unit
from neglect_insight.pipelines.present.states import (
    NO_FIGURE,
    NO_FIGURE_WORDS,
    SUPPRESSED,
    SUPPRESSED_WORDS,
)


def england_text(england: Published | None, unit: str, with_source: bool = False) -> str:
    """England's figure with its period: '22.6% (2024-25)', '40.6 per 10,000 children (31 March
    2025; DfE, Children in need 2025)' `with_source`; `–` when there is none."""
    if england is None:
        return NO_FIGURE
    source = f"; {england.source}" if with_source else ""
    return f"{with_unit(england.cell.value, unit)} ({england.period}{source})"


def versus_england(number: float | None, england: Published | None) -> str:
    """' — below England's 22.6%' (empty without both figures)."""
    if number is None or england is None:
        return ""
    theirs, written = england.cell.number, england.cell.value
    if number == theirs:
        return f" — the same as England's {written}"
    return f" — {'above' if number > theirs else 'below'} England's {written}"


def _missing(text: str) -> str:
    return SUPPRESSED_WORDS if text == SUPPRESSED else NO_FIGURE_WORDS


def _movement(now: float, before: float) -> str:
    return "rose to" if now > before else "fell to" if now < before else "stayed at"


def level_finding(indicator: Indicator, text: str, number: float | None,
                  england: Published | None = None) -> str:
    """'Re-referrals within 12 months: 19.0% — below England's 22.6%'."""
    if number is None:
        return f"{indicator.short_label}: {_missing(text)}"
    return (f"{indicator.short_label}: {with_unit(text, indicator.unit)}"
            f"{versus_england(number, england)}")


def trend_finding(indicator: Indicator, points: list[tuple[str, float | None]],
                  england: Published | None = None) -> str:
    """Latest point against the same period a year before (else the first shown point):
    'Re-referrals within 12 months fell to 19.0% — below England's 22.6%'."""
    if not points:
        return f"{indicator.short_label}: no figures for these periods"
    text, now = points[-1]
    if now is None:
        return f"{indicator.short_label}: latest figure {_missing(text)}"
    earlier = [n for _t, n in (points[-5:-4] or points[:1]) if n is not None]
    if len(points) < 2 or not earlier:
        return level_finding(indicator, text, now, england)
    return (f"{indicator.short_label} {_movement(now, earlier[0])} "
            f"{with_unit(text, indicator.unit)}{versus_england(now, england)}")


def ranking_finding(subject: str, parts: list[tuple[str, str, float | None]]) -> str:
    """'Children with neglect identified: highest for 1 to 4 (2,401)'."""
    shown = [(category, text, n) for category, text, n in parts if n is not None]
    if not shown:
        return f"{subject}: {SUPPRESSED_WORDS}" if parts else f"{subject}: no figures"
    category, text, _n = max(shown, key=lambda p: p[2])
    if len(shown) == 1:
        return f"{subject}: {text} for {category}"
    return f"{subject}: highest for {category} ({text})"


def levels_finding(total: Cell, levels: list[tuple[str, Cell]]) -> str:
    """'20 children had neglect identified; the most at early help (12)'."""
    if total.number is None:
        return f"Children with neglect identified: {_missing(total.value)}"
    finding = f"{total.value} children had neglect identified"
    if shown := [(name, c) for name, c in levels if c.number is not None]:
        name, most = max(shown, key=lambda p: p[1].number)
        finding += f"; the most at {name.lower()} ({most.value})"
    return finding


def levels_trend_finding(points: list[tuple[date, Cell]], months: int) -> str:
    """'Children with neglect identified: 6 in the 12 months to 31 March 2025, up from 4 at
    30 June 2023' (the latest period against the first shown)."""
    (first_end, first), (last_end, last) = points[0], points[-1]
    finding = (f"Children with neglect identified: {last.value} in the {months} months to "
               f"{format_date(last_end)}")
    if last.number is not None and first.number is not None and len(points) > 1:
        change = last.number - first.number
        word = "up from" if change > 0 else "down from" if change < 0 else "the same as"
        finding += f", {word} {first.value} at {format_date(first_end)}"
    return finding


def journeys_finding(still_open: int | None, known: int | None, some_hidden: bool) -> str:
    """'18 of 20 children known to services in the period were still open at its end', when
    every link is shown and some journeys end in the period."""
    if some_hidden:
        return "Children's journeys through services: some small flows are not shown"
    if still_open is None or not known:
        return "Children's journeys through services"
    return (f"{still_open:,} of {known:,} children known to services in the period were still "
            "open at its end")
