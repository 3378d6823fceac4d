"""DfE 8600: every episode has a referral date on or before the census year's end.

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.8600", "blocking", (
    "Child referral date missing or after data collection period."), "8600")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    for episode in child.episodes:
        if episode.referral_date is None:
            yield Problem(episode.line, "CINreferralDate", None, "the referral date is missing")
        elif census.reference_date and episode.referral_date > census.reference_date:
            yield Problem(episode.line, "CINreferralDate", episode.referral_date,
                          f"the referral date {episode.referral_date} is after the census "
                          f"year ends ({census.reference_date})")
