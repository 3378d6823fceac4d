"""The values that pass between reading, staging and validating a delivery: the `Rule` a check
belongs to, each `Finding` it makes, what reading one file learnt (`ExtractRead`) and the staged
delivery as a whole (`StagedDelivery`).

They live below `read/` and `validate/` (both make findings; validation checks what staging
read), so neither has to import the other or the load layer to name them.

A finding never carries a direct identifier: for identifier rules `value` stays empty and the
message gives only file, column and a count (shared spec `extracts.md`, "Refusals").
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


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: Severity
    file: str | None
    line: int | None
    column: str | None
    value: str | None
    message: str

    def as_row(self) -> dict:
        return {k: v for k, v in asdict(self).items()}


def finding(rule: Rule, file: str | None, line: int | None = None, column: str | None = None,
            value: object = None, message: str | None = None) -> Finding:
    """A finding of `rule`, with the rule's message unless a more specific one is given."""
    return Finding(rule.id, rule.severity, file, line, column,
                   None if value is None else str(value), message or rule.message)


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


@dataclass
class StagedDelivery:
    """The outcome of reading a delivery folder into raw_ tables and stg_ views."""

    folder: Path
    reads: dict[str, ExtractRead] = field(default_factory=dict)  # present files, by stem
    rules: list[tuple[Rule, str | None]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def loadable_reads(self) -> dict[str, ExtractRead]:
        return {s: r for s, r in self.reads.items() if r.loadable}

    @property
    def has_blocking(self) -> bool:
        return any(f.severity == "blocking" for f in self.findings)
