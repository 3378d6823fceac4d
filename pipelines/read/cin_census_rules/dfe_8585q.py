"""DfE 8585Q (query): an episode closed with reason RC2 (child died) belongs to a child with a date
of death.

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.8585Q", "query", (
    "CIN episode shows 'died' as the closure reason, but the child has no recorded "
    "date of death."), "8585Q")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    if child.death_date is not None:
        return
    for episode in child.episodes:
        if (episode.reason_for_closure or "").upper() == "RC2":
            yield Problem(episode.line, "ReasonForClosure", "RC2",
                          "the episode closed because the child died (RC2), but the child has "
                          "no date of death")
