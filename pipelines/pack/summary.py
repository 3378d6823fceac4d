"""The pack's one-page summary: what moved most since the last quarter and since a year ago (one
sentence each), RAG counts at a glance (word and colour), and each target met or not."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from html import escape

from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.indicators.scorecard import Target, rag
from neglect_insight.pipelines.present import movers
from neglect_insight.pipelines.present.movers import Line
from neglect_insight.pipelines.present.numbers import with_unit
from neglect_insight.pipelines.present.states import NO_FIGURE
from neglect_insight.pipelines.present.travel import (
    THRESHOLD_NOTE,
    rag_counts,
    rag_summary,
    status_with_symbol,
    target_text,
)

__all__ = ["Line", "summary_html", "what_moved"]


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def what_moved(lines: list[Line], limit: int = 3) -> list[tuple[str, list[str]]]:
    """[(heading, sentences)] since the last quarter and since a year ago, by the Overview's
    own rules (`pipelines.present.movers`)."""
    return movers.what_moved(lines, limit)


def summary_html(lines: list[Line], scorecard: tuple[str, ...], goals: Mapping[str, Target],
                 targets_problem: str | None, period_end: date) -> str:
    """The summary section's body (its h2 is the caller's): what moved among all measures, RAG
    counts over the scorecard's measures, and each target met or not."""
    parts = []
    for heading, sentences in what_moved(lines):
        parts.append(f"<h3>What moved: {_e(heading.lower())}</h3><ul>"
                     + "".join(f"<li>{_e(s)}</li>" for s in sentences) + "</ul>")
    parts.append(f"<p class=\"meta\">{_e(THRESHOLD_NOTE)}</p>")
    by_id = {line.indicator_id: line for line in lines}
    statuses = []
    for i in scorecard:
        now = by_id[i].current if i in by_id else None
        target = goals.get(i)
        statuses.append((rag(now.number if now else None, target, period_end), target))
    parts.append("<h3>Against targets</h3>")
    if targets_problem:
        parts.append(f"<p class=\"note\">{_e(targets_problem)}</p>")
    badges = "".join(f"<li><span class=\"badge rag-{key}\">{n} {_e(words)}</span></li>"
                     for key, words, n in rag_counts(statuses))
    parts.append(f"<p>The partnership's headline measures this quarter: "
                 f"{_e(rag_summary(statuses))}.</p><ul class=\"rag-counts\">{badges}</ul>")
    rows = []
    for line in lines:
        target = goals.get(line.indicator_id)
        if target is None:
            continue
        indicator = catalogue()[line.indicator_id]
        now = line.current
        status = rag(now.number if now else None, target, period_end)
        met = {"green": "Met", "amber": "Not met (close)", "red": "Not met"}.get(
            status or "", "Not assessed")
        rows.append(
            f"<tr><th scope=\"row\">{_e(indicator.short_label)}</th>"
            f"<td class=\"num\">{_e(with_unit(now.value, indicator.unit) if now else NO_FIGURE)}"
            f"</td><td>{_e(target_text(target, indicator.unit, period_end))}</td>"
            f"<td class=\"rag-{status or 'none'}\">{_e(status_with_symbol(status, target))}</td>"
            f"<td>{_e(met)}</td></tr>")
    if rows:
        parts.append("<table><caption>Targets this quarter</caption><thead><tr>"
                     "<th scope=\"col\">Measure</th><th scope=\"col\" class=\"num\">Now</th>"
                     "<th scope=\"col\">Target</th><th scope=\"col\">Status</th>"
                     "<th scope=\"col\">Target met?</th></tr></thead>"
                     f"<tbody>{''.join(rows)}</tbody></table>")
    else:
        parts.append("<p>The partnership has set no targets.</p>")
    return "\n".join(parts)
