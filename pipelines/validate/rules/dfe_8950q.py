"""DfE 8950Q (query): the factor code 19A is not used; 19B or 19C says which kind it is.

extracts.md, assessments.csv: "factors | `;`-separated factor codes". Since 2018 the DfE splits
19A into 19B and 19C; an assessment still giving 19A is reported.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.8950Q", "query", (
    "The assessment factor code 19A should not be used (19B or 19C should be used instead)."),
    "8950Q")
NEEDS = ()
CHECKS = ("assessments",)

SQL = """
select 'assessments.csv', _line, 'factors', factors,
    'assessment ' || assessment_id || ' gives 19A'
from stg_assessments
where list_contains(factor_list, '19A')
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return _dfe.findings(RULE, conn, SQL)
