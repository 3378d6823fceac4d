"""DfE 8841: every CP plan review is after the plan's start date.

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.8841", "blocking", (
    "The review date cannot be on the same day or before the child protection plan "
    "start date."), "8841")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    for episode in child.episodes:
        for plan in episode.cp_plans:
            for review in plan.reviews:
                if review and plan.start and review <= plan.start:
                    yield Problem(plan.line, "CPPreviewDate", review,
                                  f"the review on {review} is not after the plan's start on "
                                  f"{plan.start}")
