"""DfE 8620: an episode's closure date, when given, is in the census year.

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.8620", "blocking", (
    "CIN closure date present and does not fall within the census year."), "8620")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    for episode in child.episodes:
        day = episode.closure_date
        if day and census.reference_date and not census.contains(day):
            yield Problem(episode.line, "CINclosureDate", day,
                          f"the episode closed on {day}, outside the census year "
                          f"{census.start} to {census.reference_date}")
