"""Golden test for the prevalence family (indicators.md, "Prevalence").

Period: 12 months ending 2025-03-31, so [2024-04-01, 2025-03-31]. Population mid-2024 = 30,000
(mid-2023 is present and must not be used). Every row is explained where it is written; the
expected numbers below were worked out by hand from these comments.
"""

from datetime import date

import pytest

from neglect_insight.pipelines.indicators.engine import breakdown, compute, family_ids, rows_behind
from tests.helpers import build_load, triples

PREVALENCE = family_ids("prevalence")

FILES = {
    "children": """
        child_id,sex,birth_month,ethnicity,disabled,locality
        c1,F,2015-01-01,WBRI,false,North
        c2,M,2016-02-01,WBRI,false,North
        c3,F,2024-06-01,BAFR,true,South
        c4,M,2012-03-01,WBRI,false,South
        c5,F,2010-04-01,AIND,false,North
        c6,M,2011-05-01,WBRI,false,South
        c7,F,2013-06-01,MWBC,false,North
        c8,M,2009-07-01,WBRI,,South
        c9,F,2020-08-01,WBRI,false,North
        c10,M,2018-09-01,WBRI,false,North
    """,
    "early_help": """
        episode_id,child_id,start_date,end_date,factors,end_reason,organisation
        e1,c1,2024-05-01,2024-08-01,16A;3B,needs_met,school
        e2,c2,2024-04-15,,16a,,la
        e3,c3,2024-07-01,2024-09-30,16A,stepped_up,health
        e7,c7,2023-01-01,2024-03-31,16A,needs_met,la
    """,
    "referrals": """
        referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,closure_reason
        r1,c1,2024-05-20,6,N1,false,,
        r2,c2,2024-05-01,2A,N1,false,,
        r3,c3,2024-09-01,3A,N1,false,,
        r4,c4,2024-01-10,6,N1,false,,
        r5,c5,2023-06-01,6,N1,false,2024-04-01,RC7
        r6,c6,2024-02-01,6,N1,false,,
        r8,c8,2022-01-01,2A,N1,false,2024-04-01,RC7
        r9,c9,2023-09-01,6,N1,false,2025-03-31,RC7
        r10,c10,2024-10-01,6,N1,false,,
    """,
    "assessments": """
        assessment_id,referral_id,child_id,start_date,authorised_date,factors
        a2,r2,c2,2024-05-02,2024-06-10,16A;1B
        a8,r8,c8,2022-01-05,2022-02-01,16A
        a10,r10,c10,2024-10-02,,16A
    """,
    "cp_plans": """
        plan_id,child_id,referral_id,start_date,end_date,initial_category,latest_category
        p1,c1,r1,2024-06-01,,PHY,
        p3,c3,r3,2024-10-01,,NEG,
        p4,c4,r4,2024-02-01,,NEG,PHY
        p5,c5,r5,2023-07-01,2024-04-01,PHY,NEG
        p6,c6,r6,2024-03-01,,MUL,
        p9,c9,r9,2023-10-01,2025-03-31,NEG,
    """,
    "population": """
        mid_year,population_0_17
        2023,29000
        2024,30000
    """,
}
# Who is counted, and at which level (highest neglect identification open in the period):
#   c1  EH neglect e1 open; its CP plan p1 is PHY (not neglect)            -> EH
#   c2  EH neglect e2 and CIN neglect r2 (a2 authorised 2024-06-10 with 16A) -> CIN
#   c3  EH neglect e3 and CP plan p3 NEG open                               -> CP
#   c4  CP plan p4 initial NEG but latest PHY: latest wins, not neglect     -> not counted
#   c5  CP plan p5 latest NEG, ended 2024-04-01 = period start (open in it)  -> CP
#   c6  CP plan p6 MUL: reported beside neglect, never inside it            -> not counted
#   c7  EH neglect e7 ended 2024-03-31, the day before the period starts    -> not counted
#   c8  CIN r8 closed 2024-04-01 (open in period); 16A authorised in 2022   -> CIN
#   c9  CP plan p9 NEG ends 2025-03-31 = period end (open in the period)    -> CP
#   c10 16A assessment a10 not yet authorised                               -> not counted
# total 6 = CP 3 (c3, c5, c9) + CIN 2 (c2, c8) + EH 1 (c1).
# CP plans open at period end (end empty or after 2025-03-31): p1, p3, p4, p6 (p5 ended,
# p9 ended on the period end) -> 4 plans, 1 neglect (p3): 1/4 = 25.0%.
# Children on a CP plan at period end: c1, c3, c4, c6 = 4; 4 / 30,000 x 10,000 = 1.33 -> 1.3.
# Neglect rate: 6 / 30,000 x 10,000 = 2.0.
EXPECTED = {
    "neglect_children_total": (6, None, 6),
    "neglect_children_cp": (3, None, 3),
    "neglect_children_cin": (2, None, 2),
    "neglect_children_eh": (1, None, 1),
    "neglect_rate_per_10k": (6, 30000, 2.0),
    "cp_neglect_share_open": (1, 4, 25.0),
    "cp_rate_per_10k": (4, 30000, 1.3),
}


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    return build_load(tmp_path_factory.mktemp("prevalence"), FILES)


