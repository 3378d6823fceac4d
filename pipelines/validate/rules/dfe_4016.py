"""DfE 4016: a child in need plan does not start while the child is on a child protection plan.

A child on a CP plan is not also on a CIN plan (the CP plan includes the CIN plan). A CIN plan
that starts on or after the start of a CP plan of the same child and before it ends (or while
it is still open) is reported, naming the first such plan. The spec has no rule on this, so it
is a query for every delivery (a DfE error in a census return).
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.4016", "query", (
    "A CIN plan has been reported as open at the same time as a child protection plan."),
    "4016")
NEEDS = ("cp_plans",)
CHECKS = ("cin_plans",)

SQL = """
select 'cin_plans.csv', c._line, 'start_date', c.start_date,
    'the CIN plan starts on ' || c.start_date || ', while the child is on CP plan '
    || p.plan_id || ' (cp_plans.csv line ' || p._line || ', ' || p.start_date || ' to '
    || coalesce(p.end_date::varchar, 'open') || ')'
from stg_cin_plans as c
join stg_cp_plans as p
    on p.child_id = c.child_id
    and c.start_date >= p.start_date
    and c.start_date < coalesce(p.end_date, 'infinity'::date)
qualify row_number() over (partition by c._line order by p.start_date, p._line) = 1
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return _dfe.findings(RULE, conn, SQL)
