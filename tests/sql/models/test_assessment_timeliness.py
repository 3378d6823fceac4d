"""Model `assessment_timeliness` (working days per assessment) and the England and Wales bank
holiday calendar it reads (`pipelines/calendar.py`, stored by `pipelines/load/bank_holidays.py`).

The SQL must reproduce numpy.busday_count(start, authorised, holidays=England and Wales bank
holidays) exactly (indicators.md, "Drift and timeliness"); a property test compares the two on
random dates across four decades, one-off bank holidays included.
"""

from datetime import date, timedelta

import duckdb
import holidays
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from neglect_insight.pipelines.calendar import bank_holidays, working_days
from neglect_insight.pipelines.load.bank_holidays import create_bank_holidays
from neglect_insight.pipelines.load.build import SQL_ROOT

MODEL_SQL = (SQL_ROOT / "models" / "assessment_timeliness.sql").read_text()

# gov.uk/bank-holidays, England and Wales.
GOV_UK_2024_2025 = [
    date(2024, 1, 1), date(2024, 3, 29), date(2024, 4, 1), date(2024, 5, 6), date(2024, 5, 27),
    date(2024, 8, 26), date(2024, 12, 25), date(2024, 12, 26),
    date(2025, 1, 1), date(2025, 4, 18), date(2025, 4, 21), date(2025, 5, 5), date(2025, 5, 26),
    date(2025, 8, 25), date(2025, 12, 25), date(2025, 12, 26),
]


def model(pairs: list[tuple[date, date | None]]) -> dict[str, int | None]:
    """Build the model on a bare connection holding only stg_assessments and bank_holidays."""
    conn = duckdb.connect()
    conn.execute("create table stg_assessments (assessment_id varchar, referral_id varchar, "
                 "child_id varchar, start_date date, authorised_date date)")
    conn.executemany("insert into stg_assessments values (?, 'r', 'c', ?, ?)",
                     [(f"a{i}", s, e) for i, (s, e) in enumerate(pairs)])
    create_bank_holidays(conn)
    rows = conn.execute(f"select assessment_id, working_day_count from ({MODEL_SQL})").fetchall()
    conn.close()
    return dict(rows)


def test_calendar_is_the_gov_uk_england_and_wales_list():
    got = bank_holidays(2024, 2025).column("holiday_date").to_pylist()
    assert got == GOV_UK_2024_2025


def test_calendar_has_substitute_and_one_off_days():
    got = set(bank_holidays(2022, 2023).column("holiday_date").to_pylist())
    assert date(2022, 12, 27) in got  # Christmas Day (substitute day), 25 Dec was a Sunday
    assert date(2022, 9, 19) in got  # State funeral of Queen Elizabeth II
    assert date(2023, 5, 8) in got  # Coronation of King Charles III
    assert date(2022, 3, 17) not in got  # St Patrick's Day is Northern Ireland only


def test_wales_keeps_the_england_list():
    years = range(1990, 2036)
    wales, england = (holidays.UK(subdiv=s, years=years) for s in ("WLS", "ENG"))
    assert set(wales) == set(england)


def test_create_bank_holidays_covers_the_assessment_years():
    conn = duckdb.connect()
    conn.execute("create table stg_assessments as select date '2023-05-02' as start_date, "
                 "date '2024-01-10' as authorised_date")
    assert create_bank_holidays(conn) == 18  # 10 in 2023 (Sunday 1 Jan, its substitute
    # Monday 2 Jan and the coronation among them), 8 in 2024
    assert conn.execute("select min(holiday_date), max(holiday_date) from bank_holidays"
                        ).fetchall() == [(date(2023, 1, 1), date(2024, 12, 26))]
    assert create_bank_holidays(conn, 2025, 2025) == 8  # an explicit range replaces the table


def test_no_assessments_gives_an_empty_calendar():
    conn = duckdb.connect()
    conn.execute("create table stg_assessments (start_date date, authorised_date date)")
    assert create_bank_holidays(conn) == 0
    assert conn.execute("select count(*) from bank_holidays").fetchall() == [(0,)]


def test_hand_counted_spans():
    # Mon 2024-11-18 -> Thu 2025-01-23: 48 weekdays less 25, 26 Dec and 1 Jan = 45; the same
    # day -> 0; Sat -> Mon of one weekend -> 0; not authorised -> empty.
    pairs = [(date(2024, 11, 18), date(2025, 1, 23)), (date(2024, 7, 10), date(2024, 7, 10)),
             (date(2024, 7, 13), date(2024, 7, 15)), (date(2024, 7, 1), None)]
    assert model(pairs) == {"a0": 45, "a1": 0, "a2": 0, "a3": None}
    assert working_days(date(2024, 11, 18), date(2025, 1, 23)) == 45


dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))


@st.composite
def spans(draw):
    start = draw(dates)
    length = draw(st.one_of(st.integers(-20, 120), st.integers(-800, 800)))
    return start, start + timedelta(days=length)


@settings(max_examples=40, deadline=None)
@given(st.lists(spans(), min_size=1, max_size=25))
def test_sql_working_days_equal_numpy_busday_count(pairs):
    years = range(min(min(p) for p in pairs).year, max(max(p) for p in pairs).year + 1)
    calendar = list(holidays.UK(subdiv="ENG", years=years))
    expected = {f"a{i}": int(np.busday_count(s, e, holidays=calendar))
                for i, (s, e) in enumerate(pairs)}
    assert model(pairs) == expected
