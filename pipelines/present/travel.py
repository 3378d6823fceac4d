"""Words for where a measure is going and where it stands: direction of travel (with an arrow
showing which way the number moved), RAG status against a target, the target itself and which
way is better. The rules that decide them are `pipelines.indicators.scorecard` (`travel`,
`rag`); this module only says them."""

from __future__ import annotations

from neglect_insight.pipelines.indicators.scorecard import Target
from neglect_insight.pipelines.present.numbers import number, with_unit
from neglect_insight.pipelines.present.states import NO_FIGURE, NO_TARGET, NOT_ASSESSED

UP, DOWN = "▲", "▼"
TRAVEL_WORDS = {"better": "Better", "worse": "Worse", "up": f"{UP} Up", "down": f"{DOWN} Down",
                "same": "No change"}
RAG_WORDS = {"green": "On track", "amber": "Close to target", "red": "Off track"}
BETTER_WORDS = {"higher": "Higher is better", "lower": "Lower is better",
                "neither": "Neither: context for the board, not a target"}


def travel_text(direction: str | None, now: float | None, before: float | None) -> str:
    """'▲ Better', '▼ Worse', '▲ Up', 'No change'; `–` without a direction. Better and worse
    carry the arrow of the number's own movement."""
    if direction in ("better", "worse") and now is not None and before is not None:
        return f"{UP if now > before else DOWN} {TRAVEL_WORDS[direction]}"
    return TRAVEL_WORDS.get(direction, NO_FIGURE)


def status_text(rag: str | None, target: Target | None) -> str:
    """'On track', 'Close to target', 'Off track'; 'Not assessed' with a target but no figure
    to hold against it; 'No target'."""
    if target is None:
        return NO_TARGET
    return RAG_WORDS[rag] if rag else NOT_ASSESSED


def target_text(target: Target | None, unit: str) -> str:
    """'20.0% or lower', '25.0 per 10,000 children or lower'; `–` without a target."""
    if target is None:
        return NO_FIGURE
    return f"{with_unit(number(target.target, unit), unit)} or {target.direction}"
