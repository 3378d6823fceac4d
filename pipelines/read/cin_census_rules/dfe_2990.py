"""DfE 2990: an episode closed with reason RC8 or RC9 has no CIN plan, Section 47 enquiry, initial
conference or CP plan.

Applies to CIN census returns only. Synthetic deliveries close some episodes with a plan as
RC8/RC9 and the canonical contract accepts them, so the same episode in a census return is a
query here (a DfE error).
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.2990", "query", (
    "Activity is recorded against a case marked as 'case closed after assessment, no "
    "further action' or 'case closed after assessment, referred to early help'."), "2990")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    for episode in child.episodes:
        if (episode.reason_for_closure or "").upper() not in ("RC8", "RC9"):
            continue
        for element, line in episode.later_activity:
            yield Problem(line, element, None,
                          f"{element} is recorded on an episode closed with reason "
                          f"{episode.reason_for_closure} (closed after assessment)")
