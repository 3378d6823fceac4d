"""DfE 8897Q (query): a completed assessment gives its factors.

extracts.md, assessments.csv: "factors | factor codes identified at assessment (only when
authorised)". An assessment with an authorised_date and no factors is reported (21 records
"no factors identified").
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.8897Q", "query", (
    "Parental or child factors at assessment information is missing from a completed "
    "assessment."), "8897Q")
NEEDS = ()
CHECKS = ("assessments",)

SQL = """
select 'assessments.csv', _line, 'factors', null,
    'assessment ' || assessment_id || ' was authorised on ' || authorised_date
    || ' but gives no factors (21 records none identified)'
from stg_assessments
where authorised_date is not null and len(factor_list) = 0
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return _dfe.findings(RULE, conn, SQL)
