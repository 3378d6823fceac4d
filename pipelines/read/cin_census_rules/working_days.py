"""Working days (weekdays that are not England bank holidays) for the DfE's time limits."""

from __future__ import annotations

from datetime import date
from functools import cache

import numpy as np

from neglect_insight.pipelines.calendar import bank_holidays


@cache
def _holidays(year: int) -> tuple[date, ...]:
    return tuple(bank_holidays(year - 2, year + 1).column("holiday_date").to_pylist())


@cache
def working_days_before(day: date, count: int) -> date:
    """The date `count` working days before `day` (from a weekend or bank holiday, the first
    of them is the working day before it)."""
    moved = np.busday_offset(day, -count, roll="forward", holidays=list(_holidays(day.year)))
    return moved.astype(date)


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5
