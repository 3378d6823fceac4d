"""DfE 1104: an initial child protection conference date (on the CIN episode or its Section 47
enquiry) is not before the episode's referral date.

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.1104", "blocking", (
    "The date of the initial child protection conference cannot be before the "
    "referral date."), "1104")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    for episode in child.episodes:
        if episode.referral_date is None:
            continue
        dates = [(episode.line, episode.initial_cpc_date)]
        dates += [(s47.line, s47.icpc_date) for s47 in episode.section47s]
        for line, conference in dates:
            if conference is not None and conference < episode.referral_date:
                yield Problem(line, "DateOfInitialCPC", conference,
                              f"the initial conference on {conference} is before the referral "
                              f"on {episode.referral_date}")
