"""DfE 4180: the child's sex is given with a code of the return's schema: Sex M, F or U (from
2024/25), GenderCurrent 1, 2, 0 or 9 (up to 2023/24).

Applies to CIN census returns only.
"""

from __future__ import annotations

from collections.abc import Iterator

from neglect_insight.pipelines.delivery_types import Rule
from neglect_insight.pipelines.read.cin_census_rules import Census, CensusChild, Problem

RULE = Rule("dfe.4180", "blocking", (
    "Sex must be provided and be a valid code (M, F or U; 1, 2, 0 or 9 where the "
    "return uses GenderCurrent)."), "4180")
SCOPE = "child"


CODES = {"Sex": ("M", "F", "U"), "GenderCurrent": ("1", "2", "0", "9")}


def check(child: CensusChild, census: Census) -> Iterator[Problem]:
    if (child.sex or "").upper() not in CODES[child.sex_element]:
        allowed = ", ".join(CODES[child.sex_element])
        yield Problem(child.line, child.sex_element, child.sex,
                      f"{child.sex_element} is {child.sex or 'missing'}; it must be one of "
                      f"{allowed}")
