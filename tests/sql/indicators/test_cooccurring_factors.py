"""Golden test for the co-occurring factors family (indicators.md, "Neglect identification";
reference.md, "Assessment factors": the parental toxic trio 1B, 2B, 3B, 4B beside 16A).

Period: 12 months ending 2025-03-31 = [2024-04-01, 2025-03-31]. Extract date 2025-05-31. The unit
is the CIN neglect episode (referral). Every row is explained where it is written; the expected
numbers were worked out by hand.
"""

from datetime import date

import pytest

from neglect_insight.pipelines.indicators.engine import compute, family_ids, rows_behind
from tests.helpers import build_load

COOCCURRING = family_ids("cooccurring_factors")

FILES = {
    "children": """
        child_id,sex,birth_month,ethnicity,disabled,locality
        k1,F,2015-01-01,WBRI,false,North
        k2,M,2016-01-01,WBRI,false,North
        k3,F,2017-01-01,WBRI,false,South
        k4,M,2018-01-01,WBRI,false,South
        k5,F,2019-01-01,WBRI,false,North
        k6,M,2014-01-01,WBRI,false,North
        k7,F,2013-01-01,WBRI,false,South
        k8,M,2012-01-01,WBRI,false,South
        k9,F,2011-01-01,WBRI,false,North
        k10,M,2010-01-01,WBRI,false,North
    """,
    "early_help": "episode_id,child_id,start_date,end_date,factors,end_reason,organisation",
    "referrals": """
        referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,closure_reason
        n1,k1,2024-04-10,6,N1,false,,
        n2,k2,2024-05-01,2A,N1,false,,
        n3,k3,2024-05-01,2A,N1,false,,
        n4,k4,2024-06-01,3A,N1,false,,
        n5,k5,2023-04-01,6,N1,false,2024-04-01,RC7
        n6,k6,2024-06-01,6,N4,false,,
        n7,k7,2025-03-01,6,N1,false,,
        n8,k8,2023-10-01,6,N1,false,2024-03-31,RC8
        n9,k9,2024-09-01,6,N1,false,,
        n10a,k10,2024-04-02,6,N1,false,2024-06-01,RC8
        n10b,k10,2024-07-01,6,N1,false,,
    """,
    "assessments": """
        assessment_id,referral_id,child_id,start_date,authorised_date,factors
        x1,n1,k1,2024-04-11,2024-05-01,16A;1B;3B
        x2a,n2,k2,2024-05-02,2024-06-01,16a
        x2b,n2,k2,2024-12-01,2025-01-10,2b
        x3,n3,k3,2024-05-02,2024-06-01,16A;4A
        x4a,n4,k4,2024-06-02,2024-07-01,16A
        x4b,n4,k4,2025-03-01,2025-04-10,4B
        x5,n5,k5,2023-04-02,2023-05-01,16A; 4B
        x6,n6,k6,2024-06-02,2024-07-01,1B
        x7,n7,k7,2025-03-02,2025-04-05,16A;1B
        x8,n8,k8,2023-10-02,2023-11-01,16A;2B
        x9,n9,k9,2024-09-02,,16A;1B;2B
        x10a,n10a,k10,2024-04-03,2024-05-01,16A;3B
        x10b,n10b,k10,2024-07-02,2024-08-01,16A
    """,
    # CIN neglect episodes open in the period, and their factors authorised by 2025-03-31:
    #   n1    x1 16A with 1B and 3B on the same assessment          -> alcohol, domestic abuse, trio
    #   n2    x2a 16A (lower-case, stored upper); x2b 2B on a later assessment of the same
    #         episode, authorised 2025-01-10                        -> drugs, trio
    #   n3    x3 16A with 4A (mental health of the child, not the parent or carer) -> none
    #   n4    x4a 16A; x4b 4B authorised 2025-04-10, after period_end -> none
    #   n5    x5 16A and 4B authorised in 2023 (before the period); n5 closed 2024-04-01 = the
    #         period start, so open in it                          -> mental health, trio
    #   n10a  x10a 16A;3B; closed 2024-06-01                        -> domestic abuse, trio
    #   n10b  x10b 16A only: k10's second episode is a second unit   -> none
    # Not CIN neglect episodes open in the period (denominator):
    #   n6    1B without 16A: not a neglect episode
    #   n7    16A authorised 2025-04-05, after period_end
    #   n8    16A, but closed 2024-03-31, before the period
    #   n9    16A not yet authorised
    # Denominator 7 (n1, n2, n3, n4, n5, n10a, n10b):
    #   alcohol 1B: n1 = 1/7 = 14.29 -> 14.3      drugs 2B: n2 = 1/7 -> 14.3
    #   domestic abuse 3B: n1, n10a = 2/7 = 28.57 -> 28.6
    #   mental health 4B: n5 = 1/7 -> 14.3        toxic trio: n1, n2, n5, n10a = 4/7 = 57.14 -> 57.1
    "cp_plans": ("plan_id,child_id,referral_id,start_date,end_date,initial_category,"
                 "latest_category"),
}

EXPECTED = {
    "neglect_cooccurring_alcohol": (1, 7, 14.3),
    "neglect_cooccurring_drugs": (1, 7, 14.3),
    "neglect_cooccurring_domestic_abuse": (2, 7, 28.6),
    "neglect_cooccurring_mental_health": (1, 7, 14.3),
    "neglect_cooccurring_toxic_trio": (4, 7, 57.1),
}


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    return build_load(tmp_path_factory.mktemp("cooccurring"), FILES, date(2025, 5, 31))


def test_cooccurring_factors_match_hand_worked_answers(conn):
    values = compute(conn, date(2025, 3, 31), ids=COOCCURRING)
    got = {i: (v.numerator, v.denominator, v.value) for i, v in values.items()}
    assert got == EXPECTED


def test_later_period_end_admits_later_authorisations(conn):
    # Period ending 2025-04-30 = [2024-05-01, 2025-04-30]: n7 (16A;1B authorised 2025-04-05)
    # joins; x4b (4B, 2025-04-10) now counts for n4; n5 (closed 2024-04-01) is now before the
    # period and leaves; n10a (closed 2024-06-01, after the new start) stays.
    # Denominator: n1, n2, n3, n4, n7, n10a, n10b = 7.
    # alcohol n1, n7 = 2; mental health n4 = 1; trio n1, n2, n4, n7, n10a = 5.
    values = compute(conn, date(2025, 4, 30), ids=COOCCURRING)
    got = {i: (v.numerator, v.denominator) for i, v in values.items()}
    assert got == {
        "neglect_cooccurring_alcohol": (2, 7),
        "neglect_cooccurring_drugs": (1, 7),
        "neglect_cooccurring_domestic_abuse": (2, 7),
        "neglect_cooccurring_mental_health": (1, 7),
        "neglect_cooccurring_toxic_trio": (5, 7),
    }


def test_rows_behind_name_the_episodes(conn):
    rows = rows_behind(conn, "neglect_cooccurring_toxic_trio", date(2025, 3, 31)).to_pylist()
    assert sorted((r["record_id"], r["numerator"]) for r in rows) == [
        ("n1", 1), ("n10a", 1), ("n10b", 0), ("n2", 1), ("n3", 0), ("n4", 0), ("n5", 1)]
