"""Reporting periods (indicators.md): `[period_start, period_end]`, both inclusive; by default
the 12 months ending period_end, or a quarter (3 months) when asked."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


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
