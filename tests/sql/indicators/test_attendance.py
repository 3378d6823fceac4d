"""Golden test for the attendance family (indicators.md, "School attendance").

Main period: 12 months ending 2025-03-31 = [2024-04-01, 2025-03-31]; the academic year
containing period_end is 2024/25 = [2024-09-01, 2025-08-31]. Extract date 2025-07-31 (so a
summer-term row and an episode starting after period_end can exist). Every row is explained
where it is written; the expected numbers were worked out by hand from these comments.
"""

from datetime import date

import pytest

from neglect_insight.pipelines.indicators.engine import breakdown, compute, family_ids, rows_behind
from tests.helpers import build_load

ATTENDANCE = family_ids("attendance")

FILES = {
    "children": """
        child_id,sex,birth_month,ethnicity,disabled,locality
        a1,F,2014-01-01,WBRI,false,North
        a2,M,2013-02-01,WBRI,false,North
        a3,F,2012-03-01,BAFR,false,South
        a4,M,2011-04-01,WBRI,false,South
        a5,F,2015-05-01,MWBC,false,North
        a6,M,2013-06-01,WBRI,false,North
        a7,F,2012-07-01,WBRI,false,South
        a8,M,2014-08-01,AIND,false,South
        a9,F,2016-09-01,WBRI,false,North
        a10,M,2010-10-01,WBRI,false,North
        a11,F,2011-11-01,WBRI,false,South
        a12,M,2012-12-01,WBRI,false,South
        b1,F,2013-01-01,WBRI,false,North
        b2,M,2012-02-01,WBRI,false,North
        b3,M,2011-03-01,WBRI,false,South
        b4,F,2014-04-01,WBRI,false,South
    """,
    "early_help": """
        episode_id,child_id,start_date,end_date,factors,end_reason,organisation
        e_a1,a1,2024-10-01,,3B,,school
        e_a4,a4,2024-01-10,2024-08-15,16A,needs_met,la
        e_a5,a5,2025-06-01,,,,school
        e_a9,a9,2024-09-15,,16A,,la
        e_b1,b1,2023-10-05,2024-06-30,,needs_met,school
        e_b2,b2,2024-01-02,2024-11-20,,needs_met,school
        e_b3a,b3,2024-01-15,2024-05-10,,needs_met,school
        e_b3b,b3,2024-09-10,2024-12-20,,disengaged,school
        e_b4,b4,2024-04-01,2024-07-31,,needs_met,health
    """,
    # e_a1  open from 2024-10-01: a1 in the eh cohort (3B is not neglect)
    # e_a4  16A, ended 2024-08-15: open in the period but not in 2024/25 (ended before 1 Sep)
    # e_a5  starts 2025-06-01, after period_end but inside 2024/25: a5 is in the eh cohort
    # e_a9  16A, open: a9 in the eh and neglect cohorts
    # e_b1, e_b2, e_b3a, e_b3b, e_b4: ended in the period, for eh_attendance_improved (below);
    #       e_b2 (ends 2024-11-20) and e_b3b (ends 2024-12-20) also put b2 and b3 in the eh cohort
    "referrals": """
        referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,closure_reason
        r2,a2,2024-05-20,6,N1,false,,
        r3,a3,2024-10-01,2A,N4,false,,
        r6,a6,2025-01-10,2A,N1,false,,
        r7,a7,2024-11-01,1B,,true,2024-11-02,RC7
        r8,a8,2024-02-01,6,N1,false,,
        r10,a10,2023-05-01,6,N1,false,,
        r11,a11,2023-11-01,6,N1,false,2024-08-31,RC8
        r12,a12,2024-03-01,6,N1,false,2024-08-31,RC7
    """,
    # r2, r3, r6, r8, r10 non-nfa and open in 2024/25: a2, a3, a6, a8, a10 in the cin cohort
    # r7   nfa: a7 is not in the cin cohort
    # r11  closed 2024-08-31, the day before 2024/25 starts: a11 not in any cohort
    # r12  closed 2024-08-31 too, but a12's CP plan p12 is still open: cin "including CP"
    "assessments": """
        assessment_id,referral_id,child_id,start_date,authorised_date,factors
        s2,r2,a2,2024-05-21,2024-06-20,1B
        s6,r6,a6,2025-01-12,2025-04-15,16A
        s10,r10,a10,2023-05-02,2023-06-01,16A
        s11,r11,a11,2023-11-02,2023-12-01,16A
    """,
    # s6   16A authorised 2025-04-15: after period_end 2025-03-31 -> r6 is not a CIN neglect
    #      episode for this period (the definition says "authorised on or before period_end"),
    #      although it is before the end of the academic year; it is for period_end 2025-07-31
    # s10  16A authorised in 2023, r10 still open: a10 in the neglect cohort
    # s11  16A, but r11 closed before 2024/25
    "cp_plans": """
        plan_id,child_id,referral_id,start_date,end_date,initial_category,latest_category
        p2,a2,r2,2024-06-25,,NEG,
        p8,a8,r8,2024-03-01,,MUL,
        p12,a12,r12,2024-07-01,,PHY,
    """,
    # p2   NEG open: a2 in the cp, cin and neglect cohorts (a child in three cohorts)
    # p8   MUL: a8 in cp and cin, never neglect (and a8 has no 2024/25 attendance rows)
    # p12  PHY open in 2024/25 (its episode r12 closed: a query, loaded): a12 in cp and cin
    "attendance": """
        child_id,academic_year,term,possible_sessions,absence_sessions
        a1,2023/24,summer,190,190
        a1,2024/25,autumn,150,15
        a1,2024/25,spring,230,23
        a2,2024/25,autumn,190,95
        a2,2024/25,Spring,190,95
        a3,2024/25,spring,10000,999
        a4,2023/24,autumn,100,20
        a4,2024/25,autumn,100,50
        a5,2024/25,SUMMER,100,30
        a6,2024/25,autumn,100,20
        a7,2024/25,autumn,100,100
        a8,2023/24,autumn,100,50
        a9,2024/25,autumn,200,0
        a10,2024/25,autumn,190,57
        a11,2024/25,autumn,100,100
        a12,2024/25,autumn,100,5
        b1,2022/23,summer,120,30
        b1,2024/25,autumn,150,15
        b2,2022/23,summer,100,10
        b2,2024/25,spring,100,0
        b3,2023/24,autumn,100,40
        b3,2023/24,summer,100,10
        b3,2024/25,autumn,100,30
        b3,2024/25,spring,100,20
        b4,2023/24,spring,100,10
        b4,2024/25,autumn,200,20
    """,
    # Yearly 2024/25 totals (absence / possible, rate):
    #   a1  38/380 = exactly 10%: persistent (its 2023/24 row, 190/190, is another year)
    #   a2  190/380 = exactly 50%: persistent and severe
    #   a3  999/10000 = 9.99%: not persistent
    #   a5  30/100 = 30%     a6  20/100 = 20%     a9  0/200 = 0%     a10 57/190 = 30%
    #   a12 5/100 = 5%       b2  0/100 = 0%       b3  50/200 = 25%
    #   a4, a7, a11, b1, b4 have 2024/25 rows but are in no 2024/25 cohort; a8 has none.
}

