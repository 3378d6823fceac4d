"""Every referral_id referenced exists in referrals.csv.

extracts.md: assessments "referral_id | must exist; the assessment belongs to that episode";
cp_plans "referral_id | episode the plan sits in; must exist"; cin_plans "referral_id (must
exist, same child)"; "Cross-file rules": "Every child_id, referral_id referenced exists".
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding

RULE = Rule("cross.referral_exists", "blocking",
            "referral_id is not in referrals.csv. Add the referral to referrals.csv, or correct "
            "the referral_id.")
NEEDS = ("referrals",)
CHECKS = ("assessments", "cin_plans", "cp_plans")


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    # every file's references first, then one anti-join (the target view is read once)
    referenced = " union all ".join(
        f"select '{stem}.csv' as file, _line, referral_id from stg_{stem} "
        "where referral_id is not null"
        for stem in CHECKS
    )
    rows = conn.execute(
        f"select file, _line, referral_id from ({referenced}) as t where not exists "
        "(select 1 from stg_referrals as r where r.referral_id = t.referral_id) "
        "order by file, _line"
    ).fetchall()
    return [
        finding(RULE, file, line, "referral_id", referral_id, message=(
            f"{file}, line {line}, referral_id: referral {referral_id} is not in referrals.csv. "
            "Add the referral to referrals.csv, or correct the referral_id."))
        for file, line, referral_id in rows
    ]
