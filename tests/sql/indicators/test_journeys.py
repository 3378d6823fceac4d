"""Golden test for children's journeys through services (indicators.md, "Flows between
services": EH -> referral -> assessment -> CIN plan -> CP plan -> closed/open), the Sankey links
of `sql/indicators/journeys.sql` counted by `pipelines.indicators.engine.journeys`.

Period: 12 months ending 2025-03-31 = [2024-04-01, 2025-03-31]. Extract date 2025-05-31. Every row
is explained where it is written; the expected links were worked out by hand.
"""

from datetime import date

import pytest

from neglect_insight.pipelines.indicators.engine import JourneyLink, journeys
from tests.helpers import build_load

FILES = {
    "children": """
        child_id,sex,birth_month,ethnicity,disabled,locality
        j1,F,2015-01-01,WBRI,false,North
        j2,M,2016-01-01,WBRI,false,North
        j3,F,2017-01-01,WBRI,false,South
        j4,M,2018-01-01,WBRI,false,South
        j5,F,2019-01-01,WBRI,false,North
        j6,M,2014-01-01,WBRI,false,North
        j7,F,2013-01-01,WBRI,false,South
        j8,M,2012-01-01,WBRI,false,South
        j9,M,2011-01-01,WBRI,false,North
    """,
    "early_help": """
        episode_id,child_id,start_date,end_date,factors,end_reason,organisation
        e1,j1,2024-09-01,,,,school
        e2,j2,2024-01-10,2024-06-30,,stepped_up,school
        e6,j6,2023-06-01,2024-03-31,,needs_met,la
        e7,j7,2025-04-01,,,,la
        e8,j8,2025-04-02,,,,la
        e9,j9,2024-01-01,,,,health
    """,
    "referrals": """
        referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,closure_reason
        r2,j2,2024-07-05,5D,N4,false,2024-12-01,RC8
        r3,j3,2023-01-10,6,N1,false,,
        r4,j4,2024-05-01,6,N1,false,,
        r5,j5,2024-10-01,1B,,true,2024-10-01,RC7
        r8,j8,2024-06-01,6,N1,false,2025-03-31,RC7
        r9,j9,2024-09-01,2A,N4,false,,
    """,
    "assessments": """
        assessment_id,referral_id,child_id,start_date,authorised_date,factors
        s2,r2,j2,2024-07-06,2024-08-01,
        s3,r3,j3,2023-01-11,2023-02-01,16A
        s4,r4,j4,2024-05-02,2024-05-30,16A
        s8,r8,j8,2024-06-02,2024-07-01,16A
        s9,r9,j9,2024-09-02,,
    """,
    "cin_plans": """
        child_id,referral_id,start_date,end_date
        j4,r4,2024-06-01,2024-09-01
    """,
    "cp_plans": """
        plan_id,child_id,referral_id,start_date,end_date,initial_category,latest_category
        p3,j3,r3,2023-03-01,,NEG,
        p4,j4,r4,2024-09-01,,NEG,
        p8,j8,r8,2024-08-01,2025-03-31,EMO,
    """,
}
# Paths (steps reached in the period, in service order, then open/closed at 2025-03-31):
#   j1  EH open                                   Early help -> Still open
#   j2  EH (ended 2024-06-30), referral, assessment, all closed by 2024-12-01
#                                                 Early help -> Referral -> Assessment -> Closed
#   j3  referral open since 2023 with an assessment authorised in 2023 and a CP plan open: the
#       assessment was before the period but belongs to an episode open in it
#                                                 Referral -> Assessment -> CP plan -> Still open
#   j4  referral, assessment, CIN plan (ended 2024-09-01), CP plan open
#                                 Referral -> Assessment -> CIN plan -> CP plan -> Still open
#   j5  nfa referral, closed the same day          Referral -> Closed
#   j6  EH ended 2024-03-31, the day before the period: not in the period, no journey
#   j7  EH starts 2025-04-01, after the period: no journey
#   j8  referral and CP plan both ended on 2025-03-31 (not open at period end); EH e8 starts
#       after the period and is not reached      Referral -> Assessment -> CP plan -> Closed
#   j9  EH open, referral open with an assessment not yet authorised
#                                                 Early help -> Referral -> Assessment -> Still open
EXPECTED = [
    ("Early help", "Referral", 2),                            # j2, j9
    ("Early help", "Still open", 1),                          # j1
    ("Referral", "Assessment", 5),                            # j2, j3, j4, j8, j9
    ("Referral", "Closed", 1),                                # j5
    ("Assessment", "Child in need plan", 1),                  # j4
    ("Assessment", "Child protection plan", 2),               # j3, j8
    ("Assessment", "Closed", 1),                              # j2
    ("Assessment", "Still open", 1),                          # j9
    ("Child in need plan", "Child protection plan", 1),       # j4
    ("Child protection plan", "Closed", 1),                   # j8
    ("Child protection plan", "Still open", 2),               # j3, j4
]


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    return build_load(tmp_path_factory.mktemp("journeys"), FILES, date(2025, 5, 31))


def test_journeys_match_hand_worked_links(conn):
    links = journeys(conn, date(2025, 3, 31))
    assert links == [JourneyLink(*link) for link in EXPECTED]
    assert [(link.source, link.target, link.children) for link in links] == EXPECTED


def test_every_child_ends_closed_or_open(conn):
    # 7 children have a journey (j1-j5, j8, j9): 3 end Closed (j2, j5, j8), 4 Still open.
    links = journeys(conn, date(2025, 3, 31))
    ends = {}
    for link in links:
        if link.target in ("Closed", "Still open"):
            ends[link.target] = ends.get(link.target, 0) + link.children
    assert ends == {"Closed": 3, "Still open": 4}


def test_filters_restrict_the_children(conn):
    # Girls: j1 (EH -> Still open), j3 (Referral -> Assessment -> CP plan -> Still open),
    # j5 (Referral -> Closed).
    links = journeys(conn, date(2025, 3, 31), filters={"sex": "F"})
    assert [tuple(link) for link in links] == [
        ("Early help", "Still open", 1),
        ("Referral", "Assessment", 1),
        ("Referral", "Closed", 1),
        ("Assessment", "Child protection plan", 1),
        ("Child protection plan", "Still open", 1),
    ]


def test_quarter_period(conn):
    # Quarter [2025-01-01, 2025-03-31]: j2 (all closed by 2024-12-01) and j5 (closed
    # 2024-10-01) leave; j1, j3, j4, j8 (closed on the last day), j9 keep their paths.
    links = journeys(conn, date(2025, 3, 31), months=3)
    assert [tuple(link) for link in links] == [
        ("Early help", "Referral", 1),                        # j9
        ("Early help", "Still open", 1),                      # j1
        ("Referral", "Assessment", 4),                        # j3, j4, j8, j9
        ("Assessment", "Child in need plan", 1),              # j4
        ("Assessment", "Child protection plan", 2),           # j3, j8
        ("Assessment", "Still open", 1),                      # j9
        ("Child in need plan", "Child protection plan", 1),   # j4
        ("Child protection plan", "Closed", 1),               # j8
        ("Child protection plan", "Still open", 2),           # j3, j4
    ]
