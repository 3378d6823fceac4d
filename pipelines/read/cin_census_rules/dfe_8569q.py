"""DfE 8569Q (query): an episode referred more than one working day before the census year began is
not a referral with no further action (those belong to the previous return).

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem
from neglect_insight.pipelines.read.cin_census_rules.working_days import working_days_before

RULE = Rule("dfe.8569Q", "query", (
    "A case with a referral date before one working day prior to the collection start"
    " date must not be flagged as a no further action case."), "8569Q")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    if census.start is None:
        return
    earliest = working_days_before(census.start, 1)
    for episode in child.episodes:
        if episode.nfa and episode.referral_date and episode.referral_date < earliest:
            yield Problem(episode.line, "ReferralNFA", "true",
                          f"the referral on {episode.referral_date} is flagged no further "
                          f"action but was made before {earliest}")
