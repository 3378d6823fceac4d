"""DfE 4012Q (query): a child in need plan does not start and end on the same day.

extracts.md, cin_plans.csv: "end_date (empty = open; not before start_date)"; a plan ending on
its start day is allowed, but the DfE asks for a reason.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.4012Q", "query",
            "CIN plan shown as starting and ending on the same day.", "4012Q")
NEEDS = ()
CHECKS = ("cin_plans",)

SQL = """
select 'cin_plans.csv', _line, 'end_date', end_date,
    'the plan of child ' || child_id || ' starts and ends on ' || start_date
from stg_cin_plans
where end_date = start_date
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return _dfe.findings(RULE, conn, SQL)
