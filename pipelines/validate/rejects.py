"""What a run found, for the people who must act on it: each rule's outcome (`RuleResult`) and
the rejects report written beside the database (one row per failing row, no PII). A row
converted from an official file also gives its delivered file, place in it and child id
(`source`, `place`, `child_id`; empty for rows of a delivered CSV)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from neglect_insight.pipelines.delivery_types import Finding, Rule, Severity
from neglect_insight.pipelines.safe_csv import neutralise

REJECTS_COLUMNS = ["file", "line", "source", "place", "child_id", "rule_id", "severity",
                   "column", "value", "message"]


@dataclass(frozen=True)
class RuleResult:
    """One rule's outcome in one run: how many rows failed it (0 = passed)."""

    rule_id: str
    severity: Severity
    message: str
    file: str | None
    failing_rows: int

    @property
    def passed(self) -> bool:
        return self.failing_rows == 0


def summarise(rules: Iterable[tuple[Rule, str | None]],
              findings: list[Finding]) -> list[RuleResult]:
    """Every rule that ran, with its failing-row count (rules with no findings passed)."""
    counts: dict[tuple[str, str | None], int] = {}
    for f in findings:
        counts[(f.rule_id, f.file)] = counts.get((f.rule_id, f.file), 0) + 1
    results = []
    seen = set()
    for rule, file in rules:
        key = (rule.id, file)
        if key in seen:
            continue
        seen.add(key)
        results.append(RuleResult(rule.id, rule.severity, rule.message, file, counts.pop(key, 0)))
    # Findings of rules not declared up front (should not happen) are still reported.
    for (rule_id, file), n in counts.items():
        sample = next(f for f in findings if f.rule_id == rule_id and f.file == file)
        results.append(RuleResult(rule_id, sample.severity, sample.message, file, n))
    return results


def write_rejects(findings: list[Finding], path: Path) -> Path:
    """The rejects report: one row per failing row, blocking first, then by file and line;
    a value that a spreadsheet would run as a formula is written after a `'`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ordered = sorted(findings, key=lambda f: (f.severity != "blocking", f.file or "",
                                              f.line or 0, f.rule_id))
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=REJECTS_COLUMNS)
        writer.writeheader()
        for f in ordered:
            writer.writerow({c: neutralise(getattr(f, c)) for c in REJECTS_COLUMNS})
    return path
