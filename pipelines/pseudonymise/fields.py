"""What pseudonymising does to one column (or XML element), decided by its name alone.

    named like a direct identifier (extracts.md "Refusals": names, addresses, emails, phone
    numbers, NHS numbers, UPNs and former UPNs), or with `name` anywhere in its name (a
    school census PreferredForename)                      → dropped
    a person or episode key (child_id, LAchildID, referral_id, assessment_id, plan_id,
    episode_id; a pupil id, which is the child's id)      → keyed pseudonym (keys.py)
    a postcode                                            → its outward code (`CB1 2AB` → `CB1`)
    a date of birth, expected birth or death              → the first day of its month
    anything else                                         → copied as it is

Names are compared as `pipelines/validate/identifiers.py` does (lower case, letters only), so
`Child ID`, `child_id` and `ChildID` are the same column. A date or postcode that cannot be read
is left empty: it is never copied whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from neglect_insight.pipelines.read.cells import clean, parse_date
from neglect_insight.pipelines.validate.identifiers import (
    OUTWARD_CODE,
    is_identifier_name,
    is_postcode_name,
    letters,
)

# Key column (letters only) → the pseudonym's prefix, one per kind of key. LAchildID (CIN and
# school census) and a pupil id name the child (pipelines/read/school_census.py), so a child
# has the same pseudonym in every CSV and XML.
KEY_PREFIXES = {
    "childid": "C", "lachildid": "C", "pupilid": "C", "pseudonymisedpupilid": "C",
    "pupilpseudonym": "C", "referralid": "R", "assessmentid": "A", "planid": "P",
    "episodeid": "E",
}
DATE_OF_BIRTH_WORDS = ("birth", "death")

_OUTWARD = re.compile(OUTWARD_CODE)
_FULL_POSTCODE_NO_SPACE = re.compile(rf"({OUTWARD_CODE})[0-9][A-Z]{{2}}")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")


class Treatment(Enum):
    COPY = "copied"
    DROP = "dropped"
    PSEUDONYMISE = "pseudonymised"
    CUT_TO_MONTH = "cut to the first of the month"
    CUT_TO_OUTWARD_CODE = "cut to the outward code"


@dataclass(frozen=True)
class Field:
    """A column or element and what happens to its values."""

    name: str
    treatment: Treatment
    prefix: str = ""  # for a key: the pseudonym's prefix


def field(name: str) -> Field:
    key = letters(name)
    if is_identifier_name(name) or "name" in key:
        return Field(name, Treatment.DROP)
    if key in KEY_PREFIXES:
        return Field(name, Treatment.PSEUDONYMISE, KEY_PREFIXES[key])
    if is_postcode_name(name):
        return Field(name, Treatment.CUT_TO_OUTWARD_CODE)
    if key == "dob" or any(word in key for word in DATE_OF_BIRTH_WORDS):
        return Field(name, Treatment.CUT_TO_MONTH)
    return Field(name, Treatment.COPY)


def first_of_month(value: str) -> str | None:
    """`2015-04-17` (or `17/04/2015`, an Excel date number, `2015-04`) → `2015-04-01`; None
    for text that is not a date."""
    text = clean(value)
    if text is None:
        return None
    parsed = parse_date(text)
    if parsed is not None:
        return parsed.replace(day=1).isoformat()
    match = _YEAR_MONTH.fullmatch(text)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{match.group(1)}-{match.group(2)}-01"
    return None


def outward_code(value: str) -> str | None:
    """`CB1 2AB` or `cb12ab` → `CB1`; an outward code stays; None for anything else."""
    text = re.sub(r"\s+", " ", (clean(value) or "").upper())
    if not text:
        return None
    head = text.split(" ")[0]
    if _OUTWARD.fullmatch(head):
        return head
    match = _FULL_POSTCODE_NO_SPACE.fullmatch(text)
    return match.group(1) if match else None
