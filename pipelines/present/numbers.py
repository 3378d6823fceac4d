"""Numbers written as a board member reads them (STYLE.md): counts with thousands separators,
percentages to one decimal with `%`, rates per 10,000 to one decimal and, where a figure stands
alone, "per 10,000 children" after it. The disclosure rules write our own figures the same way
(tests/pipelines/present check the two agree); these write everything else: England's figures,
targets, changes on a year ago."""

from __future__ import annotations

from neglect_insight.pipelines.present.states import NO_FIGURE, NOT_SUPPLIED, SUPPRESSED

PER_10K = " per 10,000 children"
UNIT_NAMES = {"count": "Count", "percent": "Percentage", "per_10k": "Rate per 10,000 children"}
AXIS_TITLES = {"count": "Number", "percent": "Percentage", "per_10k": "Per 10,000 children"}


def number(value: float, unit: str) -> str:
    """1234 -> '1,234' (count); 19.04 -> '19.0%' (percent); 2.0 -> '2.0' (per_10k)."""
    if unit == "count":
        return f"{value:,.0f}"
    return f"{value:,.1f}{'%' if unit == 'percent' else ''}"


def with_unit(text: str | None, unit: str) -> str:
    """A shown figure as it reads on its own: '2.0' -> '2.0 per 10,000 children' for a rate per
    10,000; `c`, `–` and "Not supplied" as they are; nothing at all is `–`."""
    if not text:
        return NO_FIGURE
    if unit == "per_10k" and text not in (SUPPRESSED, NO_FIGURE, NOT_SUPPLIED):
        return f"{text}{PER_10K}"
    return text


def change(difference: float, unit: str) -> str:
    """A change on an earlier figure: '+87' (count), '+1.2 points' (percent), '-0.5' (rate)."""
    if unit == "count":
        return f"{difference:+,.0f}"
    return f"{difference:+,.1f}{' points' if unit == 'percent' else ''}"
