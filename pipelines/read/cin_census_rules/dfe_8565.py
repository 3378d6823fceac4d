"""DfE 8565: nothing in a closed episode (assessment start or authorisation, CIN plan, Section 47
enquiry, initial conference, CP plan) is dated after its closure date.

Applies to CIN census returns only. Synthetic deliveries let a plan outlive its episode's
closure and the canonical contract accepts it, so the same episode in a census return is a query
here (a DfE error).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem
from neglect_insight.pipelines.read.cin_census_rules.census_child import Episode

RULE = Rule("dfe.8565", "query", (
    "Activity shown after a case has been closed."), "8565")
SCOPE = "child"


def _dated(episode: Episode) -> Iterator[tuple[int, str, date | None]]:
    yield episode.line, "DateOfInitialCPC", episode.initial_cpc_date
    for a in episode.assessments:
        yield a.line, "AssessmentActualStartDate", a.start
        yield a.line, "AssessmentAuthorisationDate", a.authorised
    for p in episode.cin_plans:
        yield p.line, "CINPlanStartDate", p.start
    for s in episode.section47s:
        yield s.line, "S47ActualStartDate", s.start
        yield s.line, "DateOfInitialCPC", s.icpc_date
    for p in episode.cp_plans:
        yield p.line, "CPPstartDate", p.start


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    for episode in child.episodes:
        if episode.closure_date is None:
            continue
        for line, element, day in _dated(episode):
            if day is not None and day > episode.closure_date:
                yield Problem(line, element, day,
                              f"{element} {day} is after the episode closed on "
                              f"{episode.closure_date}")
