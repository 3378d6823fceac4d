"""Golden test for the re-referrals family (indicators.md, "Re-referrals").

Period: 12 months ending 2025-03-31, so [2024-04-01, 2025-03-31]. A referral is a re-referral
when the child has another referral dated in [referral_date - 12 months, referral_date).
Every row is explained where it is written; the expected numbers were worked out by hand.
"""

from datetime import date

import pytest

from neglect_insight.pipelines.indicators.engine import breakdown, compute, family_ids
from tests.helpers import build_load, triples

REREFERRALS = family_ids("rereferrals")

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
        c8,M,2009-08-01,WBRI,,South
        c9,F,2019-09-01,WBRI,false,North
        c10,M,2021-10-01,WBRI,false,North
    """,
    "early_help": "episode_id,child_id,start_date,end_date,factors,end_reason,organisation",
    "cp_plans": "plan_id,child_id,referral_id,start_date,end_date,initial_category,"
                "latest_category",
    "referrals": """
        referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,closure_reason
        r1a,c1,2024-01-10,6,,true,2024-01-12,RC7
        r1b,c1,2024-06-01,6,N1,false,,
        r2a,c2,2024-05-01,2A,N1,false,,
        r2b,c2,2024-05-01,3A,N4,false,2024-05-02,RC7
        r3a,c3,2023-09-15,6,N1,false,2024-01-01,RC8
        r3b,c3,2024-09-15,6,N1,false,,
        r4a,c4,2023-09-14,6,N1,false,2024-01-01,RC8
        r4b,c4,2024-09-15,6,N1,false,,
        r5a,c5,2024-02-29,6,N1,false,2024-06-01,RC8
        r5b,c5,2025-02-28,6,,true,2025-03-01,RC7
        r6a,c6,2024-02-29,6,N1,false,2024-06-01,RC8
        r6b,c6,2025-03-01,6,N1,false,,
        r7,c7,2025-03-31,6,N1,false,,
        r8a,c8,2024-03-31,6,N1,false,2024-03-31,RC8
        r8b,c8,2024-04-01,6,N1,false,,
        r9a,c9,2024-04-10,6,N1,false,2024-04-10,RC8
        r9b,c9,2024-04-10,2A,N1,false,2024-04-11,RC8
        r9c,c9,2024-08-01,6,N1,false,,
        r10a,c10,2024-05-01,6,N1,false,2024-05-20,RC8
        r10b,c10,2024-06-01,6,N1,false,,
    """,
    "assessments": """
        assessment_id,referral_id,child_id,start_date,authorised_date,factors
        a1,r1b,c1,2024-06-02,2024-06-20,16A;3B
        a2,r2a,c2,2024-05-02,2024-05-10,16A
        a3,r3b,c3,2024-09-16,2024-10-01,16A
        a4,r4b,c4,2024-09-16,2024-10-01,3B;1B
        a5,r5b,c5,2025-02-28,2025-03-01,16A
        a6,r6b,c6,2025-03-02,2025-03-20,16A
        a7,r7,c7,2025-03-31,2025-03-31,16A
        a8,r8b,c8,2024-04-02,2024-04-20,4B;16A
        a9,r9c,c9,2024-08-02,2024-08-20,16A
    """,
}
# Referral by referral, for [2024-04-01, 2025-03-31] (N = CIN neglect episode: not nfa, a 16A
# assessment authorised by 2025-03-31, open in the period):
#   r1a  2024-01-10 nfa: before the period.
#   r1b  earlier r1a (nfa, in [2023-06-01, 2024-06-01)) -> re-referral. a1 16A -> N.
#   r2a, r2b  both 2024-05-01: the same day is not strictly earlier -> neither is a re-referral.
#        r2a has 16A (a2) -> N; r2b has no assessment -> not N.
#   r3b  2024-09-15; r3a 2023-09-15 is exactly 12 months before: [2023-09-15, ...) includes it ->
#        re-referral. a3 16A authorised 2024-10-01 -> N.
#   r4b  2024-09-15; r4a 2023-09-14 is 12 months and a day before -> not. a4 has no 16A -> not N.
#   r5b  2025-02-28 nfa; 2025-02-28 - 12 months = 2024-02-28, so r5a (2024-02-29) is inside ->
#        re-referral. nfa -> not N (even with the 16A assessment a5).
#   r6b  2025-03-01; window from 2024-03-01 leaves r6a (2024-02-29) out -> not. a6 16A -> N.
#   r7   2025-03-31 (period end), only referral -> not. a7 16A authorised 2025-03-31 -> N.
#   r8b  2024-04-01 (period start); r8a 2024-03-31 the day before -> re-referral. a8 -> N.
#   r9a, r9b  2024-04-10, same day, nothing earlier -> not. r9c 2024-08-01: r9a and r9b in the
#        window -> one re-referral (counted once). a9 16A -> r9c N.
#   r10a 2024-05-01 -> not (a later referral never counts); r10b 2024-06-01 -> re-referral.
# referrals: r1b r2a r2b r3b r4b r5b r6b r7 r8b r9a r9b r9c r10a r10b = 14.
# rereferral_12m: r1b r3b r5b r8b r9c r10b = 6 / 14 = 42.857 -> 42.9.
# rereferral_12m_neglect: N = r1b r2a r3b r6b r7 r8b r9c = 7; re-referrals among them r1b r3b r8b
#   r9c = 4 / 7 = 57.142 -> 57.1.
EXPECTED = {
    "referrals": (14, None, 14),
    "rereferral_12m": (6, 14, 42.9),
    "rereferral_12m_neglect": (4, 7, 57.1),
}


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    return build_load(tmp_path_factory.mktemp("rereferrals"), FILES)


def test_rereferrals_match_hand_worked_answers(conn):
    assert triples(compute(conn, date(2025, 3, 31), ids=REREFERRALS)) == EXPECTED


def test_family_covers_every_catalogue_id():
    assert sorted(EXPECTED) == sorted(REREFERRALS)


def test_quarter_neglect_needs_authorisation_by_period_end(conn):
    # Quarter [2024-07-01, 2024-09-30]: referrals r3b, r4b (2024-09-15), r9c (2024-08-01) = 3;
    # re-referrals r3b, r9c = 2 / 3 = 66.7. Neglect: r3b's 16A assessment was authorised
    # 2024-10-01, after this period end -> not N; r9c N (authorised 2024-08-20), a re-referral
    # -> 1 / 1 = 100.0.
    assert triples(compute(conn, date(2024, 9, 30), months=3, ids=REREFERRALS)) == {
        "referrals": (3, None, 3),
        "rereferral_12m": (2, 3, 66.7),
        "rereferral_12m_neglect": (1, 1, 100.0),
    }


def test_breakdown_by_sex_adds_up(conn):
    # Girls: c1 (r1b yes), c3 (r3b yes), c5 (r5b yes), c7 (r7 no), c9 (r9a, r9b no; r9c yes)
    # = 4 of 7. Boys: c2 (r2a, r2b no), c4 (r4b no), c6 (r6b no), c8 (r8b yes),
    # c10 (r10a no, r10b yes) = 2 of 7.
    parts = dict(breakdown(conn, "rereferral_12m", "sex", date(2025, 3, 31)))
    assert {k: (v.numerator, v.denominator) for k, v in parts.items()} == {
        "F": (4, 7), "M": (2, 7)}
