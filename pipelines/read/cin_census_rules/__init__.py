"""DfE CIN census validation rules that need what only a census return holds: its census year
(the Header's ReferenceDate) and elements the canonical tables have no column for (death date,
Section47, DateOfInitialCPC, reviews, disability codes, the raw sex code, the UPN's form).

One rule per module, named by its DfE code (`dfe_8620.py`, `dfe_8545q.py`), each holding a
docstring saying what the DfE rule checks and:

    RULE = Rule("dfe.8620", "blocking" | "query", DfE message in plain English, dfe_code)
    SCOPE = "child" | "return"
    def check(child: CensusChild, census: Census) -> Iterable[Problem]   # SCOPE "child"
    def check(tally: Tally, census: Census) -> Iterable[Problem]         # SCOPE "return"

DfE errors are blocking, queries (codes ending Q) are queries. They apply to census returns
only, each return against its own census year; rules the canonical tables can express live in
`pipelines/validate/rules/` and apply to every delivery.

The XML reader drives a `CensusChecker` per file while it streams: `child(element)` for every
`Child` before it is cleared, `findings()` at the end. Findings name the XML file and the line
of the element (`source`, `place`) and the child's LAchildID; never a UPN or a date of birth.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from types import ModuleType
from typing import NamedTuple

from lxml import etree

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding
from neglect_insight.pipelines.read import cells
from neglect_insight.pipelines.read.cin_census_rules.census_child import (
    Census,
    CensusChild,
    parse_child,
)

__all__ = ["Census", "CensusChecker", "CensusChild", "Problem", "Tally", "discover", "rules"]

SUPPORT_MODULES = {"census_child", "upn", "working_days"}


class Problem(NamedTuple):
    """What a rule found: the element's line, the element's name, the value (None for a date
    of birth) and what is wrong, in plain English."""

    line: int | None
    column: str | None
    value: object
    detail: str


@dataclass
class Tally:
    """What return-level rules need, counted child by child (the file is never held whole)."""

    children: int = 0
    born_children: int = 0
    born_without_sex: int = 0  # sex not known (GenderCurrent 0/9, Sex U) or missing
    disability_codes: set[str] = field(default_factory=set)
    disabled_children: int = 0
    children_with_several_codes: int = 0

    def add(self, child: CensusChild) -> None:
        self.children += 1
        if not child.is_unborn:
            self.born_children += 1
            if (child.sex or "").upper() in ("", "0", "9", "U"):
                self.born_without_sex += 1
        codes = {c.upper() for c in child.disabilities} - {"NONE"}
        self.disability_codes |= codes
        self.disabled_children += bool(codes)
        self.children_with_several_codes += len(codes) > 1


@cache
def discover() -> tuple[ModuleType, ...]:
    """Every rule module of this package; a module without the rule shape raises."""
    modules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name in SUPPORT_MODULES:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        code = info.name.removeprefix("dfe_").upper()
        rule = getattr(module, "RULE", None)
        if not isinstance(rule, Rule) or rule.id != f"dfe.{code}" or rule.dfe_code != code:
            raise TypeError(f"rule module {module.__name__}: RULE must be dfe.{code}")
        if getattr(module, "SCOPE", None) not in ("child", "return") or \
                not hasattr(module, "check"):
            raise TypeError(f"rule module {module.__name__} needs SCOPE and check")
        modules.append(module)
    return tuple(modules)


def rules() -> tuple[Rule, ...]:
    """Every census-return rule, for the run record and the list of DfE rules covered."""
    return tuple(m.RULE for m in discover())


def _census(header: etree._Element | None, source: str) -> Census:
    """The return's census year from its Header (`CollectionDetails/Year`, `ReferenceDate`)."""
    if header is None:
        return Census(source)
    values: dict[str, str | None] = {}
    for element in header.iter():
        name = element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""
        if name in ("Year", "ReferenceDate"):
            values[name] = cells.clean(element.text)
    reference = cells.parse_date(cells.iso_date(values.get("ReferenceDate")))
    return Census(source, reference, values.get("Year"), header.sourceline)


def _header_of(child: etree._Element) -> etree._Element | None:
    """The return's Header, found from a Child (Message → Children → Child)."""
    children = child.getparent()
    message = None if children is None else children.getparent()
    for element in () if message is None else message:
        if isinstance(element.tag, str) and element.tag.rpartition("}")[2] == "Header":
            return element
    return None


class CensusChecker:
    """Runs every census-return rule over one XML file while it is streamed."""

    def __init__(self, source: str, header: etree._Element | None = None):
        self.source = source
        self.census: Census | None = _census(header, source) if header is not None else None
        self.tally = Tally()
        self._findings: list[Finding] = []
        modules = discover()
        self._child_rules = [m for m in modules if m.SCOPE == "child"]
        self._return_rules = [m for m in modules if m.SCOPE == "return"]

    def child(self, element: etree._Element) -> None:
        """Check one `Child` element (call before the element is cleared)."""
        if self.census is None:
            self.census = _census(_header_of(element), self.source)
        child = parse_child(element)
        self.tally.add(child)
        for module in self._child_rules:
            for problem in module.check(child, self.census):
                self._findings.append(self._finding(module.RULE, problem, child.child_id))

    def findings(self) -> list[Finding]:
        """Every finding: each child's, then the return's own."""
        census = self.census or Census(self.source)
        found = list(self._findings)
        for module in self._return_rules:
            found += [self._finding(module.RULE, p, None) for p in module.check(self.tally, census)]
        return found

    def _finding(self, rule: Rule, problem: Problem, child_id: str | None) -> Finding:
        line, column, value, detail = problem
        place = f"line {line}" if line else None
        where = ", ".join(p for p in (self.source, place) if p)
        if child_id:
            where += f" (child {child_id})"
        if column:
            where += f", {column}"
        shown = value.isoformat() if isinstance(value, date) else value
        return finding(rule, self.source, line, column, shown,
                       message=f"{where}: {detail}. DfE rule {rule.dfe_code}: {rule.message}",
                       source=self.source, place=place, child_id=child_id)


def check_file(source: str, children: Iterable[etree._Element],
               header: etree._Element | None = None) -> list[Finding]:
    """Every finding for a return given as its Child elements (a test and tooling helper)."""
    checker = CensusChecker(source, header)
    for element in children:
        checker.child(element)
    return checker.findings()
