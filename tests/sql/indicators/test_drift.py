"""Golden test for the drift and timeliness family (indicators.md, "Drift and timeliness").

Period: 12 months ending 2025-03-31, so [2024-04-01, 2025-03-31]. Working days are
numpy.busday_count(start_date, authorised_date, England and Wales bank holidays): weekdays d with
start <= d < authorised, less bank holidays. The bank holidays that matter here (gov.uk):
2024-03-29 Good Friday, 2024-04-01 Easter Monday, 2024-12-25, 2024-12-26, 2025-01-01.
Counts below were worked by hand on a calendar; 9 whole weeks from a Monday = 45 weekdays.
"""

from datetime import date

import pytest

from neglect_insight.pipelines.indicators.engine import compute, family_ids, rows_behind
from tests.helpers import build_load, triples

DRIFT = family_ids("drift")

FILES = {
    "children": """
        child_id,sex,birth_month,ethnicity,disabled,locality
        c1,F,2015-01-01,WBRI,false,North
        c2,M,2016-02-01,WBRI,false,North
        c3,F,2018-03-01,BAFR,true,South
        c4,M,2012-04-01,WBRI,false,South
        c5,F,2020-05-01,AIND,false,North
        c6,M,2011-06-01,WBRI,false,South
        c7,F,2013-07-01,MWBC,false,North
    """,
    "early_help": "episode_id,child_id,start_date,end_date,factors,end_reason,organisation",
    "cp_plans": "plan_id,child_id,referral_id,start_date,end_date,initial_category,"
                "latest_category",
    "referrals": """
        referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,closure_reason
        r1,c1,2023-03-31,6,N1,false,,
        r2,c2,2023-04-01,6,N1,false,,
        r3,c3,2022-01-01,6,N1,false,2025-03-31,RC8
        r4,c4,2021-06-01,6,,true,,
        r5,c5,2020-05-05,6,N1,false,,
        r6,c6,2024-02-29,6,N1,false,,
        r7,c7,2024-02-28,6,N1,false,,
    """,
    "assessments": """
        assessment_id,referral_id,child_id,start_date,authorised_date,factors
        a1,r1,c1,2024-06-03,2024-08-05,
        a2,r2,c2,2024-06-03,2024-08-06,
        a3,r5,c5,2024-11-18,2025-01-23,16A
        a4,r6,c6,2024-11-18,2025-01-24,
        a5,r7,c7,2024-02-19,2024-04-24,
        a6,r1,c1,2024-06-03,2024-08-10,
        a7,r2,c2,2024-01-01,2024-03-28,
        a8,r3,c3,2024-01-01,,
        a9,r5,c5,2025-03-03,2025-03-31,
        a10,r6,c6,2024-01-02,2024-04-01,
        a11,r7,c7,2024-07-10,2024-07-10,
    """,
}
# Assessments authorised in [2024-04-01, 2025-03-31] and their working days:
#   a1  Mon 2024-06-03 -> 2024-08-05: 9 weeks = 45, no bank holiday (26 Aug is later) -> 45,
#       not over.
#   a2  to 2024-08-06: 45 + Mon 5 Aug = 46 -> over.
#   a3  Mon 2024-11-18 -> Thu 2025-01-23: 9 weeks to 2025-01-20 = 45, + Mon 20, Tue 21, Wed 22 = 48
#       weekdays, less 25 Dec, 26 Dec, 1 Jan = 45 -> not over (48 without bank holidays).
#   a4  to Fri 2025-01-24: 49 - 3 = 46 -> over.
#   a5  Mon 2024-02-19 -> Wed 2024-04-24 (spans Easter): 9 weeks to 2024-04-22 = 45, + Mon 22,
#       Tue 23 = 47, less Good Friday 29 Mar and Easter Monday 1 Apr = 45 -> not over.
#   a6  to Sat 2024-08-10: 45 + Mon 5 .. Fri 9 Aug = 50 -> over.
#   a7  authorised 2024-03-28, before the period -> not counted.
#   a8  not authorised -> not counted.
#   a9  2025-03-03 -> 2025-03-31 (authorised on the period end): 4 weeks = 20 -> not over.
#   a10 Tue 2024-01-02 -> Mon 2024-04-01 (authorised on the period start): 12 weeks to Tue
#       2024-03-26 = 60, + 26, 27, 28, 29 Mar = 64, less Good Friday 29 Mar = 63 (1 Apr, the
#       authorised day, is not counted) -> over.
#   a11 started and authorised the same day: 0 -> not over.
# assessments_over_45wd: a1 a2 a3 a4 a5 a6 a9 a10 a11 = 9; over: a2 a4 a6 a10 = 4 / 9 = 44.4.
# cin_open_2y_plus at 2025-03-31 (period_end - 2 years = 2023-03-31), non-nfa, open at end:
#   r1 2023-03-31 (exactly 2 years) -> yes; r2 2023-04-01 -> no; r3 closed on the period end ->
#   not open; r4 nfa -> never; r5 2020 -> yes; r6, r7 2024 -> no.  = 2.
EXPECTED = {
    "assessments_over_45wd": (4, 9, 44.4),
    "cin_open_2y_plus": (2, None, 2),
}
WORKING_DAYS = {"a1": 45, "a2": 46, "a3": 45, "a4": 46, "a5": 45, "a6": 50, "a9": 20,
                "a10": 63, "a11": 0}


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    return build_load(tmp_path_factory.mktemp("drift"), FILES)


def test_drift_matches_hand_worked_answers(conn):
    assert triples(compute(conn, date(2025, 3, 31), ids=DRIFT)) == EXPECTED


def test_family_covers_every_catalogue_id():
    assert sorted(EXPECTED) == sorted(DRIFT)


def test_working_days_match_the_hand_count(conn):
    rows = conn.execute("select assessment_id, working_day_count from assessment_timeliness "
                        "where authorised_date between date '2024-04-01' and date '2025-03-31'"
                        ).fetchall()
    assert dict(rows) == WORKING_DAYS


def test_rows_behind_name_the_assessments(conn):
    rows = rows_behind(conn, "assessments_over_45wd", date(2025, 3, 31)).to_pylist()
    assert sorted(r["record_id"] for r in rows if r["numerator"]) == ["a10", "a2", "a4", "a6"]


def test_cin_open_2y_plus_leap_day(conn):
    # Period end 2026-02-28: minus 2 years = 2024-02-28. Open non-nfa episodes: r1 (2023-03-31),
    # r2 (2023-04-01), r5 (2020) and r7 (2024-02-28, exactly 2 years) -> yes; r6 (2024-02-29)
    # -> no (after 2024-02-28); r3 closed 2025-03-31; r4 nfa. = 4.
    v = compute(conn, date(2026, 2, 28), ids=["cin_open_2y_plus"])["cin_open_2y_plus"]
    assert (v.numerator, v.denominator, v.value) == (4, None, 4)
