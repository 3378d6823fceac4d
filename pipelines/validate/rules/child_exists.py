"""Every child_id referenced exists in children.csv.

extracts.md: "child_id | text | must exist in children.csv" (early_help, referrals,
cp_plans, attendance, gcp2; case_audits: "may be empty; must exist when given"; cin_plans:
"child_id, referral_id (must exist, same child)"), and under "Cross-file rules": "Every
child_id, referral_id referenced exists". An empty child_id is not looked up here.
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding

RULE = Rule("cross.child_exists", "blocking",
            "child_id is not in children.csv. Add the child to children.csv, or correct the "
            "child_id.")
NEEDS = ("children",)
CHECKS = ("early_help", "referrals", "assessments", "cin_plans", "cp_plans", "attendance",
          "gcp2", "case_audits")


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    # every file's references first, then one anti-join (the target view is read once)
    referenced = " union all ".join(
        f"select '{stem}.csv' as file, _line, child_id from stg_{stem} "
        "where child_id is not null"
        for stem in CHECKS
    )
    rows = conn.execute(
        f"select file, _line, child_id from ({referenced}) as t where not exists "
        "(select 1 from stg_children as c where c.child_id = t.child_id) order by file, _line"
    ).fetchall()
    return [
        finding(RULE, file, line, "child_id", child_id, message=(
            f"{file}, line {line}, child_id: child {child_id} is not in children.csv. Add the "
            "child to children.csv, or correct the child_id."))
        for file, line, child_id in rows
    ]
