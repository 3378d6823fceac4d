"""DfE 8867: an episode that is closed has no assessment still open.

extracts.md, assessments.csv: "authorised_date | empty while the assessment is open". An
assessment without an authorised_date on a referral with a closure_date is reported. A query
for every delivery (a DfE error in a census return): the spec allows an assessment to stay
open in the data.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.8867", "query", (
    "CIN episode is shown as closed, however the assessment is not shown as completed."),
    "8867")
NEEDS = ("referrals",)
CHECKS = ("assessments",)

SQL = """
select 'assessments.csv', a._line, 'authorised_date', null,
    'assessment ' || a.assessment_id || ' has no authorised_date, but its referral '
    || r.referral_id || ' closed on ' || r.closure_date || ' (referrals.csv line ' || r._line
    || ')'
from stg_assessments as a
join stg_referrals as r on r.referral_id = a.referral_id
where a.authorised_date is null and r.closure_date is not null
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return _dfe.findings(RULE, conn, SQL)
