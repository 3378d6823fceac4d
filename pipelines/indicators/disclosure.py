"""Disclosure control for board-facing numbers (indicators.md, "Disclosure control";
reference.md, "Disclosure control (DfE practice)").

    Board-facing tables, charts and exports replace any count from 1 to 5 with `c` and suppress
    a percentage whose numerator or denominator is suppressed; secondary suppression stops a
    suppressed cell being recovered from a total. [...] Threshold is configurable.

Pure functions over `IndicatorValue`s, no database: the engine returns exact numbers, and the
dashboard, board report and exports pass them through here before showing them (the QA view of
an authorised user may skip this and show raw counts).

- `suppress_value(value)` -> `Shown`: one indicator as display strings.
- `suppress_breakdown(parts, total)` -> (`[(part, Shown)]`, `Shown`): a breakdown (as
  `engine.breakdown` returns it) and its whole, with secondary suppression.
- `suppress_column(counts, total)` -> hidden flags: the rule for one additive column.
- `hidden_links(links)` -> hidden flags: the same rules for the links of a journey (Sankey)
  diagram, whose steps balance (as many children arrive as leave) instead of adding to a total.
- `parts_to_merge(dimension, parts)` -> the parts of a breakdown to show as one "Other or not
  recorded" part before suppressing, and `loses_less(parts, merged, total, group)` whether
  showing them merged hides less (rule 4).

Rules:
1. Primary: a count (numerator, denominator or count value) from 1 to `threshold` (default 5;
   a deployment sets it in `[disclosure] threshold`, read by `settings.load_settings()`, and
   callers pass it on) is shown as `c`. Zero is shown: it discloses nobody.
2. A rate (percent or per 10,000) is shown as `c` when its numerator or denominator is.
3. Secondary, for a column of parts that add up to a shown total (numerators of a breakdown;
   denominators too when the parts have them): anyone can work out the hidden parts' sum as
   total - sum(shown parts). While that would disclose something — exactly one part hidden
   (its value recovered), the hidden parts summing to 1..threshold (a small count recovered),
   or summing to the number of hidden parts (each must then be 1, as zeros are never hidden) —
   the smallest shown non-zero part (the first, on a tie) is hidden too. If no part is left to
   hide, the total is hidden. For a rate, the denominators' column first hides a part whose
   numerator is already hidden (its rate is lost anyway), so one part is lost rather than two.
4. Before suppressing a breakdown, lose as little as possible: when any part is small, the
   dimension's catch-all values (not recorded, unknown, refused, any other ethnic group) and,
   for ethnicity group, age band and locality, the small parts are shown as one part, "Other
   or not recorded", when that group is above the threshold (so it is shown, where each small
   part would have been hidden and taken a large part with it) and is not the whole breakdown,
   and only when that hides fewer children outside the group (`loses_less`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from neglect_insight.pipelines.indicators.catalogue import UNITS, catalogue
from neglect_insight.pipelines.indicators.engine import MERGED_PART, IndicatorValue
from neglect_insight.pipelines.settings import DEFAULT_THRESHOLD

SUPPRESSED = "c"
MISSING = "–"  # no denominator (a count), or no value (nothing to divide by)
# Rule 4: the values of each breakdown dimension that say "we do not know" or "something else"
# (as the engine spells them), merged with small parts into MERGED_PART.
CATCH_ALL: dict[str, frozenset[str]] = {
    "sex": frozenset({"U", "Not recorded"}),
    "age_band": frozenset({"Not recorded"}),
    "ethnicity_group": frozenset({"O", "R", "N", "Not recorded"}),
    "disability": frozenset({"Not recorded"}),
    "locality": frozenset({"Not recorded"}),
}
_MERGE_SMALL = frozenset({"ethnicity_group", "age_band", "locality"})  # many values each


@dataclass(frozen=True)
class Shown:
    """What a board-facing table, chart label or export may display for one indicator value."""

    indicator_id: str
    numerator: str
    denominator: str
    value: str
    numerator_suppressed: bool = False
    denominator_suppressed: bool = False

    @property
    def suppressed(self) -> bool:
        """Whether anything in this cell is shown as `c` (its value then is too)."""
        return self.numerator_suppressed or self.denominator_suppressed


def is_small(count: int | None, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """A count that must not be shown: 1 to threshold (0 and missing are shown)."""
    return count is not None and 1 <= count <= threshold


def _recoverable(counts: Sequence[int], hidden: Sequence[bool], total: int,
                 threshold: int) -> bool:
    """Whether the hidden counts, worked out as total - shown, disclose anything (rule 3)."""
    k = sum(hidden)
    if k == 0:
        return False
    hidden_sum = total - sum(c for c, h in zip(counts, hidden, strict=True) if not h)
    return k == 1 or 1 <= hidden_sum <= threshold or hidden_sum == k


def suppress_column(counts: Sequence[int], total: int | None = None,
                    threshold: int = DEFAULT_THRESHOLD,
                    prefer: Sequence[bool] | None = None) -> tuple[list[bool], bool]:
    """Hidden flags for the parts of an additive column and for its total (rules 1 and 3).

    `total` is the whole the parts add up to; when None it is taken as their sum, since a
    breakdown's whole is shown somewhere (the headline number) even if not beside the parts.
    `prefer` marks parts to hide first when a further part must go (already lost elsewhere)."""
    prefer = prefer or [False] * len(counts)
    whole = sum(counts) if total is None else total
    hidden = [is_small(c, threshold) for c in counts]
    total_hidden = is_small(whole, threshold)
    if total_hidden:
        return hidden, True  # nothing can be subtracted from a hidden total
    while _recoverable(counts, hidden, whole, threshold):
        candidates = [i for i, c in enumerate(counts) if not hidden[i] and c > 0]
        if not candidates:
            return hidden, True
        hidden[min(candidates, key=lambda i: (not prefer[i], counts[i], i))] = True
    return hidden, total_hidden


def hidden_links(links: Sequence[tuple[str, str, int]],
                 threshold: int = DEFAULT_THRESHOLD) -> list[bool]:
    """Which (source, target, children) links (e.g. `engine.JourneyLink`) to show as c: counts
    of 1 to threshold, then (rule 3) further links while a hidden one could be worked out.

    What a reader can work out from the links: at a step where as many children arrive as
    leave, hidden links on one side only are the other side's total less its shown ones.
    Hiding one more link on the other side (the smallest shown non-zero one) leaves only their
    difference known."""
    counts = [children for _, _, children in links]
    hidden = [is_small(c, threshold) for c in counts]
    balanced = []
    targets = {target for _, target, _ in links}
    steps = dict.fromkeys(source for source, _, _ in links if source in targets)
    for step in steps:  # in order of first appearance: the same links hidden on every run
        arriving = [n for n, (_, target, _) in enumerate(links) if target == step]
        leaving = [n for n, (source, _, _) in enumerate(links) if source == step]
        if sum(counts[n] for n in arriving) == sum(counts[n] for n in leaving):
            balanced += [(arriving, leaving), (leaving, arriving)]
    changed = True
    while changed:
        changed = False
        for side, other in balanced:
            if any(hidden[n] for n in other):
                continue
            part = [counts[n] for n in side]
            if _recoverable(part, [hidden[n] for n in side], sum(part), threshold):
                shown = [n for n in other if counts[n] > 0]
                hidden[min(shown, key=lambda n: (counts[n], n))] = True
                changed = True
    return hidden


def _unit(value: IndicatorValue, unit: str | None) -> str:
    if unit is not None:
        if unit not in UNITS:
            raise ValueError(f"unknown unit '{unit}'; choose from {list(UNITS)}")
        return unit
    indicator = catalogue().get(value.indicator_id)
    if indicator is not None:
        return indicator.unit
    return "count" if value.denominator is None and value.value == value.numerator else "percent"


def _count_text(count: int | None, hide: bool) -> str:
    if hide:
        return SUPPRESSED
    return MISSING if count is None else f"{count:,}"


def _shown(value: IndicatorValue, unit: str, numerator_hidden: bool,
           denominator_hidden: bool) -> Shown:
    numerator = _count_text(value.numerator, numerator_hidden)
    if unit == "count":
        shown_value = numerator
        denominator = MISSING
    else:
        denominator = _count_text(value.denominator, denominator_hidden)
        if numerator_hidden or denominator_hidden:
            shown_value = SUPPRESSED
        elif value.value is None:
            shown_value = MISSING
        elif unit == "percent":
            shown_value = f"{value.value:,.1f}%"
        else:
            shown_value = f"{value.value:,.1f}"
    return Shown(value.indicator_id, numerator, denominator, shown_value,
                 numerator_hidden, denominator_hidden and unit != "count")


def suppress_value(value: IndicatorValue, threshold: int = DEFAULT_THRESHOLD,
                   unit: str | None = None) -> Shown:
    """One indicator value as display strings (rules 1 and 2): counts with thousands
    separators, percentages to one decimal with `%`, rates per 10,000 to one decimal, `c` for
    suppressed and `–` for missing. `unit` defaults to the catalogue's."""
    unit = _unit(value, unit)
    return _shown(value, unit, is_small(value.numerator, threshold),
                  unit != "count" and is_small(value.denominator, threshold))


