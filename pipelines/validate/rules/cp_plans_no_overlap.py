"""CP plans of one child do not overlap.

extracts.md, "Cross-file rules": "CP plans of one child do not overlap (a plan may start on
the day the previous one ends)."

Plans are ordered by start_date, then line; a plan that starts before an earlier plan of the
same child ends (or while it is still open) is reported, once, naming the first such plan.
This is DfE rule 8940; two plans that are both still open are DfE 8935 (`dfe_8935.py`) and are
not repeated here.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding

RULE = Rule("cross.cp_plans_no_overlap", "blocking",
            "The child protection plan starts before the same child's previous plan ends. End "
            "the previous plan on or before this start_date, or correct the dates.", "8940")
DFE_MESSAGE = (  # the DfE rule's own wording, for the list of DfE rules covered
    "Child protection plan data contains overlapping dates.")
NEEDS = ()
CHECKS = ("cp_plans",)

SQL = """
with plans as (
    select plan_id, child_id, start_date, end_date, _line
    from stg_cp_plans
    where child_id is not null and start_date is not null
),
overlapping as (
    select later._line, later.plan_id, later.child_id, later.start_date,
        earlier.plan_id as earlier_id, earlier._line as earlier_line,
        earlier.end_date as earlier_end_date
    from plans as later
    join plans as earlier
        on earlier.child_id = later.child_id
        and (earlier.start_date, earlier._line) < (later.start_date, later._line)
        and later.start_date < coalesce(earlier.end_date, 'infinity'::date)
        and not (earlier.end_date is null and later.end_date is null)
    qualify row_number() over (partition by later._line order by earlier.start_date,
        earlier._line) = 1
)
select * from overlapping order by _line
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    findings = []
    for line, plan_id, child_id, start, earlier_id, earlier_line, earlier_end in (
            conn.execute(SQL).fetchall()):
        until = f"ends on {earlier_end}" if earlier_end else "is still open"
        findings.append(finding(RULE, "cp_plans.csv", line, "start_date", start, message=(
            f"cp_plans.csv, line {line}, start_date: plan {plan_id} of child {child_id} starts "
            f"on {start}, but the child's plan {earlier_id} (line {earlier_line}) {until}. "
            "Plans of one child must not overlap (a plan may start on the day the previous one "
            "ends): give the earlier plan its end_date, or correct the dates.")))
    return findings
