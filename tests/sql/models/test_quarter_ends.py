"""Model `quarter_ends`: the quarter ends (31 March, 30 June, 30 September, 31 December) a load
covers, from the first on or after the earliest event (EH, referral or CP start or end) to the
last on or before the extract date; a quarter still running is not offered."""

from datetime import date

from tests.helpers import build_load

CHILDREN = """
    child_id,sex,birth_month,ethnicity,disabled,locality
    c1,F,2015-01-01,WBRI,false,North
"""
EARLY_HELP = "episode_id,child_id,start_date,end_date,factors,end_reason,organisation"
REFERRALS = ("referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,"
             "closure_reason")
ASSESSMENTS = "assessment_id,referral_id,child_id,start_date,authorised_date,factors"
CP_PLANS = "plan_id,child_id,referral_id,start_date,end_date,initial_category,latest_category"


def quarter_ends(tmp_path, extract_date: date, early_help: str = "", referrals: str = "",
                 cp_plans: str = "") -> list[date]:
    files = {"children": CHILDREN, "early_help": f"{EARLY_HELP}\n{early_help}",
             "referrals": f"{REFERRALS}\n{referrals}", "assessments": ASSESSMENTS,
             "cp_plans": f"{CP_PLANS}\n{cp_plans}"}
    conn = build_load(tmp_path, files, extract_date=extract_date)
    rows = conn.execute("select quarter_end from quarter_ends order by 1").fetchall()
    return [d for (d,) in rows]


def test_from_an_event_on_a_quarter_end_to_the_last_whole_quarter(tmp_path):
    # Earliest event: e1 starts on 31 March 2024, itself a quarter end. Extract date 14 February
    # 2025: the quarter to 31 March 2025 is still running.
    got = quarter_ends(tmp_path, date(2025, 2, 14),
                       early_help="e1,c1,2024-03-31,2024-04-30,16A,needs_met,la",
                       referrals="r1,c1,2024-05-10,6,N1,false,,",
                       cp_plans="p1,c1,r1,2024-08-01,,NEG,")
    assert got == [date(2024, 3, 31), date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31)]


def test_an_extract_date_on_a_quarter_end_offers_that_quarter(tmp_path):
    # Earliest event: r1 on 1 April 2024, the day after a quarter end; extract date 31 December.
    got = quarter_ends(tmp_path, date(2024, 12, 31),
                       referrals="r1,c1,2024-04-01,6,N1,false,2024-05-01,RC8")
    assert got == [date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31)]


def test_the_earliest_event_may_be_a_cp_plan(tmp_path):
    # Only a CP plan, from 15 November 2023; extract date 1 April 2024.
    got = quarter_ends(tmp_path, date(2024, 4, 1), cp_plans="p1,c1,,2023-11-15,,NEG,")
    assert got == [date(2023, 12, 31), date(2024, 3, 31)]


def test_no_whole_quarter_yet(tmp_path):
    # Earliest event 1 June 2024, extract date 15 June 2024: 30 June is not reached.
    assert quarter_ends(tmp_path, date(2024, 6, 15),
                        early_help="e1,c1,2024-06-01,,16A,,la") == []
