"""DfE 8670Q (query): an assessment still open at the end of the census year started no more than
45 working days before it ended.

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem
from neglect_insight.pipelines.read.cin_census_rules.working_days import working_days_before

RULE = Rule("dfe.8670Q", "query", (
    "Assessment started more than 45 working days before the end of the census year, "
    "but there is no assessment end date."), "8670Q")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    if census.reference_date is None:
        return
    latest = working_days_before(census.reference_date, 45)
    for episode in child.episodes:
        for a in episode.assessments:
            if a.authorised is None and a.start and a.start < latest:
                yield Problem(a.line, "AssessmentActualStartDate", a.start,
                              f"the assessment started on {a.start} and is not authorised, "
                              f"more than 45 working days before {census.reference_date}")
