"""The values that pass between reading, staging and validating a delivery: the `Rule` a check
belongs to, each `Finding` it makes, what reading one file learnt (`ExtractRead`) and the staged
delivery as a whole (`StagedDelivery`).

They live below `read/` and `validate/` (both make findings; validation checks what staging
read), so neither has to import the other or the load layer to name them.

A finding never carries a direct identifier: for identifier rules `value` stays empty and the
message gives only file, column and a count (shared spec `extracts.md`, "Refusals").

A finding on a row converted from an official file also names where the row came from:
`source` (the delivered file, e.g. `cin_census_2025.xml`), `place` (plain English place in it:
`line 1234`, `sheet List 6, row 14`) and `child_id` (the LA's pseudonymous child id, never a
UPN or name). Rules report the canonical (file, line) as usual; the enrichment step after
validation (`pipelines.validate.locations`) fills these three in from the raw row.
"""

from __future__ import annotations

from array import array
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["blocking", "query"]


@dataclass(frozen=True)
class Rule:
    """A validation rule: its id says where it lives (see STYLE.md), its message how to fix it."""

    id: str
    severity: Severity
    message: str
    dfe_code: str | None = None  # the DfE CIN census validation rule it is, e.g. "8815"


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: Severity
    file: str | None
    line: int | None
    column: str | None
    value: str | None
    message: str
    source: str | None = None
    place: str | None = None
    child_id: str | None = None

    def as_row(self) -> dict:
        return {k: v for k, v in asdict(self).items()}

    @property
    def where(self) -> str:
        """Where the finding is, in plain English: the delivered file and place (and child) for
        a converted row, else the canonical file and line."""
        if self.source:
            place = f", {self.place}" if self.place else ""
            child = f" (child {self.child_id})" if self.child_id else ""
            return f"{self.source}{place}{child}"
        if self.line:
            return f"{self.file}, line {self.line}"
        return self.file or "delivery"


def finding(rule: Rule, file: str | None, line: int | None = None, column: str | None = None,
            value: object = None, message: str | None = None, *, source: str | None = None,
            place: str | None = None, child_id: str | None = None) -> Finding:
    """A finding of `rule`, with the rule's message unless a more specific one is given."""
    text = message or rule.message
    if rule.dfe_code and f"DfE rule {rule.dfe_code}" not in text:
        text = f"{text} (DfE rule {rule.dfe_code})"
    return Finding(rule.id, rule.severity, file, line, column,
                   None if value is None else str(value), text, source, place, child_id)


@dataclass
class ExtractRead:
    """What reading one extract file learnt. `path` is the delivered file the rows come from:
    the CSV itself, or the official file (CIN census XML, Annex A workbook) they were converted
    from; a converted table is named by its canonical file name (`converted_to`)."""

    stem: str
    path: Path
    sha256: str = ""
    bytes: int = 0
    rows: int = 0
    columns: list[str] = field(default_factory=list)  # normalised, in file order
    extra_columns: list[str] = field(default_factory=list)
    record_lines: array | None = None  # start line of each record, only if any spans lines
    findings: list[Finding] = field(default_factory=list)
    converted_to: str | None = None  # e.g. "referrals.csv" for a table read from an XML

    @property
    def file_name(self) -> str:
        """The name findings give for this file's rows."""
        return self.converted_to or self.path.name

    @property
    def loadable(self) -> bool:
        return not any(f.severity == "blocking" for f in self.findings)


@dataclass(frozen=True)
class FileSummary:
    """What one delivered file was found to be, for the summary printed before any check:
    its format (`canonical CSV`, `CIN census XML`, ...), a detail the reader knows (such as the
    schema year), and the rows it gives each canonical file."""

    file: str
    format: str
    feeds: dict[str, int] = field(default_factory=dict)  # canonical file name → rows
    detail: str | None = None

    @property
    def text(self) -> str:
        """One line in plain English, e.g. `cin_2025.xml: CIN census XML (schema year 2024/25),
        3 children, 4 episodes → children.csv (3), referrals.csv (4)`."""
        kind = f"{self.format} ({self.detail})" if self.detail else self.format
        if list(self.feeds) == [self.file]:  # a canonical CSV
            return f"{self.file}: {kind}, {_count(self.feeds[self.file], 'row', 'rows')}"
        if not self.feeds:
            return f"{self.file}: {kind}"
        counts = [_count(self.feeds[name], one, many) for name, one, many in (
            ("children.csv", "child", "children"), ("referrals.csv", "episode", "episodes"))
            if name in self.feeds]
        feeds = ", ".join(f"{name} ({n:,})" for name, n in self.feeds.items())
        return f"{self.file}: {', '.join([kind, *counts])} → {feeds}"


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


@dataclass
class StagedDelivery:
    """The outcome of reading a delivery folder into raw_ tables and stg_ views."""

    folder: Path
    reads: dict[str, ExtractRead] = field(default_factory=dict)  # present files, by stem
    rules: list[tuple[Rule, str | None]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: list[FileSummary] = field(default_factory=list)  # every delivered file, by name

    @property
    def loadable_reads(self) -> dict[str, ExtractRead]:
        return {s: r for s, r in self.reads.items() if r.loadable}

    @property
    def has_blocking(self) -> bool:
        return any(f.severity == "blocking" for f in self.findings)
