"""Golden test for the repeat plans family (indicators.md, "Repeat plans").

Main period: 12 months ending 2025-03-31, so [2024-04-01, 2025-03-31]; period_end - 2 years =
2023-03-31. Every plan is explained where it is written; the expected numbers were worked out
by hand from these comments. Calendar intervals clamp at month ends (2024-11-30 + 3 months =
2025-02-28).
"""

from datetime import date

import pytest

from neglect_insight.pipelines.indicators.engine import breakdown, compute, family_ids, rows_behind
from tests.helpers import build_load, triples

REPEAT_PLANS = family_ids("repeat_plans")

EMPTY = {
    "early_help": "episode_id,child_id,start_date,end_date,factors,end_reason,organisation",
    "referrals": "referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,"
                 "closure_reason",
    "assessments": "assessment_id,referral_id,child_id,start_date,authorised_date,factors",
}

FILES = EMPTY | {
    "children": """
        child_id,sex,birth_month,ethnicity,disabled,locality
        c1,F,2015-01-01,WBRI,false,North
        c2,M,2016-02-01,WBRI,false,North
        c3,F,2018-03-01,BAFR,true,South
        c4,M,2012-04-01,WBRI,false,South
        c5,F,2020-05-01,AIND,false,North
        c6,M,2011-06-01,WBRI,false,South
        c7,F,2013-07-01,MWBC,false,North
        c8,M,2009-08-01,WBRI,,South
        c9,F,2019-09-01,WBRI,false,North
        c10,M,2021-10-01,WBRI,false,North
        c11,F,2017-11-01,WBRI,false,South
        c12,M,2022-12-01,WBRI,false,South
        c13,F,2014-01-01,WBRI,false,North
    """,
    "cp_plans": """
        plan_id,child_id,referral_id,start_date,end_date,initial_category,latest_category,previous_plans
        p1a,c1,r1,2022-01-10,2022-06-30,PHY,,
        p1b,c1,r1,2024-05-01,,NEG,,1
        p2a,c2,r2,2020-01-01,2021-03-31,NEG,,
        p2b,c2,r2,2024-06-01,2024-09-01,NEG,PHY,
        p3,c3,r3,2024-07-15,,MUL,,
        p4,c4,r4,2024-08-01,,PHY,NEG,2
        p5,c5,r5,2024-11-30,2025-02-28,NEG,,0
        p6,c6,r6,2024-11-30,2025-03-01,EMO,,
        p7,c7,r7,2023-01-01,,SAB,,
        p8,c8,r8,2023-03-31,2025-03-31,NEG,,
        p9,c9,r9,2023-04-01,,PHY,,
        p10a,c10,r10,2024-04-01,2024-04-20,NEG,,
        p10b,c10,r10,2024-04-20,,NEG,,
        p11,c11,r11,2024-03-31,,NEG,,
        p12,c12,r12,2025-03-31,,PHY,,
        p13,c13,r13,2023-03-31,,EMO,,
    """,
}
# Plan by plan, for [2024-04-01, 2025-03-31]:
#   p1a  started and ended 2022: in no set.
#   p1b  starts in period; earlier p1a -> second; p1a ended 2022-06-30 >= 2024-05-01 - 2y =
#        2022-05-01 -> repeat within 2y; initial NEG -> neglect repeat. Open at end, started after
#        2023-03-31 -> not 2y+.
#   p2a  ended 2021: in no set.
#   p2b  starts in period; earlier p2a -> second; p2a ended 2021-03-31 < 2022-06-01 -> not within
#        2y; initial NEG (latest PHY: the initial category decides) -> neglect repeat. Ends
#        2024-09-01 = 2024-06-01 + 3 months exactly -> ended within 3 months (end <= start + 3m).
#   p3   starts in period; no earlier plan, previous_plans empty -> first; MUL: not in the
#        neglect denominator. Open at end, not 2y+.
#   p4   starts in period; no earlier plan in the data but previous_plans = 2 -> second, yet not
#        within 2y (no earlier plan, so no end date); initial PHY (latest NEG) -> not in the
#        neglect denominator. Open at end, not 2y+.
#   p5   starts in period; previous_plans = 0, no earlier plan -> first; initial NEG -> neglect
#        denominator only. Ends 2025-02-28 = 2024-11-30 + 3 months (clamped) -> within 3 months.
#   p6   starts in period, first, EMO. Ends 2025-03-01 > 2025-02-28 -> not within 3 months.
#   p7   started 2023; open at end; 2023-01-01 <= 2023-03-31 -> 2y+.
#   p8   started 2023-03-31 but ends on the period end 2025-03-31: not open at period end (and
#        so not 2y+); ends in period, 2025-03-31 > 2023-06-30 -> not within 3 months.
#   p9   started 2023-04-01, open at end; 2023-04-01 > 2023-03-31 -> not 2y+.
#   p10a starts on the period start 2024-04-01 -> in starts; first; initial NEG -> neglect
#        denominator only. Ends 2024-04-20 <= 2024-07-01 -> within 3 months.
#   p10b starts 2024-04-20, the day p10a ends; earlier p10a -> second; p10a ended 2024-04-20 >=
#        2022-04-20 -> within 2y; initial NEG -> neglect repeat. Open at end, not 2y+.
#   p11  starts 2024-03-31, the day before the period: not in starts. Open at end, not 2y+.
#   p12  starts on the period end 2025-03-31 -> in starts; first; PHY. Open at end (start <=
#        period_end, no end), not 2y+.
#   p13  started 2023-03-31 = period_end - 2 years exactly, open -> 2y+.
# cpp_starts: p1b, p2b, p3, p4, p5, p6, p10a, p10b, p12 = 9.
# cpp_second_or_subsequent: p1b, p2b, p4, p10b = 4 / 9 = 44.44 -> 44.4.
# cpp_repeat_within_2y: p1b, p10b = 2 / 9 = 22.22 -> 22.2.
# cpp_neglect_repeat: initial NEG starting = p1b, p2b, p5, p10a, p10b = 5; second: p1b, p2b, p10b
#   = 3 / 5 = 60.0.
# cpp_ended_within_3m: ending in period = p2b, p5, p6, p8, p10a = 5; within: p2b, p5, p10a = 3 / 5
#   = 60.0.
# cpp_open_2y_plus: open at end = p1b, p3, p4, p7, p9, p10b, p11, p12, p13 = 9; 2y+: p7, p13 = 2 / 9
#   = 22.22 -> 22.2.
EXPECTED = {
    "cpp_starts": (9, None, 9),
    "cpp_second_or_subsequent": (4, 9, 44.4),
    "cpp_repeat_within_2y": (2, 9, 22.2),
    "cpp_neglect_repeat": (3, 5, 60.0),
    "cpp_ended_within_3m": (3, 5, 60.0),
    "cpp_open_2y_plus": (2, 9, 22.2),
}

