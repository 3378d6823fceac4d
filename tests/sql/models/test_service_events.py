"""Model `service_events`: one row per service a child received, in journey order (EH 1,
referral 2, assessment 3, CIN plan 4, CP plan 5), with its start and end."""

from datetime import date

from tests.helpers import build_load

FILES = {
    "children": """
        child_id,sex,birth_month,ethnicity,disabled,locality
        c1,F,2015-01-01,WBRI,false,North
    """,
    "early_help": """
        episode_id,child_id,start_date,end_date,factors,end_reason,organisation
        e1,c1,2024-01-01,2024-03-31,,stepped_up,school
    """,
    "referrals": """
        referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,closure_reason
        r1,c1,2024-04-01,5D,N1,false,,
    """,
    "assessments": """
        assessment_id,referral_id,child_id,start_date,authorised_date,factors
        s1,r1,c1,2024-04-02,,
    """,
    "cin_plans": """
        child_id,referral_id,start_date,end_date
        c1,r1,2024-05-01,2024-06-30
    """,
    "cp_plans": """
        plan_id,child_id,referral_id,start_date,end_date,initial_category,latest_category
        p1,c1,r1,2024-07-01,,NEG,
    """,
}


def test_one_row_per_service_in_journey_order(tmp_path):
    conn = build_load(tmp_path, FILES)
    got = conn.execute("select service, service_order, event_id, child_id, referral_id, "
                       "start_date, end_date from service_events order by service_order").fetchall()
    assert got == [
        ("early_help", 1, "e1", "c1", None, date(2024, 1, 1), date(2024, 3, 31)),
        ("referral", 2, "r1", "c1", "r1", date(2024, 4, 1), None),
        ("assessment", 3, "s1", "c1", "r1", date(2024, 4, 2), None),  # not yet authorised
        ("cin_plan", 4, "r1/2024-05-01", "c1", "r1", date(2024, 5, 1), date(2024, 6, 30)),
        ("cp_plan", 5, "p1", "c1", "r1", date(2024, 7, 1), None),
    ]
