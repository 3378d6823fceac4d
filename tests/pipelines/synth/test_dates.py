"""dates.add_months agrees with DuckDB's interval arithmetic, which the indicator SQL uses, and
with pipelines.calendar (its one-date form)."""

from datetime import date, timedelta

import duckdb
import numpy as np

from neglect_insight.pipelines import calendar
from neglect_insight.pipelines.synth import dates


def test_add_months_matches_duckdb():
    rng = np.random.Generator(np.random.PCG64(0))
    days = rng.integers(dates.to_day(date(1990, 1, 1)), dates.to_day(date(2040, 1, 1)), 2_000)
    days[:4] = [dates.to_day(d) for d in (date(2024, 11, 30), date(2024, 1, 31),
                                           date(2000, 2, 29), date(2023, 3, 31))]  # fmt: skip
    months = rng.integers(-216, 217, len(days))
    months[:4] = [3, 1, 12, -1]  # 2025-02-28, 2024-02-29, 2001-02-28, 2023-02-28
    ours = dates.add_months(days, months)
    theirs = duckdb.execute(
        "select (d + to_months(m))::date from (select unnest(?) as d, unnest(?) as m)",
        [[dates.EPOCH + timedelta(days=int(d)) for d in days], [int(m) for m in months]],
    ).fetchall()
    assert [dates.EPOCH + timedelta(days=int(d)) for d in ours] == [t for (t,) in theirs]
    assert dates.EPOCH + timedelta(days=int(ours[0])) == date(2025, 2, 28)
    one_by_one = [
        calendar.add_months(dates.EPOCH + timedelta(days=int(d)), int(m))
        for d, m in zip(days, months, strict=True)
    ]
    assert one_by_one == [t for (t,) in theirs]


def test_calendar_helpers():
    day = dates.to_day(date(2024, 9, 1))
    assert dates.academic_year_of(np.int32(day)) == 2024
    assert dates.academic_year_of(np.int32(day - 1)) == 2023
    for d in (date(2024, 9, 1), date(2024, 8, 31), date(2025, 3, 31)):
        assert dates.academic_year_of(np.int32(dates.to_day(d))) == calendar.academic_year_start(d)
    assert dates.month_start(np.int32(day + 20)) == day
    assert list(dates.month_lengths(dates.month_firsts(day, dates.to_day(date(2025, 2, 3))))) == [
        30, 31, 30, 31, 31, 28,
    ]  # fmt: skip
