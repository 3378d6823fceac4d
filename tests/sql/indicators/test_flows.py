"""Golden test for the flows family (indicators.md, "Flows between services").

Period: 12 months ending 2025-03-31 = [2024-04-01, 2025-03-31]. Extract date 2025-05-31, so
referrals and early help starting after the period (inside the 3-month windows) exist. Windows
are calendar months as DuckDB's INTERVAL does them: 2024-11-30 + 3 months = 2025-02-28. Every row
is explained where it is written; the expected numbers were worked out by hand.
"""

from datetime import date, timedelta

import pytest

from neglect_insight.pipelines.calendar import add_months
from neglect_insight.pipelines.indicators.engine import compute, family_ids, rows_behind
from tests.helpers import build_load

FLOWS = family_ids("flows")

CHILDREN = ["cf1", "cf2", "cf3", "cf4", "cf5", "cf6", "cf7", "cf8", "cf9",
            "cq1", "cq2", "cq3", "cq4", "cq5", "cq6", "cq7", "cq8", "cq9"]

FILES = {
    "children": "child_id,sex,birth_month,ethnicity,disabled,locality\n" + "\n".join(
        f"{c},{'F' if i % 2 else 'M'},2015-01-01,WBRI,false,North" for i, c in enumerate(CHILDREN)),
    "early_help": """
        episode_id,child_id,start_date,end_date,factors,end_reason,organisation
        f1,cf1,2024-01-01,2024-06-30,,stepped_up,la
        f2,cf2,2024-05-01,2024-11-30,,needs_met,school
        f3,cf3,2024-05-01,2024-11-30,,needs_met,school
        f4,cf4,2024-02-01,2024-05-10,,other,health
        f5,cf5,2024-10-01,2025-03-15,,needs_met,school
        f6,cf6,2024-01-15,2024-07-01,,needs_met,school
        f7,cf7,2023-10-01,2024-03-31,,stepped_up,la
        f8,cf8,2024-10-01,2025-04-01,,needs_met,la
        f9,cf9,2024-10-01,,,,la
        h2,cq2,2024-09-15,,,,school
        h3,cq3,2025-01-31,,,,school
        h4,cq4,2025-03-01,,,,school
        h5,cq5,2024-05-02,,,,voluntary
        h8,cq8,2025-04-10,,,,school
    """,
    # eh_step_up: EH episodes ending in the period
    #   f1  ended 2024-06-30 with end_reason stepped_up, no referral at all          -> in
    #   f2  ended 2024-11-30; referral rf2 on 2025-02-28 = end + 3 months (clamped)   -> in
    #   f3  ended 2024-11-30; referral rf3 on 2025-03-01, a day after the window      -> out
    #   f4  ended 2024-05-10; nfa referral rf4 on the end date itself                 -> in
    #   f5  ended 2025-03-15; referral rf5 on 2025-05-01, after the period, in window -> in
    #   f6  ended 2024-07-01; referral rf6 on 2024-06-30, the day before the end      -> out
    #   f7  stepped_up but ended 2024-03-31, before the period: not in the denominator
    #   f8  ended 2025-04-01, after the period: not in the denominator
    #   f9  still open: not in the denominator
    #   -> 4 (f1, f2, f4, f5) of 6 = 66.7
    # h2..h8 are the early help episodes of the step-down children (below); all still open.
    "referrals": """
        referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,closure_reason
        rf2,cf2,2025-02-28,2A,N4,false,,
        rf3,cf3,2025-03-01,2A,N4,false,,
        rf4,cf4,2024-05-10,6,,true,2024-05-10,RC7
        rf5,cf5,2025-05-01,2A,N4,false,,
        rf6,cf6,2024-06-30,2A,N4,false,,
        q1,cq1,2024-03-01,6,N1,false,2024-06-10,RC9
        q2,cq2,2024-06-01,6,N4,false,2024-09-15,RC8
        q3,cq3,2024-07-01,6,N4,false,2024-10-31,RC8
        q4,cq4,2024-08-01,6,N4,false,2024-11-30,RC7
        q5,cq5,2024-04-28,1B,,true,2024-05-01,RC7
        q6,cq6,2024-01-01,6,N4,false,2024-03-31,RC9
        q7,cq7,2024-06-01,6,N4,false,,
        q8,cq8,2024-12-01,6,N4,false,2025-03-20,RC8
        q9,cq9,2024-09-01,6,N5,false,2024-12-01,RC1
    """,
    # step_down_to_eh: referrals closed in the period (nfa included)
    #   q1   closed RC9 (referred to early help), no EH episode follows              -> in
    #   q2   closed 2024-09-15 RC8; EH h2 starts the same day: the window is open at the
    #        left, (closure, closure + 3 months]                                      -> out
    #   q3   closed 2024-10-31 RC8; EH h3 starts 2025-01-31 = closure + 3 months      -> in
    #   q4   closed 2024-11-30 RC7; EH h4 starts 2025-03-01, a day after 2025-02-28   -> out
    #   q5   nfa, closed 2024-05-01; EH h5 starts the next day                        -> in
    #   q8   closed 2025-03-20 RC8; EH h8 starts 2025-04-10, after the period, in window -> in
    #   q9   closed 2024-12-01 RC1, no early help                                      -> out
    #   rf4  nfa, closed 2024-05-10; cf4's only EH episode (f4) started before        -> out
    #   q6   RC9 but closed 2024-03-31, before the period: not in the denominator
    #   q7, rf2, rf3, rf5, rf6 still open: not in the denominator
    #   -> 4 (q1, q3, q5, q8) of 8 = 50.0
    "assessments": "assessment_id,referral_id,child_id,start_date,authorised_date,factors",
    "cp_plans": ("plan_id,child_id,referral_id,start_date,end_date,initial_category,"
                 "latest_category"),
}

