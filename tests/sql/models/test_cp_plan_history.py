"""Model `cp_plan_history`: one row per child protection plan with its neglect category and
history (indicators.md, "CP neglect plan"): the category is the latest, else the initial;
only NEG is neglect (MUL never is). `earlier_plan_count` counts the child's plans starting
strictly before this one, `latest_earlier_end_date` is the latest end date among them."""

from datetime import date

from tests.helpers import build_load

FILES = {
    "children": """
        child_id,sex,birth_month,ethnicity,disabled,locality
        c1,F,2015-01-01,WBRI,false,North
        c2,M,2016-01-01,WBRI,false,North
        c3,F,2017-01-01,WBRI,false,South
    """,
    "early_help": "episode_id,child_id,start_date,end_date,factors,end_reason,organisation",
    "referrals": "referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,"
                 "closure_reason",
    "assessments": "assessment_id,referral_id,child_id,start_date,authorised_date,factors",
    "cp_plans": """
        plan_id,child_id,referral_id,start_date,end_date,initial_category,latest_category,previous_plans
        p1,c1,r1,2022-01-10,2022-06-30,NEG,,0
        p2,c1,r2,2023-02-01,2023-08-31,PHY,NEG,
        p3,c1,r3,2024-05-01,,NEG,MUL,
        p4,c2,r4,2024-01-01,,EMO,,2
        p5,c2,r5,2024-01-01,2024-03-01,NEG,,
        p6,c2,r6,2024-09-01,,neg,,
        p7,c3,r7,2024-06-01,,SAB,,
    """,
    "population": "mid_year,population_0_17\n2024,1000",
}


def test_category_neglect_and_earlier_plans(tmp_path):
    conn = build_load(tmp_path, FILES)
    got = conn.execute("select plan_id, child_id, category, is_neglect, is_initial_neglect, "
                       "previous_plans, earlier_plan_count, latest_earlier_end_date "
                       "from cp_plan_history order by plan_id").fetchall()
    assert got == [
        # c1's first plan: no latest category, so the initial NEG; nothing earlier
        ("p1", "c1", "NEG", True, True, 0, 0, None),
        # the latest category NEG wins over the initial PHY; p1 is earlier, ended 30 June 2022
        ("p2", "c1", "NEG", True, False, None, 1, date(2022, 6, 30)),
        # started NEG, now MUL: multiple is never neglect; p1 and p2 earlier, latest end p2's
        ("p3", "c1", "MUL", False, True, None, 2, date(2023, 8, 31)),
        # p5 starts the same day: not earlier; the LA's own previous_plans count is kept as sent
        ("p4", "c2", "EMO", False, False, 2, 0, None),
        ("p5", "c2", "NEG", True, True, None, 0, None),
        # lower-case neg is NEG; p4 (still open) and p5 are earlier; the only end date is p5's
        ("p6", "c2", "NEG", True, True, None, 2, date(2024, 3, 1)),
        # another category, another child
        ("p7", "c3", "SAB", False, False, None, 0, None),
    ]


def test_start_end_and_referral_pass_through(tmp_path):
    conn = build_load(tmp_path, FILES)
    got = conn.execute("select plan_id, referral_id, start_date, end_date, initial_category, "
                       "latest_category from cp_plan_history where child_id = 'c1' "
                       "order by plan_id").fetchall()
    assert got == [
        ("p1", "r1", date(2022, 1, 10), date(2022, 6, 30), "NEG", None),
        ("p2", "r2", date(2023, 2, 1), date(2023, 8, 31), "PHY", "NEG"),
        ("p3", "r3", date(2024, 5, 1), None, "NEG", "MUL"),
    ]
