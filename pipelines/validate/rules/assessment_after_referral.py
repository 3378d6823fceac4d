"""An assessment starts on or after its referral_date.

extracts.md, assessments.csv: "start_date | on or after the referral_date"; "Cross-file
rules": "An assessment starts on or after its referral_date."

This is DfE rule 1103.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding

RULE = Rule("cross.assessment_after_referral", "blocking",
            "The assessment starts before its referral's referral_date. Correct start_date, "
            "the referral_id or the referral_date.", "1103")
DFE_MESSAGE = (  # the DfE rule's own wording, for the list of DfE rules covered
    "The assessment start date cannot be before the referral date.")
NEEDS = ("referrals",)
CHECKS = ("assessments",)

SQL = """
with referral as (
    select referral_id, referral_date, _line from stg_referrals
    qualify row_number() over (partition by referral_id order by _line) = 1
)
select a._line, a.assessment_id, a.start_date, a.referral_id, r.referral_date, r._line
from stg_assessments as a
join referral as r on r.referral_id = a.referral_id
where a.start_date < r.referral_date
order by a._line
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return [
        finding(RULE, "assessments.csv", line, "start_date", start, message=(
            f"assessments.csv, line {line}, start_date: assessment {assessment_id} starts on "
            f"{start}, before its referral {referral_id} was made on {referral_date} "
            f"(referrals.csv line {referral_line}). An assessment starts on or after its "
            "referral_date: correct start_date, the referral_id or the referral_date."))
        for line, assessment_id, start, referral_id, referral_date, referral_line
        in conn.execute(SQL).fetchall()
    ]
