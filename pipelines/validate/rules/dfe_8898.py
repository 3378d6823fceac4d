"""DfE 8898: an assessment gives each factor code once.

extracts.md, assessments.csv: "factors | `;`-separated factor codes". A code given twice in one
list is reported. A query for every delivery (a DfE error in a census return): the repeat is
harmless to the figures, which count each code once.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.8898", "query", (
    "The assessment has more than one parental or child factor with the same code."), "8898")
NEEDS = ()
CHECKS = ("assessments",)

SQL = """
select 'assessments.csv', _line, 'factors', factors,
    'assessment ' || assessment_id || ' gives a factor code more than once'
from stg_assessments
where len(factor_list) > len(list_distinct(factor_list))
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return _dfe.findings(RULE, conn, SQL)
