"""Model `attendance_years`: one row per child per academic year, with persistent (>= 10%) and
severe (>= 50%) absence decided in whole numbers (indicators.md, "School attendance")."""

from datetime import date
from fractions import Fraction

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from neglect_insight.pipelines.load.build import SQL_ROOT

MODEL_SQL = (SQL_ROOT / "models" / "attendance_years.sql").read_text()


def model(rows: list[tuple]) -> list[tuple]:
    """Build the model on a bare connection holding only attendance_terms."""
    conn = duckdb.connect()
    conn.execute("create table attendance_terms (child_id varchar, academic_year_start_date date, "
                 "academic_year_end_date date, possible_sessions bigint, "
                 "absence_sessions bigint, unauthorised_sessions bigint)")
    conn.executemany("insert into attendance_terms values (?, ?, ?, ?, ?, ?)", rows)
    out = conn.execute(
        f"select child_id, academic_year, academic_year_start_date, term_count, "
        f"possible_sessions, absence_sessions, unauthorised_sessions, is_persistent_absent, "
        f"is_severe_absent from ({MODEL_SQL}) order by child_id, academic_year").fetchall()
    conn.close()
    return out


Y2024 = (date(2024, 9, 1), date(2025, 8, 31))
Y2023 = (date(2023, 9, 1), date(2024, 8, 31))


def test_terms_sum_to_the_year_and_thresholds_are_inclusive():
    got = model([
        ("c1", *Y2024, 150, 15, 5), ("c1", *Y2024, 230, 23, 0),  # 38/380 = exactly 10%
        ("c1", *Y2023, 190, 190, None),                          # another year, its own row
        ("c2", *Y2024, 190, 95, None), ("c2", *Y2024, 190, 95, None),  # 190/380 = exactly 50%
        ("c3", *Y2024, 10000, 999, None),                        # 9.99%: not persistent
        ("c4", *Y2024, 380, 189, None),                          # 49.7%: persistent, not severe
    ])
    assert got == [
        ("c1", "2023/24", Y2023[0], 1, 190, 190, None, True, True),
        ("c1", "2024/25", Y2024[0], 2, 380, 38, 5, True, False),
        ("c2", "2024/25", Y2024[0], 2, 380, 190, None, True, True),
        ("c3", "2024/25", Y2024[0], 1, 10000, 999, None, False, False),
        ("c4", "2024/25", Y2024[0], 1, 380, 189, None, True, False),
    ]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 400), st.integers(0, 400)), min_size=1, max_size=3))
def test_flags_equal_exact_fractions(terms):
    rows = [("c", *Y2024, possible, min(absence, possible), None) for possible, absence in terms]
    possible = sum(r[3] for r in rows)
    absence = sum(r[4] for r in rows)
    (got,) = model(rows)
    assert got[7] == (Fraction(absence, possible) >= Fraction(1, 10))
    assert got[8] == (Fraction(absence, possible) >= Fraction(1, 2))
