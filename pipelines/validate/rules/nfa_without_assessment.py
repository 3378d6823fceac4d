"""An nfa referral has no assessment (query).

extracts.md, referrals.csv: "nfa | bool | `true`/`false`, not empty: closed with no further
action before assessment; an nfa referral has no assessment (query)".

Reported on the referral (its nfa column), naming its first assessment.

DfE rule 8831 for assessments (a DfE error; a query here, as the spec says); other activity on a
census return's nfa referral is `dfe.8831` in `pipelines/read/cin_census_rules/`.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding

RULE = Rule("cross.nfa_without_assessment", "query",
            "The referral is nfa (closed before assessment) but has an assessment. Check nfa, "
            "or the assessment's referral_id.", "8831")
DFE_MESSAGE = (  # the DfE rule's own wording, for the list of DfE rules covered
    "Activity is recorded against a case marked as a referral with no further action.")
NEEDS = ("assessments",)
CHECKS = ("referrals",)

SQL = """
select r._line, r.referral_id, count(*) as assessments,
    arg_min(a.assessment_id, a._line) as first_assessment_id, min(a._line) as first_line
from stg_referrals as r
join stg_assessments as a on a.referral_id = r.referral_id
where r.nfa
group by r._line, r.referral_id
order by r._line
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return [
        finding(RULE, "referrals.csv", line, "nfa", "true", message=(
            f"referrals.csv, line {line}, nfa: referral {referral_id} is nfa (closed with no "
            f"further action before assessment) but has {n} assessment{'' if n == 1 else 's'}, "
            f"first {assessment_id} (assessments.csv line {assessment_line}). Check nfa, or the "
            "assessment's referral_id."))
        for line, referral_id, n, assessment_id, assessment_line in conn.execute(SQL).fetchall()
    ]
