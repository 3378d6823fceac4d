"""Sentences that state a finding, for chart titles on the pages and in the pack, saying what a
figure is compared with ("Re-referrals within 12 months: 19.0%, down from 24.0% a year ago;
England 22.6% (2024-25)"), and England's figure in words. "Up" and "down" only for a change
beyond the one threshold (`pipelines.indicators.scorecard.moved`), else "about the same".
Values arrive as the board may see them (a `Cell`'s text and drawn number), so a sentence never
reveals a suppressed figure."""

from __future__ import annotations

from datetime import date

from neglect_insight.pipelines.calendar import format_date
from neglect_insight.pipelines.indicators.catalogue import Indicator
from neglect_insight.pipelines.indicators.scorecard import moved
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
    """' — below England's 22.6% (2024-25)' (empty without both figures)."""
    if number is None or england is None:
        return ""
    theirs, written = england.cell.number, f"{england.cell.value} ({england.period})"
    if number == theirs:
        return f" — the same as England's {written}"
    return f" — {'above' if number > theirs else 'below'} England's {written}"


def _missing(text: str) -> str:
    return SUPPRESSED_WORDS if text == SUPPRESSED else NO_FIGURE_WORDS


def compared_with(unit: str, now: float | None, before_text: str, before: float | None,
                  when: str = "a year ago") -> str:
    """'down from 26.1% a year ago', 'up from 4 a year ago', 'about the same as a year ago
    (24.0%)'; empty without both figures. Up and down only beyond the threshold."""
    if now is None or before is None:
        return ""
    was = with_unit(before_text, unit)
    if not moved(unit, now, before):
        return f"about the same as {when} ({was})"
    return f"{'up' if now > before else 'down'} from {was} {when}"


def reading(indicator: Indicator, now: Cell | None, before: Cell | None,
            england: Published | None = None, when: str = "a year ago") -> str:
    """The figure, what it is compared with and England's: '24.0%, down from 26.1% a year ago;
    England 22.6% (2024-25)'. A figure not shown says so; a missing comparison is left out."""
    if now is None or now.number is None:
        return _missing(now.value if now else NO_FIGURE)
    parts = [with_unit(now.value, indicator.unit)]
    if before is not None and (change := compared_with(indicator.unit, now.number, before.value,
                                                       before.number, when)):
        parts[0] += f", {change}"
    if england is not None:
        parts.append(f"England {england_text(england, indicator.unit)}")
    return "; ".join(parts)


def level_finding(indicator: Indicator, text: str, number: float | None,
                  england: Published | None = None) -> str:
    """'Re-referrals within 12 months: 19.0% — below England's 22.6% (2024-25)'."""
    if number is None:
        return f"{indicator.short_label}: {_missing(text)}"
    return (f"{indicator.short_label}: {with_unit(text, indicator.unit)}"
            f"{versus_england(number, england)}")


def trend_finding(indicator: Indicator, points: list[tuple[str, float | None]],
                  england: Published | None = None) -> str:
    """Latest quarter-end point against the one four before it, a year ago (else the first
    shown point), and England: 'Re-referrals within 12 months: 19.0%, down from 24.0% a year
    ago; England 22.6% (2024-25)'."""
    if not points:
        return f"{indicator.short_label}: no figures for these periods"
    text, now = points[-1]
    if now is None:
        return f"{indicator.short_label}: latest figure {_missing(text)}"
    earlier = points[-5:-4] or points[:1]
    when = "a year ago" if len(points) >= 5 else "at the start of the period shown"
    before = Cell(earlier[0][0], "", "", earlier[0][1]) if len(points) > 1 else None
    return (f"{indicator.short_label}: "
            f"{reading(indicator, Cell(text, '', '', now), before, england, when)}")


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
        word = ("about the same as" if not moved("count", last.number, first.number)
                else "up from" if change > 0 else "down from")
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