def test_prevalence_matches_hand_worked_answers(conn):
    values = compute(conn, date(2025, 3, 31), ids=EXPECTED)
    assert triples(values) == EXPECTED


def test_levels_add_up_to_total(conn):
    v = compute(conn, date(2025, 3, 31), ids=PREVALENCE)
    assert (v["neglect_children_cp"].numerator + v["neglect_children_cin"].numerator
            + v["neglect_children_eh"].numerator) == v["neglect_children_total"].numerator


def test_quarter_period(conn):
    # Quarter [2025-01-01, 2025-03-31]: c1's e1 ended 2024-08-01 and p1 is PHY -> out;
    # c2 (CIN, e2 and r2 still open) in; c3 (p3 open) CP; c5 (p5 ended 2024-04-01) out;
    # c8 (r8 closed 2024-04-01) out; c9 (p9 ends on the period end) CP.  -> 3: CP 2, CIN 1.
    v = compute(conn, date(2025, 3, 31), months=3, ids=PREVALENCE)
    assert (v["neglect_children_total"].numerator, v["neglect_children_cp"].numerator,
            v["neglect_children_cin"].numerator, v["neglect_children_eh"].numerator) == (3, 2, 1, 0)


def test_population_of_the_year_before_is_used(conn):
    # Period ending 2024-12-31 uses mid-2023 (29,000). Period [2024-01-01, 2024-12-31]:
    # c7's e7 (ends 2024-03-31) now counts (EH), so the total is 7:
    # 7 / 29,000 x 10,000 = 2.41 -> 2.4
    v = compute(conn, date(2024, 12, 31), ids=["neglect_rate_per_10k"])["neglect_rate_per_10k"]
    assert (v.numerator, v.denominator, v.value) == (7, 29000, 2.4)


def test_breakdown_by_sex_adds_up(conn):
    # Girls: c1, c3, c5, c9 = 4; boys: c2, c8 = 2.
    parts = dict(breakdown(conn, "neglect_children_total", "sex", date(2025, 3, 31)))
    assert {k: v.numerator for k, v in parts.items()} == {"F": 4, "M": 2}


def test_filter_by_locality(conn):
    # North: c1 (EH), c2 (CIN), c5 (CP), c9 (CP) = 4; the per-10k rate has no population for a part.
    v = compute(conn, date(2025, 3, 31), filters={"locality": "North"}, ids=PREVALENCE)
    assert v["neglect_children_total"].numerator == 4
    assert v["neglect_rate_per_10k"].value is None


def test_rows_behind_name_the_children(conn):
    rows = rows_behind(conn, "neglect_children_cp", date(2025, 3, 31)).to_pylist()
    assert sorted(r["child_id"] for r in rows) == ["c3", "c5", "c9"]
