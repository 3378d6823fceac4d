"""DfE 8715: an initial conference date (on the episode or its Section 47 enquiry) is in the census
year.

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.8715", "blocking", (
    "Date of initial child protection conference must fall within the census year."), "8715")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    if census.reference_date is None:
        return
    for episode in child.episodes:
        dates = [(episode.line, episode.initial_cpc_date)]
        dates += [(s47.line, s47.icpc_date) for s47 in episode.section47s]
        for line, day in dates:
            if day is not None and not census.contains(day):
                yield Problem(line, "DateOfInitialCPC", day,
                              f"the initial conference on {day} is outside the census year "
                              f"{census.start} to {census.reference_date}")
