"""Model `eh_episodes`: one row per early help episode, with its neglect flag (indicators.md:
an EH neglect episode is one whose factors include 16A). Factors are `;`-separated,
case-insensitive, spaces and empty entries ignored."""

from datetime import date

from tests.helpers import build_load

FILES = {
    "children": """
        child_id,sex,birth_month,ethnicity,disabled,locality
        c1,F,2015-01-01,WBRI,false,North
        c2,M,2016-01-01,WBRI,false,North
    """,
    "early_help": """
        episode_id,child_id,start_date,end_date,factors,end_reason,organisation,gcp2_score
        e1,c1,2023-05-10,2023-11-30,16A;3B,stepped_up,school,2
        e2,c1,2024-02-01,,16a,,health,
        e3,c2,2024-03-01,2024-06-30, 3b ; ;16A ,needs_met,la,4
        e4,c2,2024-07-01,,1B;16,,la,
        e5,c2,2024-08-01,,,,voluntary,
    """,
    "referrals": "referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,"
                 "closure_reason",
    "assessments": "assessment_id,referral_id,child_id,start_date,authorised_date,factors",
    "cp_plans": "plan_id,child_id,referral_id,start_date,end_date,initial_category,"
                "latest_category",
}


def test_neglect_is_factor_16a_in_any_case_and_spacing(tmp_path):
    conn = build_load(tmp_path, FILES)
    got = conn.execute("select episode_id, child_id, start_date, end_date, factor_list, "
                       "is_neglect, end_reason, organisation, gcp2_score "
                       "from eh_episodes order by episode_id").fetchall()
    assert got == [
        # closed, two factors, one of them 16A
        ("e1", "c1", date(2023, 5, 10), date(2023, 11, 30), ["16A", "3B"], True,
         "STEPPED_UP", "SCHOOL", 2),
        # open; lower-case 16a is 16A
        ("e2", "c1", date(2024, 2, 1), None, ["16A"], True, None, "HEALTH", None),
        # spaces and an empty entry between the semicolons are dropped
        ("e3", "c2", date(2024, 3, 1), date(2024, 6, 30), ["3B", "16A"], True,
         "NEEDS_MET", "LA", 4),
        # 16 is not 16A
        ("e4", "c2", date(2024, 7, 1), None, ["1B", "16"], False, None, "LA", None),
        # no factors recorded: an empty list, not neglect
        ("e5", "c2", date(2024, 8, 1), None, [], False, None, "VOLUNTARY", None),
    ]