# Cohorts for 2024/25 (period_end 2025-03-31) and the children with rows that year:
#   eh      a1 38/380, a5 30/100, a9 0/200, b2 0/100, b3 50/200
#           absence 118/980 = 12.04% -> 12.0; persistent a1, a5, b3 = 3/5 = 60.0; severe 0/5
#   cin     a2 190/380, a3 999/10000, a6 20/100, a10 57/190, a12 5/100 (a8: no rows)
#           absence 1271/10770 = 11.80% -> 11.8; persistent a2, a6, a10 = 3/5 = 60.0;
#           severe a2 = 1/5 = 20.0
#   cp      a2 190/380, a12 5/100 (a8: no rows)
#           absence 195/480 = 40.625% -> 40.6; persistent a2 = 1/2 = 50.0; severe 1/2 = 50.0
#   neglect a2 (CP NEG), a9 (EH 16A), a10 (CIN 16A from 2023); not a6 (16A authorised after
#           period_end), a4 (EH ended before 1 Sep), a11 (closed before 1 Sep)
#           absence 247/770 = 32.08% -> 32.1; persistent a2, a10 = 2/3 = 66.7;
#           severe a2 = 1/3 = 33.3
#
# eh_attendance_improved, EH episodes ending in [2024-04-01, 2025-03-31]:
#   e_a4  start 2024-01-10 -> term before: autumn 2023/24 (ends 2023-12-31) 20/100 = 20%;
#         end 2024-08-15 -> term after: autumn 2024/25 (starts 2024-09-01) 50/100 = 50%;
#         not improved, change +30.0 pp
#   e_b1  start 2023-10-05 -> summer 2022/23 (ends 2023-08-31) 30/120 = 25%;
#         end 2024-06-30 -> autumn 2024/25 15/150 = 10%: improved, -15.0 pp
#   e_b2  start 2024-01-02 -> autumn 2023/24: b2 has no row for it (its 2022/23 summer row is
#         not that term) -> excluded, although it has the term after (spring 2024/25)
#   b3    two episodes ending in the period, counted once on the latest-ending, e_b3b:
#         start 2024-09-10 -> summer 2023/24 (ends 2024-08-31) 10/100 = 10%;
#         end 2024-12-20 -> spring 2024/25 (starts 2025-01-01) 20/100 = 20%: not improved,
#         +10.0 pp (e_b3a, autumn 2023/24 40% -> autumn 2024/25 30%, would have improved)
#   e_b4  start 2024-04-01 -> spring 2023/24 (ends 2024-03-31) 10/100 = 10%;
#         end 2024-07-31 -> autumn 2024/25 20/200 = 10%: equal, not strictly lower; 0.0 pp
#   -> 1 of 4 = 25.0; mean change (30 - 15 + 10 + 0) / 4 = 6.25 -> 6.3 (half up)
EXPECTED = {
    "attendance_absence_rate_eh": (118, 980, 12.0),
    "attendance_persistent_eh": (3, 5, 60.0),
    "attendance_severe_eh": (0, 5, 0.0),
    "attendance_absence_rate_cin": (1271, 10770, 11.8),
    "attendance_persistent_cin": (3, 5, 60.0),
    "attendance_severe_cin": (1, 5, 20.0),
    "attendance_absence_rate_cp": (195, 480, 40.6),
    "attendance_persistent_cp": (1, 2, 50.0),
    "attendance_severe_cp": (1, 2, 50.0),
    "attendance_absence_rate_neglect": (247, 770, 32.1),
    "attendance_persistent_neglect": (2, 3, 66.7),
    "attendance_severe_neglect": (1, 3, 33.3),
    "eh_attendance_improved": (1, 4, 25.0),
}


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    return build_load(tmp_path_factory.mktemp("attendance"), FILES, date(2025, 7, 31))