def suppress_breakdown(parts: Sequence[tuple[str, IndicatorValue]], total: IndicatorValue,
                       threshold: int = DEFAULT_THRESHOLD, unit: str | None = None
                       ) -> tuple[list[tuple[str, Shown]], Shown]:
    """A breakdown (`engine.breakdown`) and its whole (`engine.compute` without the breakdown's
    filter) as display strings, with primary and secondary suppression (rules 1 to 3). Each
    additive column is protected on its own: numerators always; denominators when every part
    has one (a per-10,000 rate has no population for a part)."""
    unit = _unit(total, unit)
    values = [v for _, v in parts]
    num_hidden, total_num_hidden = suppress_column([v.numerator for v in values],
                                                   total.numerator, threshold)
    if unit == "count":
        den_hidden, total_den_hidden = [False] * len(values), False
    elif all(v.denominator is not None for v in values) and total.denominator is not None:
        den_hidden, total_den_hidden = suppress_column([v.denominator for v in values],
                                                       total.denominator, threshold,
                                                       prefer=num_hidden)
    else:
        den_hidden = [is_small(v.denominator, threshold) for v in values]
        total_den_hidden = is_small(total.denominator, threshold)
    shown_parts = [
        (part, _shown(v, unit, nh, dh))
        for (part, v), nh, dh in zip(parts, num_hidden, den_hidden, strict=True)
    ]
    return shown_parts, _shown(total, unit, total_num_hidden, total_den_hidden)


