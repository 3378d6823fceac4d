"""DfE 8825Q (query): an episode closed after assessment (RC8, RC9) has an assessment.

extracts.md, referrals.csv: closure_reason RC8 "case closed after assessment, no further
action", RC9 "case closed after assessment, referred to early help". Such an episode with no
assessment in assessments.csv is reported on its closure_reason.

On a referral read from a CIN census return the rule applies as the DfE words it, so an nfa
referral closed RC8 with no assessment is reported there, as the DfE's own validation reports
it on the return. In canonical files (CSV, Annex A) an nfa referral is closed, usually with RC8,
before any assessment: that is how our contract records one, so it is not reported there.
A row comes from a census return when its raw row's `_source` is an `.xml` file.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.8825Q", "query", (
    "Reason for closure RC8 (case closed after assessment) or RC9 (case closed after "
    "assessment, referred to early help) has been returned but there is no assessment for the "
    "episode."), "8825Q")
NEEDS = ("assessments",)
CHECKS = ("referrals",)

SQL = """
select 'referrals.csv', r._line, 'closure_reason', r.closure_reason,
    'referral ' || r.referral_id || ' closed with ' || r.closure_reason
    || ' but has no assessment in assessments.csv'
from stg_referrals as r
where upper(r.closure_reason) in ('RC8', 'RC9')
    and (r.nfa is distinct from true or {from_census_return})
    and not exists (select 1 from stg_assessments as a where a.referral_id = r.referral_id)
"""
FROM_CENSUS_RETURN = """exists (select 1 from raw_referrals as raw
    where raw._line = r._line and lower(raw._source) like '%.xml')"""


def _has_sources(conn: duckdb.DuckDBPyConnection) -> bool:
    """Whether raw_referrals keeps the delivered file of its rows (official files were read)."""
    return conn.execute(
        "select count(*) from duckdb_columns() "
        "where table_name = 'raw_referrals' and column_name = '_source'").fetchone()[0] > 0


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    from_census = FROM_CENSUS_RETURN if _has_sources(conn) else "false"
    return _dfe.findings(RULE, conn, SQL.format(from_census_return=from_census))
