"""DfE 8935: a child has at most one open child protection plan (no end date).

extracts.md, "Cross-file rules": "CP plans of one child do not overlap"; two open plans are
the overlap DfE rule 8935 names, so they are reported here (blocking, as the spec says) and not
again by `cross.cp_plans_no_overlap` (DfE 8940). Every open plan after the child's first open
one (by start_date, then line) is reported.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.8935", "blocking", (
    "This child is showing more than one open child protection plan, i.e. with no end date."),
    "8935")
NEEDS = ()
CHECKS = ("cp_plans",)

SQL = """
select 'cp_plans.csv', _line, 'end_date', plan_id,
    'plan ' || plan_id || ' of child ' || child_id || ' has no end_date, and nor has the '
    || 'child''s plan ' || first_plan || ' (line ' || first_line || '): end the earlier one'
from (
    select plan_id, child_id, _line,
        row_number() over (partition by child_id order by start_date, _line) as open_order,
        first_value(plan_id) over (partition by child_id order by start_date, _line)
            as first_plan,
        first_value(_line) over (partition by child_id order by start_date, _line)
            as first_line
    from stg_cp_plans
    where child_id is not null and end_date is null
)
where open_order > 1
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return _dfe.findings(RULE, conn, SQL)
