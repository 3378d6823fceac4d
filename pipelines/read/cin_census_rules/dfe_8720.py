"""DfE 8720: every CP plan has a start date on or before the census year's end.

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.8720", "blocking", (
    "Child protection plan start date missing or out of data collection period."), "8720")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    for episode in child.episodes:
        for plan in episode.cp_plans:
            if plan.start is None:
                yield Problem(plan.line, "CPPstartDate", None, "the plan has no start date")
            elif census.reference_date and plan.start > census.reference_date:
                yield Problem(plan.line, "CPPstartDate", plan.start,
                              f"the plan starts on {plan.start}, after the census year ends "
                              f"({census.reference_date})")
