"""DfE 8863Q (query): an assessment does not start while another of the child's assessments is
ongoing.

An assessment that starts after an earlier assessment of the same child started and before it
was authorised (or while it is still open) is reported, naming the first such assessment.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.8863Q", "query", (
    "An assessment is shown as starting when there is another assessment ongoing."), "8863Q")
NEEDS = ()
CHECKS = ("assessments",)

SQL = """
with assessments as (
    select assessment_id, child_id, start_date, authorised_date, _line from stg_assessments
    where child_id is not null and start_date is not null
)
select 'assessments.csv', later._line, 'start_date', later.start_date,
    'assessment ' || later.assessment_id || ' starts on ' || later.start_date
    || ' while assessment ' || earlier.assessment_id || ' (line ' || earlier._line
    || ') is ongoing'
from assessments as later
join assessments as earlier
    on earlier.child_id = later.child_id
    and (earlier.start_date, earlier._line) < (later.start_date, later._line)
    and later.start_date < coalesce(earlier.authorised_date, 'infinity'::date)
qualify row_number() over (partition by later._line order by earlier.start_date,
    earlier._line) = 1
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return _dfe.findings(RULE, conn, SQL)
