"""An assessment's or plan's child is its referral's child.

extracts.md, assessments.csv: "child_id | must equal the referral's child_id"; cin_plans:
"referral_id (must exist, same child)"; "Cross-file rules": "an assessment or plan's child
equals its referral's child".
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding

RULE = Rule("cross.child_matches_referral", "blocking",
            "child_id is not the child of the referral named in referral_id. Correct the "
            "child_id or the referral_id.")
NEEDS = ("referrals",)
CHECKS = ("assessments", "cin_plans", "cp_plans")


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    selects = " union all ".join(
        f"select '{stem}.csv' as file, t._line, t.child_id, t.referral_id, "
        "r.child_id as referral_child_id, r._line as referral_line "
        f"from stg_{stem} as t join referral as r on r.referral_id = t.referral_id "
        "where t.child_id is not null and t.child_id <> r.child_id"
        for stem in CHECKS
    )
    rows = conn.execute(
        "with referral as (select referral_id, child_id, _line from stg_referrals "
        "where child_id is not null "
        "qualify row_number() over (partition by referral_id order by _line) = 1) "
        f"{selects} order by file, _line"
    ).fetchall()
    return [
        finding(RULE, file, line, "child_id", child_id, message=(
            f"{file}, line {line}, child_id: child {child_id} is not the child of referral "
            f"{referral_id}, which is child {referral_child} (referrals.csv line "
            f"{referral_line}). Correct the child_id or the referral_id."))
        for file, line, child_id, referral_id, referral_child, referral_line in rows
    ]