def test_attendance_matches_hand_worked_answers(conn):
    values = compute(conn, date(2025, 3, 31), ids=ATTENDANCE)
    got = {i: (v.numerator, v.denominator, v.value) for i, v in values.items()}
    assert got == EXPECTED


def test_mean_change_is_reported_beside_improvement(conn):
    values = compute(conn, date(2025, 3, 31), ids=ATTENDANCE)
    assert values["eh_attendance_improved"].extra == {"mean_change_pp": 6.3}
    assert values["eh_attendance_improved"].as_json() == {
        "numerator": 1, "denominator": 4, "value": 25.0, "mean_change_pp": 6.3}
    # Only the indicator that has one carries it.
    assert values["attendance_absence_rate_eh"].extra == {}


def test_earlier_academic_year(conn):
    # period_end 2024-08-31: academic year 2023/24 = [2023-09-01, 2024-08-31], period
    # [2023-09-01, 2024-08-31]. eh cohort: EH open in 2023/24 = e_a4, e_b1, e_b2, e_b3a, e_b4
    # (e_a1, e_a9, e_a5 start later); rows for 2023/24: a4 20/100, b3 50/200 (autumn 40/100 +
    # summer 10/100), b4 10/100 (b1, b2 have none) -> 80/400 = 20.0; persistent 3/3 (b4 exactly
    # 10%). Only 2023/24 rows count: a1's 190/190 is outside the cohort, 2024/25 rows ignored.
    # eh_attendance_improved: episodes ending in the period: e_a4 (+30, no), e_b1 (-15, yes),
    # e_b3a (b3's only one now: autumn 2023/24 40% -> autumn 2024/25 30%, -10, yes),
    # e_b4 (0, no) -> 2/4 = 50.0; mean (30 - 15 - 10 + 0) / 4 = 1.25 -> 1.3.
    v = compute(conn, date(2024, 8, 31), ids=ATTENDANCE)
    assert (v["attendance_absence_rate_eh"].numerator, v["attendance_absence_rate_eh"].denominator,
            v["attendance_absence_rate_eh"].value) == (80, 400, 20.0)
    assert v["attendance_persistent_eh"].value == 100.0
    improved = v["eh_attendance_improved"]
    assert (improved.numerator, improved.denominator, improved.value) == (2, 4, 50.0)
    assert improved.extra == {"mean_change_pp": 1.3}


