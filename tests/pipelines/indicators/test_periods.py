"""Reporting periods: 12 months (or a quarter) ending period_end, calendar arithmetic."""

from datetime import date

import pytest
from neglect_insight.pipelines.indicators.periods import (
    add_months,
    format_date,
    period_ending,
    quarter_label,
)


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


def test_labels_as_people_write_them():
    assert format_date(date(2025, 3, 31)) == "31 March 2025"
    assert quarter_label(date(2025, 3, 31)) == "Q4 2024-25"
    assert quarter_label(date(2024, 6, 30)) == "Q1 2024-25"
    assert quarter_label(date(2024, 12, 31)) == "Q3 2024-25"


def test_a_period_is_at_least_a_month():
    with pytest.raises(ValueError):
        period_ending(date(2025, 3, 31), 0)
