"""DfE 2886Q (query): of the children who are born, no more than 2% have sex not known or missing.

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, Problem, Tally

RULE = Rule("dfe.2886Q", "query", (
    "Percentage of children with no sex recorded is more than 2% (excluding unborns)."), "2886Q")
SCOPE = "return"


def check(tally: Tally, census: Census) -> Iterator[Problem]:
    if tally.born_children and tally.born_without_sex / tally.born_children > 0.02:
        share = 100 * tally.born_without_sex / tally.born_children
        yield Problem(census.line, "Sex", None,
                      f"{tally.born_without_sex:,} of {tally.born_children:,} born children "
                      f"({share:.1f}%) have no sex recorded")
