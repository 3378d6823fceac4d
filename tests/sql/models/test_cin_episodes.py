"""Model `cin_episodes`: one row per referral (= one CIN episode) with when neglect was first
identified (indicators.md, "CIN neglect episode"): the earliest authorised date among its
assessments whose factors include 16A. Unauthorised assessments never count for neglect but
are counted in `assessment_count`."""

from datetime import date

from tests.helpers import build_load

FILES = {
    "children": """
        child_id,sex,birth_month,ethnicity,disabled,locality
        c1,F,2015-01-01,WBRI,false,North
        c2,M,2016-01-01,WBRI,false,North
        c3,F,2017-01-01,WBRI,false,South
    """,
    "early_help": "episode_id,child_id,start_date,end_date,factors,end_reason,organisation",
    "referrals": """
        referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,closure_reason
        r1,c1,2024-01-10,5D,N1,false,2024-06-30,RC9
        r2,c1,2024-09-01,6,,true,2024-09-02,RC8
        r3,c2,2024-05-05,2A,N3,false,,
        r4,c3,2024-07-01,1A,N1,false,,
    """,
    "assessments": """
        assessment_id,referral_id,child_id,start_date,authorised_date,factors
        a1,r1,c1,2024-01-12,2024-03-01,3B;16A
        a2,r1,c1,2024-01-11,2024-02-01,16a
        a3,r1,c1,2024-04-01,,
        a4,r3,c2,2024-05-06,2024-06-01,1B;2B
        a5,r4,c3,2024-07-02,,16A
    """,
    "cp_plans": "plan_id,child_id,referral_id,start_date,end_date,initial_category,"
                "latest_category",
}


def test_neglect_date_is_the_earliest_authorised_16a_assessment(tmp_path):
    conn = build_load(tmp_path, FILES)
    got = conn.execute("select referral_id, child_id, referral_date, source, primary_need, nfa, "
                       "closure_date, closure_reason, neglect_authorised_date, assessment_count "
                       "from cin_episodes order by referral_id").fetchall()
    assert got == [
        # a1 (1 March) and a2 (1 February) both name 16A: the earlier, a2; a3 is not yet
        # authorised but is still one of r1's three assessments
        ("r1", "c1", date(2024, 1, 10), "5D", "N1", False, date(2024, 6, 30), "RC9",
         date(2024, 2, 1), 3),
        # nfa referral without assessments
        ("r2", "c1", date(2024, 9, 1), "6", None, True, date(2024, 9, 2), "RC8", None, 0),
        # authorised, but for other factors: no neglect
        ("r3", "c2", date(2024, 5, 5), "2A", "N3", False, None, None, None, 1),
        # 16A on an assessment not yet authorised: neglect is not identified yet
        ("r4", "c3", date(2024, 7, 1), "1A", "N1", False, None, None, None, 1),
    ]
