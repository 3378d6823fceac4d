"""Calendar arithmetic on day numbers (days since 1970-01-01, int32 numpy arrays).

Why day numbers: every timeline is generated for millions of events at once, and integer
days make that plain vector arithmetic; month arithmetic goes through small lookup tables
(one entry per day and per month from 1900 to 2200), which keeps it a gather, not a date
conversion, at national scale. It follows indicators.md ("as DuckDB `INTERVAL` does it":
month ends clamp, 2024-11-30 + 3 months = 2025-02-28) so windows agree with the indicator SQL.
This is the vectorised form of `pipelines.calendar` (`add_months`, `academic_year_start`), for
day-number arrays; tests check the two agree.
"""

from datetime import date

import numpy as np

EPOCH = date(1970, 1, 1)
YEAR = 365.25

_FIRST_MONTH = np.datetime64("1900-01", "M")
_MONTHS = np.arange(_FIRST_MONTH, np.datetime64("2200-01", "M"))
_MONTH_FIRST = _MONTHS.astype("datetime64[D]").astype(np.int64)  # by month number
_MONTH_LEN = np.diff(np.append(_MONTH_FIRST, _MONTH_FIRST[-1] + 31))
_FIRST_DAY = int(_MONTH_FIRST[0])
_DAYS = np.arange(_FIRST_DAY, _MONTH_FIRST[-1] + 31)
_MONTH_OF_DAY = np.searchsorted(_MONTH_FIRST, _DAYS, side="right") - 1  # by day - _FIRST_DAY


def to_day(d: date) -> int:
    """Day number of a date."""
    return (d - EPOCH).days


def day_of(year: int, month: int, day: int = 1) -> int:
    """Day number of a calendar date."""
    return to_day(date(year, month, day))


def _month_number(days: np.ndarray | int) -> np.ndarray:
    return _MONTH_OF_DAY[np.asarray(days, dtype=np.int64) - _FIRST_DAY]


def month_start(days: np.ndarray | int) -> np.ndarray:
    """First day of each day's month."""
    return _MONTH_FIRST[_month_number(days)].astype(np.int32)


def add_months(days: np.ndarray | int, months: np.ndarray | int) -> np.ndarray:
    """`days + months` with month-end clamping (DuckDB interval semantics)."""
    days = np.asarray(days, dtype=np.int64)
    m = _month_number(days)
    target = m + np.asarray(months)
    day_of_month = days - _MONTH_FIRST[m]
    return (_MONTH_FIRST[target] + np.minimum(day_of_month, _MONTH_LEN[target] - 1)).astype(
        np.int32
    )


def year_of(days: np.ndarray | int) -> np.ndarray:
    """Calendar year of each day."""
    return (_month_number(days) // 12 + 1900).astype(np.int32)


def month_of(days: np.ndarray | int) -> np.ndarray:
    """Calendar month (1-12) of each day."""
    return (_month_number(days) % 12 + 1).astype(np.int32)


def academic_year_of(days: np.ndarray | int) -> np.ndarray:
    """Start year of the academic year (1 Sep - 31 Aug) holding each day."""
    return year_of(days) - (month_of(days) < 9)


def month_firsts(first: int, last: int) -> np.ndarray:
    """First day of every month from the month of `first` to the month of `last`."""
    return _MONTH_FIRST[_month_number(first) : _month_number(last) + 1].astype(np.int32)


def month_lengths(month_first: np.ndarray) -> np.ndarray:
    """Days in each month given its first day."""
    return _MONTH_LEN[_month_number(month_first)].astype(np.int32)
