"""The child is under 18 at its earliest event.

extracts.md, children.csv: "birth_month | date | first day of a month, not after the extract
date; the child is under 18 at its earliest event".

Events are early help, referral, assessment, CIN plan and CP plan starts. Dates of birth are
degraded to the first of the month, so the day of birth is unknown: a child born in April 2006
may be 17 until 30 April 2024. The rule refuses only a child who was certainly 18 — whose
earliest event is on or after the first of the month after the 18th birthday month (1 May 2024
for April 2006) — so a real 17-year-old is never refused. Unborn children (no birth_month) are
not checked here.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding

RULE = Rule("cross.child_under_18", "blocking",
            "The child was 18 or over at its earliest event. Correct birth_month or the dates "
            "of its events; the extract covers children under 18.")
NEEDS = ("children",)
CHECKS = ("children",)

SQL = """
with events as (
    select 'early_help.csv' as file, _line, child_id, start_date as event_date
    from stg_early_help
    union all
    select 'referrals.csv', _line, child_id, referral_date from stg_referrals
    union all
    select 'assessments.csv', _line, child_id, start_date from stg_assessments
    union all
    select 'cin_plans.csv', _line, child_id, start_date from stg_cin_plans
    union all
    select 'cp_plans.csv', _line, child_id, start_date from stg_cp_plans
),
earliest as (
    select child_id, file, _line, event_date from events
    where child_id is not null and event_date is not null
    qualify row_number() over (partition by child_id order by event_date, file, _line) = 1
)
select c._line, c.child_id, c.birth_month, e.file, e._line, e.event_date
from stg_children as c join earliest as e on e.child_id = c.child_id
where c.birth_month is not null
    and e.event_date >= c.birth_month + interval 18 year + interval 1 month
order by c._line
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return [
        finding(RULE, "children.csv", line, "birth_month", birth, message=(
            f"children.csv, line {line}, birth_month: child {child_id}, born in the month of "
            f"{birth}, was 18 or over at its earliest event ({event_file} line {event_line}, "
            f"{event_date}). "
            "The extract covers children under 18: correct birth_month or the event's date."))
        for line, child_id, birth, event_file, event_line, event_date
        in conn.execute(SQL).fetchall()
    ]
