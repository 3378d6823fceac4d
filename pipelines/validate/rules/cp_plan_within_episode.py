"""A CP plan lies within its episode (query).

extracts.md, "Cross-file rules": "A CP plan lies within its episode (start ≥ referral_date,
end ≤ closure_date when both known); query." cp_plans.csv: "start_date | not in the future
(a start before its referral is a query, below)".

A plan can break both bounds; each is its own finding (start_date, end_date).

Its start bound is DfE rule 1105 (a DfE error; a query here, as the spec says).
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding

RULE = Rule("cross.cp_plan_within_episode", "query",
            "The child protection plan is not within its episode (it starts before the "
            "referral_date or ends after the closure_date). Check the dates and the "
            "referral_id.", "1105")
DFE_MESSAGE = (  # the DfE rule's own wording, for the list of DfE rules covered
    "The child protection plan start date cannot be before the referral date.")
NEEDS = ("referrals",)
CHECKS = ("cp_plans",)

SQL = """
with referral as (
    select referral_id, referral_date, closure_date, _line from stg_referrals
    qualify row_number() over (partition by referral_id order by _line) = 1
)
select p._line, p.plan_id, p.referral_id, r._line, 'start_date', p.start_date, r.referral_date
from stg_cp_plans as p join referral as r on r.referral_id = p.referral_id
where p.start_date < r.referral_date
union all
select p._line, p.plan_id, p.referral_id, r._line, 'end_date', p.end_date, r.closure_date
from stg_cp_plans as p join referral as r on r.referral_id = p.referral_id
where p.end_date > r.closure_date
order by 1, 5 desc
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    findings = []
    for line, plan_id, referral_id, referral_line, column, value, bound in (
            conn.execute(SQL).fetchall()):
        if column == "start_date":
            what = f"starts on {value}, before its referral was made on {bound}"
        else:
            what = f"ends on {value}, after its episode closed on {bound}"
        findings.append(finding(RULE, "cp_plans.csv", line, column, value, message=(
            f"cp_plans.csv, line {line}, {column}: plan {plan_id} {what} (referral "
            f"{referral_id}, referrals.csv line {referral_line}). A plan lies within its "
            "episode: check the plan's dates and its referral_id.")))
    return findings
