"""DfE 8896: an episode has at most one open assessment.

extracts.md, assessments.csv: "authorised_date | empty while the assessment is open". Every
open assessment of a referral after its first open one (by start_date, then line) is reported.
A query for every delivery (a DfE error in a census return): the spec has no rule on it.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.rules import _dfe

RULE = Rule("dfe.8896", "query", (
    "Within one CIN episode there are two or more open assessments."), "8896")
NEEDS = ()
CHECKS = ("assessments",)

SQL = """
select 'assessments.csv', _line, 'authorised_date', null,
    'assessment ' || assessment_id || ' of referral ' || referral_id || ' is open, and so is '
    || first_open || ' (line ' || first_line || ')'
from (
    select assessment_id, referral_id, _line,
        row_number() over (partition by referral_id order by start_date, _line) as open_order,
        first_value(assessment_id) over (partition by referral_id order by start_date, _line)
            as first_open,
        first_value(_line) over (partition by referral_id order by start_date, _line)
            as first_line
    from stg_assessments
    where referral_id is not null and authorised_date is null
)
where open_order > 1
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    return _dfe.findings(RULE, conn, SQL)
