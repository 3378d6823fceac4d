"""DfE 1560Q (query): a former UPN, when given, has the form of a UPN.

Applies to CIN census returns only. The former UPN is checked where it is read and never kept or
shown.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.1560Q", "query", (
    "Former UPN wrongly formatted."), "1560Q")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    if "1560Q" in child.upn_faults:  # the former UPN itself is never kept or shown
        yield Problem(child.line, "FormerUPN", None, "the former UPN is not well formed")
