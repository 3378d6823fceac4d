"""The known spellings of Annex A sheet names and column headings, one table per list.

Ofsted's template changes a little between years and every LA edits it: "List 3", "List_3",
"List 3 - Referrals" or just "Referrals"; "Child Unique ID" or "Child ID"; "Date of referral" or
"Referral Date". Names and headings are compared after `cells.normalised` (lower case, every run
of punctuation and spaces one space), so only the words need listing here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LIST_NAMES = {
    1: "contacts", 2: "early help", 3: "referrals", 4: "assessments",
    5: "section 47 enquiries", 6: "children in need", 7: "child protection", 8: "children in care",
    9: "care leavers", 10: "adoption", 11: "adopters",
}

# A sheet named "List <n>" (any punctuation, anything after) is list n; otherwise its whole
# normalised name is looked up here; otherwise a heading only that list has decides.
NUMBERED_SHEET = re.compile(r"^list ?(\d{1,2})(?!\d)")
SHEET_NAMES = {
    1: ("contacts",),
    2: ("early help", "early help assessments", "eh", "eha"),
    3: ("referrals",),
    4: ("assessments", "continuous assessments", "social work assessments", "c and f assessments"),
    5: ("section 47", "section 47 enquiries", "s47", "s47s", "s47 enquiries"),
    6: ("children in need", "child in need", "cin"),
    7: ("child protection", "child protection plans", "cp", "cp plans", "cpp"),
    8: ("children in care", "looked after children", "children looked after", "cla", "lac"),
    9: ("care leavers",),
    10: ("adoption", "adoptions"),
    11: ("adopters",),
}
SIGNATURES = {
    2: r"organisation completing|early help (assessment )?start",
    3: r"date of referral|referral date|referral nfa",
    4: r"continuous assessment start|assessment start date", 5: r"section 47 enquiry start",
    6: r"cin start date", 7: r"protection plan start date", 8: r"started to be looked after",
    9: r"eligibility category", 10: r"placed for adoption", 11: r"adopter identifier",
}
ID_HEADER = re.compile(r"^(child (unique )?id(entifier)?|unique child id(entifier)?"
                       r"|individual adopter identifier)$")


@dataclass(frozen=True)
class Column:
    """A column the conversion reads: its name here, a pattern for the normalised heading, the
    Ofsted template's heading (for messages) and whether the list is unusable without it."""

    name: str
    pattern: str
    header: str
    required: bool = True


CHILD_COLUMNS = (
    Column("child_id", ID_HEADER.pattern, "Child Unique ID"),
    Column("sex", r"^(gender|sex)\b", "Gender", required=False),
    Column("ethnicity", r"^ethnicity", "Ethnicity", required=False),
    Column("birth_date", r"^(date of birth|dob|birth date)\b", "Date of Birth", required=False),
    Column("disabled", r"disabilit|disabled", "Does the Child have a Disability",
           required=False),
)
LIST_COLUMNS = {
    2: (Column("start_date", r"(assessment|early help|episode) start date|^start date",
               "Assessment start date"),
        Column("end_date", r"(early help|episode) end date|^end date|date (early help )?closed"
                           r"|early help closure date",
               "Early help end date", required=False),
        Column("end_reason", r"(end|closure) reason|reason for (ending|closure)",
               "Early help end reason", required=False),
        Column("organisation", r"organisation|lead (agency|organisation)",
               "Organisation completing assessment")),
    3: (Column("referral_date", r"date of referral|referral date", "Date of referral"),
        Column("source", r"referral source|source of referral|^source$", "Referral Source"),
        Column("nfa", r"\bnfa\b|no further action", "Referral NFA?")),
    4: (Column("start_date", r"assessment start date|^start date",
               "Continuous Assessment Start Date"),
        Column("authorised_date", r"authori[sz]ation|authori[sz]ed",
               "Continuous Assessment Date of Authorisation")),
    5: (),  # read for the children's details only (no canonical file holds section 47s)
    6: (Column("referral_date", r"cin start date|^start date|cin episode start",
               "CIN Start Date"),
        Column("primary_need", r"primary need|category of need", "Primary Need Code"),
        Column("closure_date", r"cin closure date|^closure date|date of closure|cin end date",
               "CIN Closure Date"),
        Column("closure_reason", r"reason for closure|closure reason", "Reason for Closure"),
        Column("plan_start_date", r"cin plan start", "CIN Plan Start Date", required=False),
        Column("plan_end_date", r"cin plan end", "CIN Plan End Date", required=False)),
    7: (Column("start_date", r"plan start date|^start date", "Child Protection Plan Start Date"),
        Column("initial_category", r"initial category|^category of abuse$",
               "Initial Category of Abuse"),
        Column("latest_category", r"latest category|^category of abuse$",
               "Latest Category of Abuse"),
        Column("end_date", r"plan end date|^end date", "Child Protection Plan End Date"),
        Column("previous_plans", r"number of previous|previous (child protection|cp) plans",
               "Number of Previous Child Protection Plans", required=False)),
}
DATE_COLUMNS = {"referral_date", "closure_date", "start_date", "authorised_date", "end_date",
                "plan_start_date", "plan_end_date"}


def sheet_number(name: str) -> int | None:
    """The list a sheet's name says it is, or None."""
    if numbered := NUMBERED_SHEET.match(name):
        return int(numbered.group(1))
    return next((n for n, names in SHEET_NAMES.items() if name in names), None)
