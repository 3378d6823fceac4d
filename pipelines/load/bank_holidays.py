"""The load's copy of the bank-holiday calendar (`pipelines.calendar.bank_holidays`).

SQL cannot call Python at question time (the dashboard opens the load read-only), so a load
stores the calendar as the table `bank_holidays` after staging and before the models are built;
`sql/models/assessment_timeliness.sql` counts working days from it exactly as
`numpy.busday_count` does.
"""

from __future__ import annotations

import duckdb

from neglect_insight.pipelines.calendar import bank_holidays

TABLE = "bank_holidays"


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
