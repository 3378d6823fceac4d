"""Words for numbers: units, axis titles, directions of travel and chart titles that state the
finding ("Re-referrals fell to 19.0% — below England's 22.6%"). Values arrive as the board may
see them (disclosure-controlled text plus the number drawn), so a sentence never reveals a
suppressed figure."""

from __future__ import annotations

from neglect_insight.pipelines.indicators.catalogue import Indicator

SUPPRESSED_PHRASE = "not shown (small numbers)"

AXIS_TITLES = {"count": "Number", "percent": "Percentage", "per_10k": "Per 10,000 children"}
UNIT_WORDS = {"count": "", "percent": "", "per_10k": " per 10,000 children"}

TRAVEL = {
    "better": "Better",
    "worse": "Worse",
    "up": "▲ Up",
    "down": "▼ Down",
    "same": "No change",
    None: "–",
}
RAG = {"green": "On track", "amber": "Close to target", "red": "Off track", None: "No target"}


def axis_title(indicator: Indicator) -> str:
    return AXIS_TITLES[indicator.unit]


def with_unit(text: str, indicator: Indicator) -> str:
    """'2.0' -> '2.0 per 10,000 children' for a rate per 10,000; other units as they are."""
    if text in ("c", "–", "", None):
        return text or "–"
    return f"{text}{UNIT_WORDS[indicator.unit]}"


def travel(direction: str | None, up: bool | None = None) -> str:
    """A direction of travel in words, with an arrow that shows which way the number moved."""
    if direction in ("better", "worse") and up is not None:
        return f"{'▲' if up else '▼'} {direction.capitalize()}"
    return TRAVEL.get(direction, "–")


def _movement(now: float, before: float) -> str:
    if now > before:
        return "rose to"
    if now < before:
        return "fell to"
    return "stayed at"


def versus_england(number: float | None, indicator: Indicator) -> str:
    """' — below England's 22.6%' (empty without a comparator or a number)."""
    england = indicator.england
    if number is None or england is None or indicator.unit == "count":
        return ""
    written = f"{england.value:,.1f}{'%' if indicator.unit == 'percent' else ''}"
    if number > england.value:
        side = "above"
    elif number < england.value:
        side = "below"
    else:
        return f" — the same as England's {written}"
    return f" — {side} England's {written}"


def level_finding(indicator: Indicator, text: str, number: float | None) -> str:
    """'Re-referrals within 12 months: 19.0% — below England's 22.6%'."""
    if number is None:
        return f"{indicator.short_label}: {SUPPRESSED_PHRASE if text == 'c' else 'no figure'}"
    return (f"{indicator.short_label}: {with_unit(text, indicator)}"
            f"{versus_england(number, indicator)}")


def trend_finding(indicator: Indicator, points: list[tuple[str, float | None]]) -> str:
    """Latest point against the same period a year before (else the first shown point):
    'Re-referrals within 12 months fell to 19.0% — below England's 22.6%'."""
    if not points:
        return f"{indicator.short_label}: no figures for these periods"
    text, now = points[-1]
    if now is None:
        return f"{indicator.short_label}: latest figure {SUPPRESSED_PHRASE}"
    earlier = [n for _t, n in (points[-5:-4] or points[:1]) if n is not None]
    if len(points) < 2 or not earlier:
        return level_finding(indicator, text, now)
    return (f"{indicator.short_label} {_movement(now, earlier[0])} {with_unit(text, indicator)}"
            f"{versus_england(now, indicator)}")


def ranking_finding(subject: str, parts: list[tuple[str, str, float | None]]) -> str:
    """'Children with neglect identified: highest for 1 to 4 (2,401)'."""
    shown = [(category, text, n) for category, text, n in parts if n is not None]
    if not shown:
        return f"{subject}: {SUPPRESSED_PHRASE}" if parts else f"{subject}: no figures"
    category, text, _n = max(shown, key=lambda p: p[2])
    if len(shown) == 1:
        return f"{subject}: {text} for {category}"
    return f"{subject}: highest for {category} ({text})"
