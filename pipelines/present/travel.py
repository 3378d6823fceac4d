"""Words for where a measure is going and where it stands: direction of travel (with an arrow
showing which way the number moved), RAG status against a target (always a word, never a
colour alone), the target itself (the quarter's trajectory value where there is one), which way
is better, and RAG counts at a glance. The rules that decide them are
`pipelines.indicators.scorecard` (`travel`, `rag`, `moved`: the one threshold for "rose" and
"fell"); this module only says them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from neglect_insight.pipelines.calendar import quarter_label
from neglect_insight.pipelines.indicators.scorecard import MATERIAL_POINTS, MATERIAL_SHARE, Target
from neglect_insight.pipelines.present.numbers import number, with_unit
from neglect_insight.pipelines.present.states import NO_FIGURE, NO_TARGET, NOT_ASSESSED

UP, DOWN = "▲", "▼"
SAME = "About the same"
TRAVEL_WORDS = {"better": "Better", "worse": "Worse", "up": f"{UP} Up", "down": f"{DOWN} Down",
                "same": SAME}
RAG_WORDS = {"green": "On track", "amber": "Close to target", "red": "Off track"}
# A symbol beside the word, so RAG never rests on colour alone (cards, pack, legends).
RAG_SYMBOLS = {"green": "✔", "amber": "●", "red": "✖"}
RAG_ICONS = {"green": ":material/check_circle:", "amber": ":material/error:",
             "red": ":material/cancel:"}
BETTER_WORDS = {"higher": "Higher is better", "lower": "Lower is better",
                "neither": "Neither: context for the board, not a target"}
THRESHOLD_NOTE = (f"A figure rose or fell only when it changed by at least "
                  f"{MATERIAL_POINTS:.1f} percentage point for a percentage, or by at least "
                  f"{MATERIAL_SHARE:.0%} of the earlier figure for a count or a rate; a smaller "
                  "change is \"about the same\".")


def travel_text(direction: str | None, now: float | None, before: float | None) -> str:
    """'▲ Better', '▼ Worse', '▲ Up', 'About the same' (no arrow: the change is below the
    threshold); `–` without a direction. Better and worse carry the arrow of the number's own
    movement."""
    if direction in ("better", "worse") and now is not None and before is not None \
            and now != before:
        return f"{UP if now > before else DOWN} {TRAVEL_WORDS[direction]}"
    return TRAVEL_WORDS.get(direction, NO_FIGURE)


def status_text(rag: str | None, target: Target | None) -> str:
    """'On track', 'Close to target', 'Off track'; 'Not assessed' with a target but no figure
    to hold against it; 'No target'."""
    if target is None:
        return NO_TARGET
    return RAG_WORDS[rag] if rag else NOT_ASSESSED


def status_with_symbol(rag: str | None, target: Target | None) -> str:
    """'✔ On track', '● Close to target', '✖ Off track'; the other states as words."""
    text = status_text(rag, target)
    return f"{RAG_SYMBOLS[rag]} {text}" if rag and target is not None else text


def target_text(target: Target | None, unit: str, period_end: date | None = None,
                say_quarter: bool = True) -> str:
    """'20.0% or lower', '25.0 per 10,000 children or lower'; with a trajectory value for
    `period_end`, that value: '21.0% or lower by Q4 2024-25 (trajectory)' ('21.0% or lower
    (trajectory)' without `say_quarter`, where the quarter is named nearby); `–` without a
    target."""
    if target is None:
        return NO_FIGURE
    aim = f"{with_unit(number(target.value_for(period_end), unit), unit)} or {target.direction}"
    if period_end is not None and target.on_trajectory(period_end):
        by = f" by {quarter_label(period_end)}" if say_quarter else ""
        return f"{aim}{by} (trajectory)"
    return aim


RAG_COUNT_WORDS = (("green", "on track"), ("amber", "close to target"), ("red", "off track"),
                   ("unassessed", "not assessed"), ("none", "without a target"))


def rag_counts(statuses: Iterable[tuple[str | None, Target | None]]
               ) -> list[tuple[str, str, int]]:
    """(key, words, count) for each status held by at least one measure, in the order green,
    amber, red, not assessed (a target but no figure), without a target. `statuses`: each
    measure's (rag, target)."""
    counts = dict.fromkeys(key for key, _ in RAG_COUNT_WORDS)
    for rag, target in statuses:
        key = "none" if target is None else rag or "unassessed"
        counts[key] = (counts[key] or 0) + 1
    return [(key, words, counts[key]) for key, words in RAG_COUNT_WORDS if counts[key]]


def rag_summary(statuses: Iterable[tuple[str | None, Target | None]]) -> str:
    """'3 on track, 2 close to target, 1 off track, 4 without a target'."""
    parts = [f"{n} {words}" for _key, words, n in rag_counts(statuses)]
    return ", ".join(parts) if parts else "No measures"
