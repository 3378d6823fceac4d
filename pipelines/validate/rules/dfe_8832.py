"""DfE 8832: a referral with no further action has no child protection plan.

extracts.md, referrals.csv: "nfa | closed with no further action before assessment"; a CP plan
on such a referral contradicts it. A query for every delivery, like the spec's own
`cross.nfa_without_assessment` (a DfE error in a census return).
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.8832", "query",
            "Child protection details provided for a referral with no further action.", "8832")
NEEDS = ("referrals",)
CHECKS = ("cp_plans",)

SQL = """
select 'cp_plans.csv', p._line, 'referral_id', p.referral_id,
    'plan ' || p.plan_id || ' belongs to referral ' || p.referral_id || ' (referrals.csv line '
    || r._line || '), which is nfa'
from stg_cp_plans as p
join stg_referrals as r on r.referral_id = p.referral_id
where r.nfa
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return _dfe.findings(RULE, conn, SQL)
