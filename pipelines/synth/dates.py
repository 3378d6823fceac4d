"""Calendar arithmetic on day numbers (days since 1970-01-01, int32 numpy arrays).

Why day numbers: every timeline is generated for millions of events at once, and integer
days make that plain vector arithmetic. Month arithmetic follows indicators.md ("as DuckDB
`INTERVAL` does it": month ends clamp, 2024-11-30 + 3 months = 2025-02-28) so that windows
built here agree with the indicator SQL.
"""

from datetime import date

import numpy as np

EPOCH = date(1970, 1, 1)
YEAR = 365.25


def to_day(d: date) -> int:
    """Day number of a date."""
    return (d - EPOCH).days


def month_start(days: np.ndarray) -> np.ndarray:
    """First day of each day's month."""
    months = np.asarray(days).astype("datetime64[D]").astype("datetime64[M]")
    return months.astype("datetime64[D]").astype(np.int32)


def add_months(days: np.ndarray | int, months: np.ndarray | int) -> np.ndarray:
    """`days + months` with month-end clamping (DuckDB interval semantics)."""
    d = np.asarray(days).astype("datetime64[D]")
    m = d.astype("datetime64[M]")
    day_of_month = (d - m.astype("datetime64[D]")).astype(np.int64)
    target = m + np.asarray(months).astype("timedelta64[M]")
    month_len = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
        np.int64
    )
    out = target.astype("datetime64[D]") + np.minimum(day_of_month, month_len - 1)
    return out.astype(np.int32)


def year_of(days: np.ndarray) -> np.ndarray:
    """Calendar year of each day."""
    return np.asarray(days).astype("datetime64[D]").astype("datetime64[Y]").astype(np.int32) + 1970


def month_of(days: np.ndarray) -> np.ndarray:
    """Calendar month (1-12) of each day."""
    months = np.asarray(days).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return (months % 12 + 1).astype(np.int32)


def academic_year_of(days: np.ndarray) -> np.ndarray:
    """Start year of the academic year (1 Sep - 31 Aug) holding each day."""
    return year_of(days) - (month_of(days) < 9)


def day_of(year: int, month: int, day: int = 1) -> int:
    """Day number of a calendar date."""
    return to_day(date(year, month, day))


def month_firsts(first: int, last: int) -> np.ndarray:
    """First day of every month from the month of `first` to the month of `last`."""
    lo = np.datetime64(int(first), "D").astype("datetime64[M]")
    hi = np.datetime64(int(last), "D").astype("datetime64[M]")
    return np.arange(lo, hi + 1).astype("datetime64[D]").astype(np.int32)


def month_lengths(month_first: np.ndarray) -> np.ndarray:
    """Days in each month given its first day."""
    return add_months(month_first, 1) - month_first
