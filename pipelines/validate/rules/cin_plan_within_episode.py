"""A CIN plan lies within its episode (query).

extracts.md, cin_plans.csv: "child_id, referral_id (must exist, same child), start_date,
end_date (empty = open; not before start_date). A plan outside its episode is a query."

Outside = starts before the referral_date, or ends after the closure_date when both are known
(the same bounds as a CP plan's, "Cross-file rules"). Each bound broken is its own finding.

Its start bound is DfE rule 4015 (a DfE error; a query here, as the spec says).
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding

RULE = Rule("cross.cin_plan_within_episode", "query",
            "The child in need plan is not within its episode (it starts before the "
            "referral_date or ends after the closure_date). Check the dates and the "
            "referral_id.", "4015")
DFE_MESSAGE = (  # the DfE rule's own wording, for the list of DfE rules covered
    "The CIN plan start date cannot be before the referral date.")
NEEDS = ("referrals",)
CHECKS = ("cin_plans",)

SQL = """
with referral as (
    select referral_id, referral_date, closure_date, _line from stg_referrals
    qualify row_number() over (partition by referral_id order by _line) = 1
)
select p._line, p.referral_id, r._line, 'start_date', p.start_date, r.referral_date
from stg_cin_plans as p join referral as r on r.referral_id = p.referral_id
where p.start_date < r.referral_date
union all
select p._line, p.referral_id, r._line, 'end_date', p.end_date, r.closure_date
from stg_cin_plans as p join referral as r on r.referral_id = p.referral_id
where p.end_date > r.closure_date
order by 1, 4 desc
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    findings = []
    for line, referral_id, referral_line, column, value, bound in conn.execute(SQL).fetchall():
        if column == "start_date":
            what = f"starts on {value}, before its referral was made on {bound}"
        else:
            what = f"ends on {value}, after its episode closed on {bound}"
        findings.append(finding(RULE, "cin_plans.csv", line, column, value, message=(
            f"cin_plans.csv, line {line}, {column}: the plan {what} (referral {referral_id}, "
            f"referrals.csv line {referral_line}). A plan lies within its episode: check the "
            "plan's dates and its referral_id.")))
    return findings
