"""DfE 8696: an assessment's authorisation date, when given, is in the census year.

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.8696", "blocking", (
    "Assessment end date must fall within the census year."), "8696")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    for episode in child.episodes:
        for a in episode.assessments:
            if a.authorised and census.reference_date and not census.contains(a.authorised):
                yield Problem(a.line, "AssessmentAuthorisationDate", a.authorised,
                              f"the assessment was authorised on {a.authorised}, outside the "
                              f"census year {census.start} to {census.reference_date}")
