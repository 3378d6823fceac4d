"""England and Wales bank holidays, for working-day measures (indicators.md, "Drift and
timeliness": `numpy.busday_count(start_date, authorised_date, holidays=England and Wales bank
holidays)`).

The calendar comes from the maintained `holidays` package (`holidays.UK(subdiv="ENG")`: New
Year's Day, Good Friday, Easter Monday, the May, spring and summer bank holidays, Christmas,
Boxing Day, substitute days and one-off days such as the 2023 coronation; Wales keeps the same
list), never from a hand-typed list.

SQL cannot call Python at question time (the dashboard opens the load read-only), so a load
stores the calendar as the table `bank_holidays` before the models are built;
`sql/models/assessment_timeliness.sql` counts working days from it exactly as
`numpy.busday_count` does. `pipelines.load.build` calls `create_bank_holidays(conn)` after
staging and before the models.
"""

from __future__ import annotations

from datetime import date

import duckdb
import holidays
import numpy as np
import pyarrow as pa

TABLE = "bank_holidays"
SCHEMA = pa.schema([("holiday_date", pa.date32()), ("holiday_name", pa.string())])


def bank_holidays(first_year: int, last_year: int) -> pa.Table:
    """England and Wales bank holidays (including substitute days) in the years
    [first_year, last_year], one row per date, oldest first."""
    if last_year < first_year:
        return SCHEMA.empty_table()
    calendar = holidays.UK(subdiv="ENG", years=range(first_year, last_year + 1))
    rows = sorted(calendar.items())
    return pa.table(
        {"holiday_date": [d for d, _ in rows], "holiday_name": [n for _, n in rows]},
        schema=SCHEMA,
    )


def _data_years(conn: duckdb.DuckDBPyConnection) -> tuple[int, int] | None:
    """The calendar years the staged assessments span (start and authorised dates)."""
    (row,) = conn.execute(
        "select min(year(d)), max(year(d)) from ("
        "select start_date as d from stg_assessments "
        "union all select authorised_date from stg_assessments)"
    ).fetchall()
    if row[0] is None:
        return None
    return int(row[0]), int(row[1])


def create_bank_holidays(conn: duckdb.DuckDBPyConnection, first_year: int | None = None,
                         last_year: int | None = None) -> int:
    """Create (or replace) the table `bank_holidays` (holiday_date, holiday_name) for the
    years [first_year, last_year]; by default the years the staged assessments span (needs
    `stg_assessments`). Returns the number of dates stored."""
    if first_year is None or last_year is None:
        span = _data_years(conn)
        data_first, data_last = span if span else (1, 0)  # no assessments: an empty table
        first_year = data_first if first_year is None else first_year
        last_year = data_last if last_year is None else last_year
    table = bank_holidays(first_year, last_year)
    conn.register("bank_holidays_arrow", table)
    try:
        conn.execute(
            f"create or replace table {TABLE} as "
            "select holiday_date::date as holiday_date, holiday_name::varchar as holiday_name "
            "from bank_holidays_arrow order by holiday_date"
        )
    finally:
        conn.unregister("bank_holidays_arrow")
    return table.num_rows


def working_days(start: date, end: date) -> int:
    """numpy.busday_count(start, end, holidays=England and Wales bank holidays): weekdays in
    [start, end) that are not bank holidays (negative when end is before start). The SQL model
    reproduces this; tests compare the two."""
    first, last = sorted((start, end))
    calendar = bank_holidays(first.year, last.year).column("holiday_date").to_pylist()
    return int(np.busday_count(start, end, holidays=calendar))
