"""DfE 8608: an assessment is not authorised before it starts.

Applies to CIN census returns only (for every delivery the contract rule
`assessments.authorised_not_before_start` checks the same on assessments.csv).
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.8608", "blocking", (
    "Assessment start date cannot be later than its end date."), "8608")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    for episode in child.episodes:
        for a in episode.assessments:
            if a.start and a.authorised and a.start > a.authorised:
                yield Problem(a.line, "AssessmentActualStartDate", a.start,
                              f"the assessment starts on {a.start}, after it was authorised on "
                              f"{a.authorised}")
