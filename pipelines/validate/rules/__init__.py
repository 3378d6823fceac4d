"""Rules that need more than one row or more than one file, one rule per module (STYLE.md).

Each module holds a docstring quoting the spec and:

    RULE = Rule("cross.<module name>", "blocking" | "query", message)
    RULE = Rule("dfe.8935", ..., DfE message, dfe_code="8935")   # in dfe_8935.py
    NEEDS = ("referrals",)            # files the rule cannot run without
    CHECKS = ("assessments", ...)     # files whose rows it checks; findings name one of these
    def check(conn, extract_date) -> list[Finding]

Modules are discovered: every module in this package is imported. A rule runs when every file
in NEEDS and at least one file in CHECKS is present and loadable; it is then recorded as run
for each loadable file in CHECKS. (A file that is absent or not loadable is an empty staged
table, so a rule's SQL may read every file it names.)
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date
from functools import cache
from types import ModuleType
from typing import NamedTuple

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, Severity, StagedDelivery
from neglect_insight.pipelines.read import cin_census_rules
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES


def rule_id(module_name: str) -> str:
    """The id a rule module must have: `dfe.8935` for `dfe_8935.py` (a DfE CIN census rule,
    `dfe.8825Q` for `dfe_8825q.py`), else `cross.<module name>`."""
    if module_name.startswith("dfe_"):
        return f"dfe.{module_name.removeprefix('dfe_').upper()}"
    return f"cross.{module_name}"


@cache
def discover() -> tuple[ModuleType, ...]:
    """Every rule module of this package, by name; a module without the rule shape raises."""
    modules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for attr in ("RULE", "NEEDS", "CHECKS", "check"):
            if not hasattr(module, attr):
                raise TypeError(f"rule module {module.__name__} has no {attr}")
        if not isinstance(module.RULE, Rule) or module.RULE.id != rule_id(info.name):
            raise TypeError(f"rule module {module.__name__}: RULE.id must be "
                            f"'{rule_id(info.name)}'")
        if unknown := [s for s in (*module.NEEDS, *module.CHECKS) if s not in EXTRACT_FILES]:
            raise TypeError(f"rule module {module.__name__} names unknown files {unknown}")
        modules.append(module)
    return tuple(modules)


def check(conn: duckdb.DuckDBPyConnection, staged: StagedDelivery, extract_date: date
          ) -> tuple[list[tuple[Rule, str | None]], list[Finding]]:
    """Run every rule whose files are loadable; every (rule, file) that ran and every finding."""
    loadable = staged.loadable_reads
    ran: list[tuple[Rule, str | None]] = []
    findings: list[Finding] = []
    for module in discover():
        files = [EXTRACT_FILES[s].file_name for s in module.CHECKS if s in loadable]
        if not files or any(s not in loadable for s in module.NEEDS):
            continue
        ran.extend((module.RULE, f) for f in files)
        findings.extend(f for f in module.check(conn, extract_date) if f.file in files)
    return ran, findings


class DfeRule(NamedTuple):
    """A DfE CIN census validation rule we check, and where: `every_delivery` rules read the
    staged tables (canonical CSVs and converted official files alike); the others read a CIN
    census return as it is streamed (`pipelines/read/cin_census_rules/`)."""

    code: str
    message: str
    severity: Severity
    rule_id: str
    every_delivery: bool


def dfe_rules() -> list[DfeRule]:
    """Every DfE rule we check, in DfE code order (a code checked in both places is listed
    twice: once for the staged tables, once for the census return's own elements)."""
    listed = [DfeRule(m.RULE.dfe_code, getattr(m, "DFE_MESSAGE", m.RULE.message),
                      m.RULE.severity, m.RULE.id, True)
              for m in discover() if m.RULE.dfe_code]
    listed += [DfeRule(r.dfe_code, r.message, r.severity, r.id, False)
               for r in cin_census_rules.rules()]
    return sorted(listed, key=lambda r: (int(r.code.rstrip("Q")), not r.every_delivery))
