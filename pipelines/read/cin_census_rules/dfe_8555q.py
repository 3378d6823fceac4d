"""DfE 8555Q (query): no referral date is after the child's date of death.

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.8555Q", "query", (
    "Child cannot be referred after its recorded date of death."), "8555Q")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    if child.death_date is None:
        return
    for episode in child.episodes:
        if episode.referral_date and episode.referral_date > child.death_date:
            yield Problem(episode.line, "CINreferralDate", episode.referral_date,
                          f"the referral on {episode.referral_date} is after the child's date "
                          f"of death {child.death_date}")
