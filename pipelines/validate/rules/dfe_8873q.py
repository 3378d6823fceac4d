"""DfE 8873Q (query): an episode whose only assessment found no factors (21) closes as RC8/RC9.

When an episode has one assessment, it is authorised and its only factor is 21 ("no factors
identified"), a closed episode should give closure_reason RC8 (closed after assessment, no
further action) or RC9 (closed after assessment, referred to early help).
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.8873Q", "query", (
    "When there is only one assessment on the episode and the factor code 21 (no factors "
    "identified) has been used for the completed assessment, the reason for closure RC8 or RC9 "
    "should be used."), "8873Q")
NEEDS = ("assessments",)
CHECKS = ("referrals",)

SQL = """
with only_assessment as (
    select referral_id, any_value(factor_list) as factor_list,
        any_value(authorised_date) as authorised_date
    from stg_assessments
    where referral_id is not null
    group by referral_id
    having count(*) = 1
)
select 'referrals.csv', r._line, 'closure_reason', r.closure_reason,
    'referral ' || r.referral_id || ' closed with ' || r.closure_reason || ', but its only '
    || 'assessment found no factors (21)'
from stg_referrals as r
join only_assessment as a on a.referral_id = r.referral_id
where r.closure_date is not null and a.authorised_date is not null
    and list_distinct(a.factor_list) = ['21']
    and upper(coalesce(r.closure_reason, '')) not in ('RC8', 'RC9')
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return _dfe.findings(RULE, conn, SQL)
