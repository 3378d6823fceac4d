"""DfE 1530: a UPN, when given, is well formed: characters 2-4 not a recognised LA code.

Applies to CIN census returns only. The UPN is checked where it is read and never kept or shown
(see `upn.py`).
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.1530", "blocking", (
    "UPN invalid (characters 2-4 not a recognised LA code)."), "1530")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    if "1530" in child.upn_faults:  # the UPN itself is never kept or shown
        yield Problem(child.line, "UPN", None, "the UPN is not well formed")
