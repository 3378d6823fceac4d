"""Macro `open_at`: open at a date; an end on that date is closed."""

from datetime import date

import duckdb

from neglect_insight.pipelines.load.build import build_macros

AT = date(2025, 3, 31)


def open_at(start: str, end: str | None) -> bool:
    conn = duckdb.connect()
    build_macros(conn)
    return conn.execute("select open_at(?::date, ?::date, ?)", [start, end, AT]).fetchone()[0]


def test_open_at_boundaries():
    assert open_at("2025-03-31", None)              # starts that day, still open
    assert open_at("2024-01-01", "2025-04-01")      # ends the day after
    assert not open_at("2024-01-01", "2025-03-31")  # ends that day
    assert not open_at("2025-04-01", None)          # starts the day after
