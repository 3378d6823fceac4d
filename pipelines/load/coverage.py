"""How far a delivery's data runs, checked against its extract date when it is loaded.

The extract date defaults to the day of the load, so a historical delivery loaded today would
offer quarters after its data ends and show every figure falling. The newest event in the
delivery (any start, end, referral, assessment, authorisation, closure or attendance term) says
how far the data really runs: when it is more than three months before the extract date, the
data is taken to end there, the periods offered stop at the last quarter end on or before it
(model `quarter_ends` reads `load_info.data_until`) and the load says so (ingest and the Data
quality page). Within three months the data covers the extract date: a quiet last few days
are no reason to drop the latest quarter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from neglect_insight.pipelines.calendar import add_months, format_date

STALE_AFTER_MONTHS = 3

# The last day each school term's attendance counts up to (attendance has terms, not dates).
# Worked out once per distinct (academic_year, term), not once per child's row: the same newest
# date in a third of the time at large-la scale (tests/pipelines/load/test_build_speed.py).
_TERM_END = """
    make_date(try_cast(left(academic_year, 4) as integer)
              + case lower(term) when 'autumn' then 0 else 1 end,
              case lower(term) when 'autumn' then 12 when 'spring' then 3 else 7 end,
              31)"""

NEWEST_EVENT_SQL = f"""
select max(event_date) from (
    select greatest(start_date, end_date) as event_date from stg_early_help
    union all select greatest(referral_date, closure_date) from stg_referrals
    union all select greatest(start_date, authorised_date) from stg_assessments
    union all select greatest(start_date, end_date) from stg_cin_plans
    union all select greatest(start_date, end_date) from stg_cp_plans
    union all select {_TERM_END} from (select distinct academic_year, term from stg_attendance)
)
"""


@dataclass(frozen=True)
class Coverage:
    """The newest event in a delivery and the day its data is taken to run to."""

    extract_date: date
    newest_event: date | None

    @property
    def is_stale(self) -> bool:
        """The newest event is more than three months before the extract date."""
        return (self.newest_event is not None
                and self.newest_event < add_months(self.extract_date, -STALE_AFTER_MONTHS))

    @property
    def data_until(self) -> date:
        """The extract date, or the newest event when that is more than three months older."""
        return self.newest_event if self.is_stale else self.extract_date

    @property
    def warning(self) -> str | None:
        """What to tell whoever loads (or reads) a stale delivery; None when it is not."""
        if not self.is_stale:
            return None
        return (f"The newest event in this delivery is {format_date(self.newest_event)}, more "
                f"than three months before the extract date {format_date(self.extract_date)}: "
                "was the extract date right? Periods are offered only up to the last quarter "
                f"end on or before {format_date(self.newest_event)}.")


def coverage(conn: duckdb.DuckDBPyConnection, extract_date: date) -> Coverage:
    """The coverage of the delivery staged on `conn` (its stg_ views)."""
    [(newest,)] = conn.execute(NEWEST_EVENT_SQL).fetchall()
    return Coverage(extract_date, newest)


def stored_coverage(conn: duckdb.DuckDBPyConnection) -> Coverage | None:
    """The coverage a load recorded in `load_info`; None for a load made before it did."""
    try:
        [(extract_date, newest)] = conn.execute(
            "select extract_date, newest_event_date from load_info").fetchall()
    except duckdb.Error:
        return None
    return Coverage(extract_date, newest)
