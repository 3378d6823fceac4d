"""Golden test for the early years family (indicators.md, "Early years").

fras_2yo_takeup = sum(taking_up) / sum(eligible_2yo) over terms starting in the period. The rows
are term aggregates, not children: child_id is empty and record_id is the term start.
"""

from datetime import date

import pytest

from neglect_insight.pipelines.indicators.engine import compute, family_ids, rows_behind
from tests.helpers import build_load

EARLY_YEARS = family_ids("early_years")

REQUIRED = {
    "children": """
        child_id,sex,birth_month,ethnicity,disabled,locality
        c1,F,2015-01-01,WBRI,false,North
    """,
    "early_help": "episode_id,child_id,start_date,end_date,factors,end_reason,organisation",
    "referrals": "referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,"
                 "closure_reason",
    "assessments": "assessment_id,referral_id,child_id,start_date,authorised_date,factors",
    "cp_plans": "plan_id,child_id,referral_id,start_date,end_date,initial_category,"
                "latest_category",
}

FILES = REQUIRED | {
    "early_years": """
        term_start,eligible_2yo,taking_up
        2024-01-04,100,70
        2024-04-01,120,80
        2024-09-03,150,100
        2025-01-06,130,90
    """,
}
# Period [2024-04-01, 2025-03-31]: 2024-01-04 is before it; 2024-04-01 (the period start),
# 2024-09-03 and 2025-01-06 are in it: (80 + 100 + 90) / (120 + 150 + 130) = 270 / 400 = 67.5.
# Quarter [2025-01-01, 2025-03-31]: 90 / 130 = 69.23 -> 69.2.
# Quarter [2024-10-01, 2024-12-31]: no term starts -> 0 / 0, no value.


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    return build_load(tmp_path_factory.mktemp("early_years"), FILES)


def value(conn, period_end, months=12):
    v = compute(conn, period_end, months=months, ids=["fras_2yo_takeup"])["fras_2yo_takeup"]
    return v.numerator, v.denominator, v.value


def test_family_covers_every_catalogue_id():
    assert EARLY_YEARS == ["fras_2yo_takeup"]


def test_takeup_matches_hand_worked_answers(conn):
    assert value(conn, date(2025, 3, 31)) == (270, 400, 67.5)
    assert value(conn, date(2025, 3, 31), months=3) == (90, 130, 69.2)
    assert value(conn, date(2024, 12, 31), months=3) == (0, 0, None)


def test_rows_behind_are_terms_not_children(conn):
    rows = rows_behind(conn, "fras_2yo_takeup", date(2025, 3, 31)).to_pylist()
    assert sorted((r["record_id"], r["child_id"], r["numerator"], r["denominator"])
                  for r in rows) == [("2024-04-01", None, 80, 120), ("2024-09-03", None, 100, 150),
                                     ("2025-01-06", None, 90, 130)]


def test_without_the_optional_file_there_is_no_value(tmp_path):
    conn = build_load(tmp_path, REQUIRED)
    assert value(conn, date(2025, 3, 31)) == (0, 0, None)
