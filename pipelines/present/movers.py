"""What moved: the measures that changed most since the last quarter and since a year ago, one
plain sentence each, for the Overview and the board pack's summary.

A scorecard line is anything with `indicator_id`, `current`, `previous` and `last_year` (each a
`Cell` or None), such as the dashboard's `ScoreLine` or `Line` here. A move is ranked by its
relative size (the change as a share of the earlier figure; any change from 0 first); a figure
suppressed, missing or not supplied is skipped, and so is a change below the threshold
(`pipelines.indicators.scorecard.moved`: it is "about the same", not a move). Ties keep the
catalogue's order. Pure functions: no Streamlit, no database.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, Protocol

from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.indicators.scorecard import moved, travel
from neglect_insight.pipelines.present.cells import Cell
from neglect_insight.pipelines.present.numbers import with_unit

SINCE = {"quarter": "since the last quarter", "year": "since a year ago"}
VERDICTS = {"better": "better", "worse": "worse"}


class ScoreLineLike(Protocol):
    indicator_id: str
    current: Cell | None
    previous: Cell | None
    last_year: Cell | None


class Line(NamedTuple):
    """One measure now, a quarter before and a year before, as the board may see them."""

    indicator_id: str
    current: Cell | None
    previous: Cell | None
    last_year: Cell | None


class Move(NamedTuple):
    indicator_id: str
    since: str  # "quarter" or "year"
    before: Cell
    now: Cell
    size: float  # |change| / |earlier figure|; inf for a change from 0
    travel: str  # better | worse | up | down


def _order() -> dict[str, int]:
    return {i: n for n, i in enumerate(catalogue())}


def moves(lines: Iterable[ScoreLineLike], since: str = "year", limit: int = 3) -> list[Move]:
    """The `limit` measures that moved most `since` ("quarter" or "year"), largest first."""
    if since not in SINCE:
        raise ValueError(f"since must be one of {', '.join(SINCE)}, not {since!r}")
    found = []
    for line in lines:
        if getattr(line, "unavailable", None) or line.indicator_id not in catalogue():
            continue
        indicator = catalogue()[line.indicator_id]
        now, before = line.current, line.previous if since == "quarter" else line.last_year
        if now is None or before is None or now.number is None or before.number is None:
            continue
        if not moved(indicator.unit, now.number, before.number):
            continue
        size = (abs(now.number - before.number) / abs(before.number) if before.number
                else float("inf"))
        found.append(Move(indicator.id, since, before, now, size,
                          travel(indicator, now.number, before.number)))
    order = _order()
    found.sort(key=lambda m: (-m.size, order[m.indicator_id]))
    return found[:limit]


def sentence(move: Move) -> str:
    """'Re-referrals within 12 months where neglect is identified fell from 26.1% to 22.0% since
    a year ago: better.' (no verdict where neither way is better)."""
    indicator = catalogue()[move.indicator_id]
    word = "rose" if move.now.number > move.before.number else "fell"
    before = move.before.value if indicator.unit == "per_10k" else with_unit(
        move.before.value, indicator.unit)
    verdict = f": {VERDICTS[move.travel]}" if move.travel in VERDICTS else ""
    return (f"{indicator.label} {word} from {before} to "
            f"{with_unit(move.now.value, indicator.unit)} {SINCE[move.since]}{verdict}.")


EARLIER = {"quarter": "the last quarter", "year": "a year ago"}


def nothing_moved(since: str) -> str:
    """The sentence when no measure rose or fell beyond the threshold."""
    return f"No measure rose or fell beyond the threshold {SINCE[since]}."


def nothing_to_compare(since: str) -> str:
    """The sentence when no measure has a figure both now and at the earlier period."""
    return f"There are no figures from {EARLIER[since]} to compare with."


def _comparable(line: ScoreLineLike, since: str) -> bool:
    before = line.previous if since == "quarter" else line.last_year
    return not getattr(line, "unavailable", None) and all(
        c is not None and c.number is not None for c in (line.current, before))


def what_moved(lines: Iterable[ScoreLineLike], limit: int = 3) -> list[tuple[str, list[str]]]:
    """[("Since the last quarter", sentences), ("Since a year ago", sentences)]: up to `limit`
    sentences each; else the one `nothing_moved` sentence, or `nothing_to_compare` when no
    measure has figures at both ends."""
    lines = list(lines)
    out = []
    for since, words in SINCE.items():
        found = [sentence(m) for m in moves(lines, since, limit)]
        if not found:
            found = [nothing_moved(since) if any(_comparable(line, since) for line in lines)
                     else nothing_to_compare(since)]
        out.append((words[:1].upper() + words[1:], found))
    return out
