"""Model `child_profile`: one row per child with the characteristics indicators are broken
down by (indicators.md, breakdowns). Codes arrive as staging leaves them: DfE sex codes mapped,
codes upper-case; `ethnicity_group` is the first letter of the ethnicity code."""

from datetime import date

from tests.helpers import build_load

FILES = {
    "children": """
        child_id,sex,birth_month,expected_birth_month,ethnicity,disabled,locality
        c1,M,2015-04-01,,WBRI,false,North
        c2,2,2020-09-01,,BAFR,TRUE,
        c3,U,,2025-06-01,,,South
        c4,m,2012-01-01,,mwbc,false,South
    """,
    "early_help": "episode_id,child_id,start_date,end_date,factors,end_reason,organisation",
    "referrals": "referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,"
                 "closure_reason",
    "assessments": "assessment_id,referral_id,child_id,start_date,authorised_date,factors",
    "cp_plans": "plan_id,child_id,referral_id,start_date,end_date,initial_category,"
                "latest_category",
}


def test_one_row_per_child_with_its_breakdown_characteristics(tmp_path):
    conn = build_load(tmp_path, FILES)
    got = conn.execute("select child_id, sex, birth_month, expected_birth_month, "
                       "birth_or_expected_month, ethnicity, ethnicity_group, disabled, locality "
                       "from child_profile order by child_id").fetchall()
    assert got == [
        # born April 2015; White British: group W
        ("c1", "M", date(2015, 4, 1), None, date(2015, 4, 1), "WBRI", "W", False, "North"),
        # DfE sex code 2 = F; Black African: group B; locality left empty
        ("c2", "F", date(2020, 9, 1), None, date(2020, 9, 1), "BAFR", "B", True, None),
        # unborn: the expected month stands in for the birth month; nothing recorded
        ("c3", "U", None, date(2025, 6, 1), date(2025, 6, 1), None, None, None, "South"),
        # codes are case-insensitive: m = M, mwbc = MWBC (Mixed): group M
        ("c4", "M", date(2012, 1, 1), None, date(2012, 1, 1), "MWBC", "M", False, "South"),
    ]
