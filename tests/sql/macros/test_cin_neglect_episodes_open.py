"""Table macro `cin_neglect_episodes_open`: CIN neglect episodes open in a period, the 16A
assessment authorised by period_end unless `authorised_by` says otherwise."""

import duckdb

from neglect_insight.pipelines.load.build import build_macros

EPISODES = [
    # referral_id, nfa, neglect_authorised_date, referral_date, closure_date
    ("r1", False, "2023-06-01", "2023-05-01", None),          # open, 16A before the period
    ("r2", True, "2024-06-01", "2024-05-01", None),           # nfa: never an episode
    ("r3", False, None, "2024-05-01", None),                  # no 16A assessment
    ("r4", False, "2025-05-01", "2024-05-01", None),          # 16A after period_end
    ("r5", False, "2024-03-01", "2024-01-01", "2024-03-31"),  # closed before the period
    ("r6", False, "2025-03-31", "2025-03-31", None),          # referred and 16A on period_end
]


def episodes(*args: str) -> list[str]:
    conn = duckdb.connect()
    conn.execute("create table cin_episodes (referral_id varchar, child_id varchar, nfa boolean, "
                 "neglect_authorised_date date, referral_date date, closure_date date)")
    conn.executemany("insert into cin_episodes values (?, 'c', ?, ?, ?, ?)", EPISODES)
    build_macros(conn)
    build_macros(conn, over_models=True)
    rows = conn.execute(f"select referral_id from cin_neglect_episodes_open({', '.join(args)}) "
                        "order by referral_id").fetchall()
    return [r[0] for r in rows]


def test_episodes_open_in_the_period():
    assert episodes("date '2024-04-01'", "date '2025-03-31'") == ["r1", "r6"]


def test_authorised_by_a_date_other_than_period_end():
    # The academic year 2024/25 with authorisation by 2025-08-31: r4 counts too.
    assert episodes("date '2024-09-01'", "date '2025-08-31'") == ["r1", "r4", "r6"]
    # The same year with authorisation by 2025-03-31 (the attendance family): r4 does not.
    assert episodes("date '2024-09-01'", "date '2025-08-31'",
                    "authorised_by := date '2025-03-31'") == ["r1", "r6"]