LEAP_FILES = EMPTY | {
    "children": """
        child_id,sex,birth_month,ethnicity,disabled,locality
        l1,F,2015-01-01,WBRI,false,North
        l2,M,2016-02-01,WBRI,false,North
        l3,F,2018-03-01,WBRI,false,South
        l4,M,2012-04-01,WBRI,false,South
        l5,F,2020-05-01,WBRI,false,North
    """,
    "cp_plans": """
        plan_id,child_id,referral_id,start_date,end_date,initial_category,latest_category
        l1a,l1,r1,2021-06-01,2022-02-28,PHY,
        l1b,l1,r1,2024-02-29,,NEG,
        l2a,l2,r2,2021-06-01,2022-02-27,PHY,
        l2b,l2,r2,2024-02-29,,NEG,
        l3,l3,r3,2024-02-28,,NEG,
        l4,l4,r4,2023-11-30,2024-02-29,EMO,
        l5,l5,r5,2023-11-30,2024-03-01,EMO,
    """,
}
# Leap days. Period ending 2024-03-31 = [2023-04-01, 2024-03-31]:
#   starts: l1b, l2b (2024-02-29), l3 (2024-02-28), l4, l5 (2023-11-30) = 5 (l1a, l2a started 2021).
#   l1b: 2024-02-29 - 2 years = 2022-02-28 (clamped); l1a ended 2022-02-28 >= it -> within 2y.
#   l2b: l2a ended 2022-02-27 < 2022-02-28 -> second, but not within 2y.
#   second or subsequent: l1b, l2b = 2 / 5 = 40.0; repeat within 2y: l1b = 1 / 5 = 20.0.
#   ending in the period: l4, l5 (l1a, l2a ended 2022) = 2. 2023-11-30 + 3 months = 2024-02-29
#   (clamped to the leap day): l4 ends 2024-02-29 -> within; l5 ends 2024-03-01 -> not:
#   1 / 2 = 50.0.
# Period ending 2026-02-28: period_end - 2 years = 2024-02-28. Open at end: l1b, l2b, l3 (l4, l5
#   ended) = 3; l3 started 2024-02-28 -> 2y+; l1b, l2b started 2024-02-29 -> not. 1 / 3 = 33.3.
LEAP_EXPECTED_2024 = {
    "cpp_starts": (5, None, 5),
    "cpp_second_or_subsequent": (2, 5, 40.0),
    "cpp_repeat_within_2y": (1, 5, 20.0),
    "cpp_ended_within_3m": (1, 2, 50.0),
}


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    return build_load(tmp_path_factory.mktemp("repeat_plans"), FILES)


