"""DfE 100: the Header's ReferenceDate must be 31 March of the collection year
(CollectionDetails/Year).

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, Problem, Tally

RULE = Rule("dfe.100", "blocking", (
    "The reference date is incorrect."), "100")
SCOPE = "return"


def check(tally: Tally, census: Census) -> Iterator[Problem]:
    expected = f"{census.year}-03-31" if census.year else None
    shown = census.reference_date.isoformat() if census.reference_date else None
    if expected is None or shown != expected:
        yield Problem(census.line, "ReferenceDate", shown,
                      f"the reference date is {shown or 'missing'}, but the collection year "
                      f"{census.year or '(missing)'} ends on 31 March of that year")
