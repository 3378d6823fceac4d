"""Table `field_completeness` (pipelines/load/field_completeness.py): filled cells per contract
column, as delivered."""

from __future__ import annotations

from tests.helpers import build_load

FILES = {
    # children.csv: 4 rows. No expected_birth_month or disabled column (both optional).
    "children": """
        child_id,sex,birth_month,ethnicity,locality,favourite_colour
        C1,M,2015-04-01,WBRI,North,red
        C2,F,2016-05-01,WBRI,  ,blue
        C3,F,2017-06-01,WBRI,,green
        C4,U,2018-07-01,WBRI,South,
    """,
    # locality: C1 "North", C2 blank after trimming, C3 empty, C4 "South" -> 2 of 4 filled.
    # favourite_colour is not a contract column: not counted.
    "early_help": """
        episode_id,child_id,start_date,end_date,factors,end_reason,organisation
        E1,C1,2024-01-01,2024-02-01,16A,needs_met,school
        E2,C2,2024-01-01,,,,health
    """,
    # end_date, factors, end_reason: 1 of 2 filled; gcp2_score column absent: 0 of 2.
    "referrals": """
        referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,closure_reason
    """,
    # a header with no rows: every column 0 of 0, share unknown.
    "assessments": "assessment_id,referral_id,child_id,start_date,authorised_date,factors",
    "cp_plans": "plan_id,child_id,referral_id,start_date,end_date,initial_category,latest_category",
    # cin_plans.csv, attendance.csv, ... not sent: 0 rows each.
}


def test_field_completeness_counts_filled_cells_per_contract_column(tmp_path):
    conn = build_load(tmp_path, FILES)
    rows = {
        (file, column): (row_count, filled_count, filled_share)
        for file, column, row_count, filled_count, filled_share in conn.execute(
            'select file, "column", row_count, filled_count, filled_share from field_completeness'
        ).fetchall()
    }

    assert rows[("children.csv", "child_id")] == (4, 4, 1.0)
    assert rows[("children.csv", "locality")] == (4, 2, 0.5)
    assert rows[("children.csv", "expected_birth_month")] == (4, 0, 0.0)
    assert rows[("children.csv", "disabled")] == (4, 0, 0.0)
    assert ("children.csv", "favourite_colour") not in rows
    assert rows[("early_help.csv", "end_date")] == (2, 1, 0.5)
    assert rows[("early_help.csv", "factors")] == (2, 1, 0.5)
    assert rows[("early_help.csv", "gcp2_score")] == (2, 0, 0.0)
    assert rows[("referrals.csv", "referral_date")] == (0, 0, None)
    assert rows[("cin_plans.csv", "start_date")] == (0, 0, None)
    assert rows[("early_years.csv", "taking_up")] == (0, 0, None)


def test_field_completeness_has_one_row_per_contract_column(tmp_path):
    conn = build_load(tmp_path, FILES)
    per_file = dict(conn.execute(
        "select file, count(*) from field_completeness group by file").fetchall())
    # Column counts from shared/spec/extracts.md, optional columns included.
    assert per_file == {
        "children.csv": 7, "early_help.csv": 8, "referrals.csv": 8, "assessments.csv": 6,
        "cin_plans.csv": 4, "cp_plans.csv": 8, "attendance.csv": 6,
        "attendance_all_pupils.csv": 7, "population.csv": 2, "early_years.csv": 3,
        "gcp2.csv": 9, "case_audits.csv": 6,
    }
