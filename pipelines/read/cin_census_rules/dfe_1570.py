"""DfE 1570: LAchildID is at most 20 characters long.

Applies to CIN census returns only (our own child_id may be longer in a canonical children.csv).
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.1570", "blocking", (
    "LA child ID must not be longer than 20 characters."), "1570")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    if child.child_id is not None and len(child.child_id) > 20:
        yield Problem(child.line, "LAchildID", None,
                      f"the LA child ID is {len(child.child_id)} characters long")
