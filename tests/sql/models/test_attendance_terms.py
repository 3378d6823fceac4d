"""Model `attendance_terms`: one row per child per term, with the term's calendar dates
(extracts.md, attendance.csv: autumn 1 Sep-31 Dec, spring 1 Jan-31 Mar, summer 1 Apr-31 Aug;
academic year `YYYY/YY` from 1 September YYYY)."""

from datetime import date

import duckdb

from neglect_insight.pipelines.load.build import SQL_ROOT

MODEL_SQL = (SQL_ROOT / "models" / "attendance_terms.sql").read_text()


def model(rows: list[tuple]) -> list[tuple]:
    """Build the model on a bare connection holding only stg_attendance."""
    conn = duckdb.connect()
    conn.execute("create table stg_attendance (child_id varchar, academic_year varchar, "
                 "term varchar, possible_sessions bigint, absence_sessions bigint, "
                 "unauthorised_sessions bigint)")
    conn.executemany("insert into stg_attendance values (?, ?, ?, ?, ?, ?)", rows)
    out = conn.execute(
        f"select child_id, academic_year_start_date, academic_year_end_date, term, term_order, "
        f"term_start_date, term_end_date, possible_sessions, absence_sessions "
        f"from ({MODEL_SQL}) order by child_id, term_order").fetchall()
    conn.close()
    return out


def test_terms_get_their_calendar_dates():
    got = model([
        ("c1", "2024/25", "AUTUMN", 150, 15, None),  # 1 Sep 2024 - 31 Dec 2024
        ("c1", "2024/25", "SPRING", 120, 12, 2),     # 1 Jan 2025 - 31 Mar 2025
        ("c1", "2024/25", "SUMMER", 110, 11, 0),     # 1 Apr 2025 - 31 Aug 2025
        ("c2", "1999/00", "AUTUMN", 100, 0, None),   # the century turns: 1999/00 ends in 2000
    ])
    year_2024 = (date(2024, 9, 1), date(2025, 8, 31))
    assert got == [
        ("c1", *year_2024, "AUTUMN", 1, date(2024, 9, 1), date(2024, 12, 31), 150, 15),
        ("c1", *year_2024, "SPRING", 2, date(2025, 1, 1), date(2025, 3, 31), 120, 12),
        ("c1", *year_2024, "SUMMER", 3, date(2025, 4, 1), date(2025, 8, 31), 110, 11),
        ("c2", date(1999, 9, 1), date(2000, 8, 31), "AUTUMN", 1, date(1999, 9, 1),
         date(1999, 12, 31), 100, 0),
    ]


def test_terms_tile_the_academic_year():
    # Each term starts the day after the previous one ends; autumn starts the academic year and
    # summer ends it.
    got = model([("c1", "2023/24", t, 100, 1, None) for t in ("AUTUMN", "SPRING", "SUMMER")])
    assert got[0][5] == got[0][1] and got[2][6] == got[2][2]
    for earlier, later in zip(got, got[1:], strict=False):
        assert (later[5] - earlier[6]).days == 1


def test_unknown_term_or_year_leaves_dates_empty():
    got = model([("c1", "2024/25", "WINTER", 100, 1, None), ("c2", "bad", "AUTUMN", 100, 1, None)])
    assert [(r[0], r[5], r[6]) for r in got] == [("c1", None, None), ("c2", None, None)]