def test_neglect_assessment_counts_from_its_authorisation(conn):
    # period_end 2025-07-31 is in the same academic year 2024/25; s6 (16A, authorised
    # 2025-04-15) is now on or before period_end, so a6 (20/100) joins the neglect cohort:
    # a2 190/380, a9 0/200, a10 57/190, a6 20/100 -> 267/870 = 30.69% -> 30.7;
    # persistent a2, a10, a6 = 3/4 = 75.0; severe a2 = 1/4 = 25.0.
    v = compute(conn, date(2025, 7, 31), ids=ATTENDANCE)
    got = {i: (v[i].numerator, v[i].denominator, v[i].value) for i in (
        "attendance_absence_rate_neglect", "attendance_persistent_neglect",
        "attendance_severe_neglect")}
    assert got == {
        "attendance_absence_rate_neglect": (267, 870, 30.7),
        "attendance_persistent_neglect": (3, 4, 75.0),
        "attendance_severe_neglect": (1, 4, 25.0),
    }


def test_improvement_breakdown_by_sex_carries_the_mean_change(conn):
    # Girls: b1 (improved, -15), b4 (0) -> 1/2 = 50.0, mean -7.5.
    # Boys: a4 (+30), b3 (+10) -> 0/2 = 0.0, mean +20.0.
    parts = dict(breakdown(conn, "eh_attendance_improved", "sex", date(2025, 3, 31)))
    assert {k: (v.numerator, v.denominator, v.value, v.extra) for k, v in parts.items()} == {
        "F": (1, 2, 50.0, {"mean_change_pp": -7.5}),
        "M": (0, 2, 0.0, {"mean_change_pp": 20.0}),
    }


def test_no_children_gives_no_mean(conn):
    # Quarter [2025-01-01, 2025-03-31]: no EH episode ends in it.
    v = compute(conn, date(2025, 3, 31), months=3, ids=["eh_attendance_improved"])
    improved = v["eh_attendance_improved"]
    assert (improved.numerator, improved.denominator, improved.value) == (0, 0, None)
    assert improved.extra == {"mean_change_pp": None}


def test_rows_behind_improvement_name_the_episode_judged(conn):
    rows = rows_behind(conn, "eh_attendance_improved", date(2025, 3, 31)).to_pylist()
    assert sorted((r["child_id"], r["record_id"], r["numerator"]) for r in rows) == [
        ("a4", "e_a4", 0), ("b1", "e_b1", 1), ("b3", "e_b3b", 0), ("b4", "e_b4", 0)]
