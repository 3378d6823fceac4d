"""DfE 8794: no disability code is given twice for one child.

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.8794", "blocking", (
    "Child has two or more disabilities with the same code."), "8794")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    codes = [code.upper() for code in child.disabilities]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        yield Problem(child.line, "Disability", code, f"the disability {code} is given twice")
