"""DfE 8730: every CP plan gives NumberOfPreviousCPP.

Applies to CIN census returns only (previous_plans is optional in a canonical cp_plans.csv).
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.8730", "blocking", (
    "Total number of previous child protection plans missing."), "8730")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    for episode in child.episodes:
        for plan in episode.cp_plans:
            if plan.previous_plans is None:
                yield Problem(plan.line, "NumberOfPreviousCPP", None,
                              "the number of previous plans is missing")
