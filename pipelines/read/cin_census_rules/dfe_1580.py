"""DfE 1580: LAchildID holds only letters and digits.

Applies to CIN census returns only (a canonical children.csv may use other characters in child_id).
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.1580", "blocking", (
    "LA child ID must not contain any non-alphanumeric characters."), "1580")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    ok = child.child_id is None or (child.child_id.isascii() and child.child_id.isalnum())
    if not ok:
        yield Problem(child.line, "LAchildID", None,
                      "the LA child ID has a character that is not a letter or a digit")
