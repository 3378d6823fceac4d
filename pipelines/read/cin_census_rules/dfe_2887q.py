"""DfE 2887Q (query): a whole return uses at least 8 different disability codes (NONE aside).

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, Problem, Tally

RULE = Rule("dfe.2887Q", "query", (
    "Less than 8 disability codes have been used in your return."), "2887Q")
SCOPE = "return"


def check(tally: Tally, census: Census) -> Iterator[Problem]:
    if tally.children and len(tally.disability_codes) < 8:
        yield Problem(census.line, "Disability", None,
                      f"only {len(tally.disability_codes)} different disability codes are used")
