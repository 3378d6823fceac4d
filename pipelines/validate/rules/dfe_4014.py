"""DfE 4014: a child's child in need plans do not overlap.

extracts.md, cin_plans.csv: "end_date (empty = open; not before start_date)"; the spec does
not forbid overlapping CIN plans, so this is a query for every delivery (a DfE error in a census
return). A plan that starts before an earlier plan of the child ends is reported (a plan may
start on the day the previous one ends); two open plans are DfE 4004 and not repeated here.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.4014", "query", "CIN plan data contains overlapping dates.", "4014")
NEEDS = ()
CHECKS = ("cin_plans",)

SQL = """
with plans as (
    select child_id, start_date, end_date, _line from stg_cin_plans
    where child_id is not null and start_date is not null
)
select 'cin_plans.csv', later._line, 'start_date', later.start_date,
    'the plan starts on ' || later.start_date || ', before the child''s plan on line '
    || earlier._line || ' ends' || coalesce(' (' || earlier.end_date || ')', ' (still open)')
from plans as later
join plans as earlier
    on earlier.child_id = later.child_id
    and (earlier.start_date, earlier._line) < (later.start_date, later._line)
    and later.start_date < coalesce(earlier.end_date, 'infinity'::date)
    and not (earlier.end_date is null and later.end_date is null)
qualify row_number() over (partition by later._line order by earlier.start_date,
    earlier._line) = 1
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return _dfe.findings(RULE, conn, SQL)
