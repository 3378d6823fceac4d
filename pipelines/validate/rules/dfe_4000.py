"""DfE 4000: a referral with no further action has no child in need plan.

extracts.md, referrals.csv: "nfa | closed with no further action before assessment"; a plan
on such a referral contradicts it. The spec makes the like case of an assessment a query
(`cross.nfa_without_assessment`), so this is a query too (a DfE error in a census return).
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.4000", "query",
            "CIN plan details provided for a referral with no further action.", "4000")
NEEDS = ("referrals",)
CHECKS = ("cin_plans",)

SQL = """
select 'cin_plans.csv', p._line, 'referral_id', p.referral_id,
    'the plan belongs to referral ' || p.referral_id || ' (referrals.csv line ' || r._line
    || '), which is nfa'
from stg_cin_plans as p
join stg_referrals as r on r.referral_id = p.referral_id
where r.nfa
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return _dfe.findings(RULE, conn, SQL)
