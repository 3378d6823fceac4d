"""previous_plans is at least the number of the child's earlier plans in the data (query).

extracts.md, cp_plans.csv: "previous_plans | optional column; ≥ 0 or empty; number of earlier
CP plans, in this or another LA, that the LA knows of (CIN census NumberOfPreviousCPP); may
exceed what the data itself shows"; "Cross-file rules": "previous_plans ≥ number of earlier
plans in the data for that child; query."

Earlier plans are the same child's plans with an earlier start_date.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding

RULE = Rule("cross.previous_plans_at_least_earlier_plans", "query",
            "previous_plans is less than the number of the child's earlier plans in "
            "cp_plans.csv. Check previous_plans: it counts every earlier plan the LA knows of.")
NEEDS = ()
CHECKS = ("cp_plans",)

SQL = """
select p._line, p.plan_id, p.child_id, p.previous_plans, count(*) as earlier_count
from stg_cp_plans as p
join stg_cp_plans as earlier
    on earlier.child_id = p.child_id and earlier.start_date < p.start_date
where p.previous_plans is not null
group by all
having p.previous_plans < count(*)
order by p._line
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return [
        finding(RULE, "cp_plans.csv", line, "previous_plans", previous, message=(
            f"cp_plans.csv, line {line}, previous_plans: plan {plan_id} gives {previous} earlier "
            f"plan{'' if previous == 1 else 's'}, but cp_plans.csv holds {earlier} earlier "
            f"plan{'' if earlier == 1 else 's'} for child {child_id}. Check previous_plans: it "
            "counts every earlier plan the LA knows of, so it is at least that many."))
        for line, plan_id, child_id, previous, earlier in conn.execute(SQL).fetchall()
    ]
