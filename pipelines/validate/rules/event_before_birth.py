"""A child's early help episodes and referrals start no earlier than 9 months before birth.

extracts.md, "Cross-file rules": "A child's EH episodes and referrals start no earlier than 9
months before birth_month (or expected_birth_month); events in the birth month itself are
after birth."

The bound is birth_month (expected_birth_month for an unborn child) minus 9 months: for a
child born in June 2025 the earliest allowed start is 1 September 2024.

DfE rule 8606 says 40 weeks before the (expected) date of birth; with birth months, 9 months is
the spec's bound.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding

RULE = Rule("cross.event_before_birth", "blocking",
            "The episode or referral starts more than 9 months before the child's birth_month "
            "(or expected_birth_month). Correct the date, the child_id or the child's birth "
            "month in children.csv.", "8606")
DFE_MESSAGE = (  # the DfE rule's own wording, for the list of DfE rules covered
    "Child referral date is more than 40 weeks before the date of birth or expected date "
    "of birth.")
NEEDS = ("children",)
CHECKS = ("early_help", "referrals")

SQL = """
with child as (
    select child_id, coalesce(birth_month, expected_birth_month) as birth_month,
        birth_month is null as is_unborn, _line
    from stg_children
    where child_id is not null
    qualify row_number() over (partition by child_id order by _line) = 1
),
events as (
    select 'early_help.csv' as file, _line, child_id, 'start_date' as column_name,
        start_date as event_date
    from stg_early_help
    union all
    select 'referrals.csv', _line, child_id, 'referral_date', referral_date
    from stg_referrals
)
select e.file, e._line, e.column_name, e.event_date, e.child_id, c.birth_month, c.is_unborn,
    c._line
from events as e join child as c on c.child_id = e.child_id
where e.event_date < c.birth_month - interval 9 month
order by e.file, e._line
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    findings = []
    for file, line, column, event_date, child_id, birth, unborn, child_line in (
            conn.execute(SQL).fetchall()):
        month = "expected_birth_month" if unborn else "birth_month"
        findings.append(finding(RULE, file, line, column, event_date, message=(
            f"{file}, line {line}, {column}: {event_date} is more than 9 months before child "
            f"{child_id}'s {month} {birth} (children.csv line {child_line}). Correct the date, "
            f"the child_id or the child's {month}.")))
    return findings
