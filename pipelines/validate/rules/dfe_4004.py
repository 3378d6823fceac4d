"""DfE 4004: a child has at most one open child in need plan (no end date).

extracts.md, cin_plans.csv: "end_date (empty = open; not before start_date)". The spec has no
rule of its own on open plans, so this is a query for every delivery (a DfE error in a census
return). Every open plan after the child's first open one is reported.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.4004", "query", (
    "This child is showing more than one open CIN plan, i.e. with no end date."), "4004")
NEEDS = ()
CHECKS = ("cin_plans",)

SQL = """
select 'cin_plans.csv', _line, 'end_date', null,
    'the plan starting ' || start_date || ' of child ' || child_id || ' has no end_date, and '
    || 'nor has the child''s plan on line ' || first_line
from (
    select child_id, start_date, _line,
        row_number() over (partition by child_id order by start_date, _line) as open_order,
        first_value(_line) over (partition by child_id order by start_date, _line)
            as first_line
    from stg_cin_plans
    where child_id is not null and end_date is null
)
where open_order > 1
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return _dfe.findings(RULE, conn, SQL)
