"""DfE 4013: a CIN plan's end date, when given, is in the census year.

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.4013", "blocking", (
    "CIN plan end date must fall within the census year."), "4013")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    for episode in child.episodes:
        for plan in episode.cin_plans:
            if plan.end and census.reference_date and not census.contains(plan.end):
                yield Problem(plan.line, "CINPlanEndDate", plan.end,
                              f"the CIN plan ends on {plan.end}, outside the census year "
                              f"{census.start} to {census.reference_date}")
