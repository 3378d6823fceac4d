"""A child has at most one open CIN episode.

extracts.md, "Cross-file rules": "A child has at most one open CIN episode (referral not nfa,
no closure_date) at a time; overlapping episodes are a query." Blocking here: two or more
referrals of one child that are both open now (not nfa, closure_date empty). Episodes whose
dates overlap otherwise are `cross.cin_episodes_overlap` (a query).

Each open referral after the child's first open one (by referral_date, then line) is reported.

This is DfE rule 8815 (more than one open CIN episode).
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding

RULE = Rule("cross.one_open_cin_episode", "blocking",
            "The child has more than one open CIN episode (referral not nfa, closure_date "
            "empty). Close the earlier episode with its closure_date and closure_reason.", "8815")
DFE_MESSAGE = (  # the DfE rule's own wording, for the list of DfE rules covered
    "More than one open CIN episode (with no CIN closure date) has been provided for this"
    " child and the case is not a referral with no further action.")
NEEDS = ()
CHECKS = ("referrals",)

SQL = """
with open_referrals as (
    select referral_id, child_id, referral_date, _line,
        row_number() over (partition by child_id order by referral_date, _line) as open_order,
        first_value(referral_id) over (partition by child_id order by referral_date, _line)
            as first_referral_id,
        first_value(_line) over (partition by child_id order by referral_date, _line)
            as first_line
    from stg_referrals
    where child_id is not null and nfa is distinct from true and closure_date is null
)
select _line, referral_id, child_id, referral_date, first_referral_id, first_line
from open_referrals
where open_order > 1
order by _line
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return [
        finding(RULE, "referrals.csv", line, "closure_date", None, message=(
            f"referrals.csv, line {line}, closure_date: referral {referral_id} of child "
            f"{child_id} is open (not nfa, no closure_date) while the child's referral "
            f"{first_id} (line {first_line}) is also open. A child has at most one open CIN "
            "episode: give the earlier one its closure_date and closure_reason, or correct "
            "the child_id."))
        for line, referral_id, child_id, _referral_date, first_id, first_line
        in conn.execute(SQL).fetchall()
    ]
