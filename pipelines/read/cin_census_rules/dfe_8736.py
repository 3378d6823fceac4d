"""DfE 8736: an assessment with no authorisation date started in the census year.

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.8736", "blocking", (
    "For an assessment that has not been completed, the start date must fall within "
    "the census year."), "8736")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    if census.reference_date is None:
        return
    for episode in child.episodes:
        for a in episode.assessments:
            if a.authorised is None and a.start and not census.contains(a.start):
                yield Problem(a.line, "AssessmentActualStartDate", a.start,
                              f"the assessment is not authorised and started on {a.start}, "
                              f"outside the census year {census.start} to "
                              f"{census.reference_date}")