EXPECTED = {
    "eh_step_up": (4, 6, 66.7),
    "step_down_to_eh": (4, 8, 50.0),
}


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    return build_load(tmp_path_factory.mktemp("flows"), FILES, date(2025, 5, 31))


def test_flows_match_hand_worked_answers(conn):
    values = compute(conn, date(2025, 3, 31), ids=FLOWS)
    got = {i: (v.numerator, v.denominator, v.value) for i, v in values.items()}
    assert got == EXPECTED


def test_rows_behind_step_up_name_the_episodes(conn):
    rows = rows_behind(conn, "eh_step_up", date(2025, 3, 31)).to_pylist()
    assert sorted((r["record_id"], r["numerator"]) for r in rows) == [
        ("f1", 1), ("f2", 1), ("f3", 0), ("f4", 1), ("f5", 1), ("f6", 0)]


def test_rows_behind_step_down_name_the_referrals(conn):
    rows = rows_behind(conn, "step_down_to_eh", date(2025, 3, 31)).to_pylist()
    assert sorted((r["record_id"], r["numerator"]) for r in rows) == [
        ("q1", 1), ("q2", 0), ("q3", 1), ("q4", 0), ("q5", 1), ("q8", 1), ("q9", 0),
        ("rf4", 0)]


def test_quarter_period(conn):
    # Quarter [2025-01-01, 2025-03-31]: EH ending in it: f5 only (f8 ends 2025-04-01) -> 1/1;
    # referrals closed in it: q8 only -> 1/1.
    values = compute(conn, date(2025, 3, 31), months=3, ids=FLOWS)
    assert {i: (v.numerator, v.denominator) for i, v in values.items()} == {
        "eh_step_up": (1, 1), "step_down_to_eh": (1, 1)}


# Month ends clamp (indicators.md: "2024-11-30 + 3 months = 2025-02-28"): for each end date, one
# child referred on end + 3 months as pipelines.calendar.add_months computes it (in) and
# one referred a day later (out); the same for early help after a closure. Period ending
# 2025-03-31, all end and closure dates in it.
WINDOW_ENDS = [date(2024, 4, 30), date(2024, 5, 31), date(2024, 8, 31), date(2024, 11, 29),
               date(2024, 11, 30), date(2024, 12, 31), date(2025, 2, 28)]


def _window_files() -> dict[str, str]:
    children, eh, referrals = [], [], []
    for i, end in enumerate(WINDOW_ENDS):
        last = add_months(end, 3)
        for kind, later in (("in", last), ("out", last + timedelta(days=1))):
            up, down = f"u{kind}{i}", f"d{kind}{i}"
            children += [f"{c},F,2015-01-01,WBRI,false,North" for c in (up, down)]
            eh.append(f"eu{kind}{i},{up},2024-01-01,{end},,needs_met,school")
            referrals.append(f"ru{kind}{i},{up},{later},2A,N4,false,,")
            referrals.append(f"rd{kind}{i},{down},2023-12-01,6,N4,false,{end},RC8")
            eh.append(f"ed{kind}{i},{down},{later},,,,school")
    return {
        "children": "child_id,sex,birth_month,ethnicity,disabled,locality\n" + "\n".join(children),
        "early_help": ("episode_id,child_id,start_date,end_date,factors,end_reason,organisation\n"
                       + "\n".join(eh)),
        "referrals": ("referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,"
                      "closure_reason\n" + "\n".join(referrals)),
        "assessments": FILES["assessments"],
        "cp_plans": FILES["cp_plans"],
    }


def test_three_month_windows_clamp_month_ends(tmp_path):
    conn = build_load(tmp_path, _window_files(), date(2025, 6, 30))
    for indicator_id in FLOWS:
        rows = rows_behind(conn, indicator_id, date(2025, 3, 31)).to_pylist()
        counted = sorted(r["child_id"] for r in rows if r["numerator"])
        assert len(rows) == 2 * len(WINDOW_ENDS), indicator_id
        prefix = "uin" if indicator_id == "eh_step_up" else "din"
        assert counted == sorted(f"{prefix}{i}" for i in range(len(WINDOW_ENDS))), indicator_id