def parts_to_merge(dimension: str, parts: Sequence[tuple[str, IndicatorValue]],
                   threshold: int = DEFAULT_THRESHOLD) -> frozenset[str]:
    """Rule 4: the parts of a breakdown by `dimension` to show as one "Other or not recorded"
    part. When any part has a small numerator or denominator: the dimension's catch-all values,
    and the small parts of a dimension with many values (ethnicity group, age band, locality;
    never Male, Female, Disabled or Not disabled). Only when that makes a group of two or more
    that is not small itself (so it can be shown) and leaves another part beside it."""
    def small(v: IndicatorValue) -> bool:
        return is_small(v.numerator, threshold) or is_small(v.denominator, threshold)

    if not any(small(v) for _part, v in parts):
        return frozenset()
    catch_all = CATCH_ALL.get(dimension, frozenset())
    group = [(part, v) for part, v in parts
             if part in catch_all or (small(v) and dimension in _MERGE_SMALL)]
    if len(group) < 2 or len(group) == len(parts):
        return frozenset()
    numerator = sum(v.numerator for _part, v in group)
    denominators = [v.denominator for _part, v in group]
    denominator = None if None in denominators else sum(denominators)
    if is_small(numerator, threshold) or is_small(denominator, threshold):
        return frozenset()
    return frozenset(part for part, _v in group)


def _loss(parts: Sequence[tuple[str, IndicatorValue]], total: IndicatorValue,
          group: frozenset[str], threshold: int) -> tuple[int, int]:
    """What suppressing `parts` hides: children in hidden parts outside `group` (and not the
    merged part), then hidden parts."""
    shown, _total = suppress_breakdown(parts, total, threshold)
    hidden = [(part, v) for (part, v), (_p, s) in zip(parts, shown, strict=True) if s.suppressed]
    outside = sum(max(v.numerator, v.denominator or 0) for part, v in hidden
                  if part not in group and part != MERGED_PART)
    return outside, len(hidden)


def loses_less(parts: Sequence[tuple[str, IndicatorValue]],
               merged: Sequence[tuple[str, IndicatorValue]], total: IndicatorValue,
               group: frozenset[str], threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Rule 4's test: whether the breakdown with `group` merged (`merged`) hides fewer children
    outside the group than `parts` as they are, or as many in fewer cells. Merging is not
    always better: small catch-all parts hidden together can protect a small part that,
    beside a shown merged group, would take a large part with it."""
    return _loss(merged, total, group, threshold) <= _loss(parts, total, group, threshold)
