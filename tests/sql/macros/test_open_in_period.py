"""Macro `open_in_period`: open at any time in the period, both ends included."""

from datetime import date

import duckdb

from neglect_insight.pipelines.load.build import build_macros

PERIOD = (date(2024, 4, 1), date(2025, 3, 31))


def open_in_period(start: str, end: str | None) -> bool:
    conn = duckdb.connect()
    build_macros(conn)
    return conn.execute("select open_in_period(?::date, ?::date, ?, ?)", [start, end, *PERIOD]
                        ).fetchone()[0]


def test_open_in_period_boundaries():
    assert open_in_period("2023-01-01", None)              # still open
    assert open_in_period("2023-01-01", "2024-04-01")      # ends on period_start
    assert not open_in_period("2023-01-01", "2024-03-31")  # ended the day before
    assert open_in_period("2025-03-31", None)              # starts on period_end
    assert not open_in_period("2025-04-01", None)          # starts the day after
