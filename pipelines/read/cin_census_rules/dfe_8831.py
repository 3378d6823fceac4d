"""DfE 8831: an episode flagged ReferralNFA has no CIN plan, Section 47 enquiry, initial conference
or CP plan.

Applies to CIN census returns only. An assessment on such a referral is reported for every delivery
by `cross.nfa_without_assessment`, which carries this DfE number too.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.8831", "blocking", (
    "Activity is recorded against a case marked as a referral with no further action."), "8831")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    for episode in child.episodes:
        if not episode.nfa:
            continue
        for element, line in episode.later_activity:
            yield Problem(line, element, None,
                          f"{element} is recorded on a referral with no further action")
