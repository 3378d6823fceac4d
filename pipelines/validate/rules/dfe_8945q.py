"""DfE 8945Q (query): the factor code 18A is not used; 18B or 18C says which kind it is.

extracts.md, assessments.csv: "factors | `;`-separated factor codes". Since 2018 the DfE splits
18A into 18B and 18C; an assessment still giving 18A is reported.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.8945Q", "query", (
    "The assessment factor code 18A should not be used (18B or 18C should be used instead)."),
    "8945Q")
NEEDS = ()
CHECKS = ("assessments",)

SQL = """
select 'assessments.csv', _line, 'factors', factors,
    'assessment ' || assessment_id || ' gives 18A'
from stg_assessments
where list_contains(factor_list, '18A')
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return _dfe.findings(RULE, conn, SQL)
