"""DfE 8790: a child's disabilities are either NONE alone or one or more disability codes.

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.8790", "blocking", (
    "Disability information includes both none and other values."), "8790")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    codes = {code.upper() for code in child.disabilities}
    if "NONE" in codes and len(codes) > 1:
        yield Problem(child.line, "Disability", None,
                      "the disabilities include NONE and other codes")
