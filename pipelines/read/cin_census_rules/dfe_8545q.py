"""DfE 8545Q (query): a date of death, when given, is in the census year.

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.8545Q", "query", (
    "Child's date of death should be within the census year."), "8545Q")
SCOPE = "child"


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    if child.death_date and census.reference_date and not census.contains(child.death_date):
        yield Problem(child.line, "PersonDeathDate", child.death_date,
                      f"the date of death {child.death_date} is outside the census year "
                      f"{census.start} to {census.reference_date}")
