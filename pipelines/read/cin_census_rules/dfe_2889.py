"""DfE 2889: a Section 47 enquiry does not start before its episode's referral date.

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.2889", "blocking", (
    "The section 47 start date cannot be before the referral date."), "2889")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    for episode in child.episodes:
        for s47 in episode.section47s:
            if s47.start and episode.referral_date and s47.start < episode.referral_date:
                yield Problem(s47.line, "S47ActualStartDate", s47.start,
                              f"the enquiry starts on {s47.start}, before the referral on "
                              f"{episode.referral_date}")
