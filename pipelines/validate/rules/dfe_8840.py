"""DfE 8840: a child protection plan does not start and end on the same day.

extracts.md, cp_plans.csv: "end_date | not before start_date". A plan ending on its start day
is allowed by the spec, so this is a query for every delivery (a DfE error in a census return).
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.8840", "query",
            "Child protection plan cannot start and end on the same day.", "8840")
NEEDS = ()
CHECKS = ("cp_plans",)

SQL = """
select 'cp_plans.csv', _line, 'end_date', end_date,
    'plan ' || plan_id || ' starts and ends on ' || start_date
from stg_cp_plans
where end_date = start_date
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return _dfe.findings(RULE, conn, SQL)
