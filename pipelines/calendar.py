"""Dates, periods and calendars shared by every layer (the bottom of the stack: imports nothing
from the project).

- Reporting periods (indicators.md): `[period_start, period_end]`, both inclusive; by default the
  12 months ending period_end, or a quarter (3 months) when asked. Month arithmetic clamps month
  ends as DuckDB's `INTERVAL` does, so Python windows agree with the indicator SQL.
- Financial-year quarters and academic years (1 September to 31 August), in the words people use.
- Age bands (indicators.md breakdowns), in the order the SQL macro `sql/macros/age_band.sql`
  assigns them (a test keeps the two in step).
- England and Wales bank holidays, for working-day measures (indicators.md, "Drift and
  timeliness": `numpy.busday_count(start_date, authorised_date, holidays=England and Wales bank
  holidays)`), from the maintained `holidays` package (`holidays.UK(subdiv="ENG")`: substitute
  days and one-off days such as the 2023 coronation included; Wales keeps the same list), never a
  hand-typed list. The load stores them as a table (`pipelines.load.bank_holidays`).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

import holidays
import numpy as np
import pyarrow as pa

AGE_BANDS = ("Unborn", "Under 1", "1 to 4", "5 to 9", "10 to 15", "16 to 17", "18 and over")
BANK_HOLIDAY_SCHEMA = pa.schema([("holiday_date", pa.date32()), ("holiday_name", pa.string())])


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    months: int

    @property
    def label(self) -> str:
        return f"{format_date(self.start)} to {format_date(self.end)}"


def add_months(d: date, months: int) -> date:
    """Calendar arithmetic as DuckDB's INTERVAL does it: month ends clamp."""
    month_index = d.year * 12 + d.month - 1 + months
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last_day))


def month_end(d: date, months: int = 0) -> date:
    """The last day of the month `months` after d's month (30 June -> 31 March for -3)."""
    first = add_months(d.replace(day=1), months)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def period_ending(period_end: date, months: int = 12) -> Period:
    """The `months` months ending on period_end: from (period_end + 1 day - months) inclusive."""
    if months < 1:
        raise ValueError("a period is at least one month long")
    start = add_months(period_end + timedelta(days=1), -months)
    return Period(start, period_end, months)


def quarter_label(period_end: date) -> str:
    """'Q4 2024-25' for the quarter ending 31 March 2025 (financial-year quarters)."""
    quarter = {6: 1, 9: 2, 12: 3, 3: 4}.get(period_end.month)
    first_year = period_end.year if period_end.month >= 4 else period_end.year - 1
    if quarter is None:
        return format_date(period_end)
    return f"Q{quarter} {first_year}-{str(first_year + 1)[-2:]}"


def format_date(d: date) -> str:
    """'31 March 2025', as people write dates."""
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def academic_year_start(d: date) -> int:
    """The year the academic year (1 September to 31 August) holding d starts in."""
    return d.year if d.month >= 9 else d.year - 1


def academic_year_label(first_year: int) -> str:
    """'2024/25' for the academic year starting in September 2024."""
    return f"{first_year}/{(first_year + 1) % 100:02d}"


def academic_year(d: date) -> str:
    """'2024/25' for any date from 1 September 2024 to 31 August 2025."""
    return academic_year_label(academic_year_start(d))


def bank_holidays(first_year: int, last_year: int) -> pa.Table:
    """England and Wales bank holidays (including substitute days) in the years
    [first_year, last_year], one row per date (holiday_date, holiday_name), oldest first."""
    if last_year < first_year:
        return BANK_HOLIDAY_SCHEMA.empty_table()
    days = holidays.UK(subdiv="ENG", years=range(first_year, last_year + 1))
    rows = sorted(days.items())
    return pa.table(
        {"holiday_date": [d for d, _ in rows], "holiday_name": [n for _, n in rows]},
        schema=BANK_HOLIDAY_SCHEMA,
    )


def working_days(start: date, end: date) -> int:
    """numpy.busday_count(start, end, holidays=England and Wales bank holidays): weekdays in
    [start, end) that are not bank holidays (negative when end is before start). The SQL model
    `assessment_timeliness` reproduces this; tests compare the two."""
    first, last = sorted((start, end))
    days = bank_holidays(first.year, last.year).column("holiday_date").to_pylist()
    return int(np.busday_count(start, end, holidays=days))
