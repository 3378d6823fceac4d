"""Reporting periods, calendar arithmetic, academic years and age bands."""

from datetime import date

import duckdb
import pytest

from neglect_insight.pipelines.calendar import (
    AGE_BANDS,
    academic_year,
    academic_year_label,
    academic_year_start,
    add_months,
    format_date,
    month_end,
    period_ending,
    quarter_label,
)
from neglect_insight.pipelines.load.build import build_macros


@pytest.mark.parametrize(
    ("end", "months", "start"),
    [
        (date(2025, 3, 31), 12, date(2024, 4, 1)),
        (date(2025, 3, 31), 3, date(2025, 1, 1)),
        (date(2024, 12, 31), 12, date(2024, 1, 1)),
        (date(2024, 2, 29), 12, date(2023, 3, 1)),  # leap day: the day after is 1 March
        (date(2024, 6, 30), 3, date(2024, 4, 1)),
    ],
)
def test_period_start(end, months, start):
    period = period_ending(end, months)
    assert (period.start, period.end) == (start, end)


def test_month_ends_clamp_as_duckdb_does():
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), -12) == date(2023, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_month_end():
    assert month_end(date(2024, 2, 3)) == date(2024, 2, 29)
    assert month_end(date(2025, 6, 30), -3) == date(2025, 3, 31)
    assert month_end(date(2025, 3, 31), -12) == date(2024, 3, 31)
    assert month_end(date(2024, 11, 15), 3) == date(2025, 2, 28)


def test_labels_as_people_write_them():
    assert format_date(date(2025, 3, 31)) == "31 March 2025"
    assert quarter_label(date(2025, 3, 31)) == "Q4 2024-25"
    assert quarter_label(date(2024, 6, 30)) == "Q1 2024-25"
    assert quarter_label(date(2024, 12, 31)) == "Q3 2024-25"


def test_academic_years_run_september_to_august():
    assert academic_year_start(date(2024, 9, 1)) == 2024
    assert academic_year_start(date(2025, 8, 31)) == 2024
    assert academic_year(date(2025, 3, 31)) == "2024/25"
    assert academic_year(date(2025, 9, 1)) == "2025/26"
    assert academic_year_label(1999) == "1999/00"


def test_a_period_is_at_least_a_month():
    with pytest.raises(ValueError):
        period_ending(date(2025, 3, 31), 0)


def test_age_bands_are_the_sql_macros_in_order():
    # At 31 March 2025: a birth month after it (unborn), then children aged 0, 1, 4, 5, 9, 10,
    # 15, 16, 17, 18 and 30: every band the macro gives, youngest first.
    at = date(2025, 3, 31)
    births = [date(2025, 4, 1)] + [
        date(2025 - age, 3, 1) for age in (0, 1, 4, 5, 9, 10, 15, 16, 17, 18, 30)
    ]
    conn = duckdb.connect()
    build_macros(conn)
    bands = [
        conn.execute("select age_band(?::date, ?::date)", [birth, at]).fetchone()[0]
        for birth in births
    ]
    assert list(dict.fromkeys(bands)) == list(AGE_BANDS)
