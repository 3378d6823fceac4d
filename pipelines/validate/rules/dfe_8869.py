"""DfE 8869: the factor code 21 ("no factors identified") is not used with any other factor.

extracts.md, assessments.csv: "factors | `;`-separated factor codes". A list holding 21 and
another code is contradictory. The contract accepts such a list (its factors rule checks only
the form of each code) and synthetic deliveries hold some, so this is a query for every
delivery (a DfE error in a census return).
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.8869", "query", (
    "The assessment factor code 21 (no factors identified) cannot be used with any other "
    "assessment factor."), "8869")
NEEDS = ()
CHECKS = ("assessments",)

SQL = """
select 'assessments.csv', _line, 'factors', factors,
    'assessment ' || assessment_id || ' gives 21 (no factors identified) with other factors'
from stg_assessments
where list_contains(factor_list, '21') and len(list_distinct(factor_list)) > 1
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return _dfe.findings(RULE, conn, SQL)