@pytest.fixture(scope="module")
def leap_conn(tmp_path_factory):
    return build_load(tmp_path_factory.mktemp("repeat_plans_leap"), LEAP_FILES)


def test_repeat_plans_match_hand_worked_answers(conn):
    assert triples(compute(conn, date(2025, 3, 31), ids=REPEAT_PLANS)) == EXPECTED


def test_family_covers_every_catalogue_id(conn):
    assert sorted(EXPECTED) == sorted(REPEAT_PLANS)


def test_leap_day_windows(leap_conn):
    got = compute(leap_conn, date(2024, 3, 31), ids=LEAP_EXPECTED_2024)
    assert triples(got) == LEAP_EXPECTED_2024
    v = compute(leap_conn, date(2026, 2, 28), ids=["cpp_open_2y_plus"])["cpp_open_2y_plus"]
    assert (v.numerator, v.denominator, v.value) == (1, 3, 33.3)


def test_quarter_period(conn):
    # Quarter [2025-01-01, 2025-03-31]: starts p12 only (first plan) -> 0 / 1; ending p5, p6, p8
    # (p5 within 3 months) -> 1 / 3 = 33.3.
    v = triples(compute(conn, date(2025, 3, 31), months=3,
                    ids=["cpp_starts", "cpp_second_or_subsequent", "cpp_ended_within_3m"]))
    assert v == {"cpp_starts": (1, None, 1), "cpp_second_or_subsequent": (0, 1, 0.0),
                 "cpp_ended_within_3m": (1, 3, 33.3)}


def test_breakdown_by_locality_adds_up(conn):
    # Starts by locality: North c1 (p1b second), c2 (p2b second), c5 (p5), c10 (p10a, p10b second)
    # = 3 of 5; South c3 (p3), c4 (p4 second), c6 (p6), c12 (p12) = 1 of 4.
    parts = dict(breakdown(conn, "cpp_second_or_subsequent", "locality", date(2025, 3, 31)))
    assert {k: (v.numerator, v.denominator) for k, v in parts.items()} == {
        "North": (3, 5), "South": (1, 4)}


def test_rows_behind_name_the_plans(conn):
    rows = rows_behind(conn, "cpp_ended_within_3m", date(2025, 3, 31)).to_pylist()
    assert sorted(r["record_id"] for r in rows if r["numerator"]) == ["p10a", "p2b", "p5"]
