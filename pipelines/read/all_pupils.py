"""All pupils or only children? Decide it for the school census rows of a delivery, once its
children are loaded, and derive the all-pupils figures from the same rows (issue 8, point 7).

The rule: the school census files of a delivery hold **all pupils** when they hold more pupils
than the delivery has children. A file made for children known to services holds at most as
many pupils as there are children (every pupil is one of them); a census of the area's schools
holds every pupil on roll, of whom children known to services are a minority. Then:

- `attendance_all_pupils.csv` is derived from every pupil's rows, unless the delivery sent that
  file itself (the delivered file is kept). One row per academic year and term, at pupil-year
  level as the contract means it (and as `attendance_years` judges a child): `pupils` with a
  row for the term, their `possible_sessions` and `absence_sessions` added up, and
  `persistent_absentees` / `severe_absentees` the pupils among them whose absence over all
  their rows of that academic year is at least 10% / 50% of their possible sessions. A row
  whose counts are not whole numbers with 0 <= absence <= possible > 0, or whose term or year
  is not one, is left out of the figures and counted in the finding.
- attendance keeps only the rows of pupils who are children of the delivery.

Otherwise the rows are the children's own and nothing is derived. Either way a query finding
says which was decided and why (counts only, never an id).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from neglect_insight.pipelines.delivery_types import ExtractRead, Rule, StagedDelivery, finding
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES

COVERAGE = Rule(
    "school_census.coverage", "query",
    "The school census attendance was taken to hold all pupils (more pupils than the delivery "
    "has children) or only children known to services; the finding says which and what was "
    "done.")

CANONICAL_FILE = "attendance.csv"
# Rows of attendance converted from a school census file (not the delivered attendance.csv).
_CENSUS = f"_source is not null and _source <> '{CANONICAL_FILE}'"
_VALID = """
    try_cast(possible_sessions as bigint) > 0
    and try_cast(absence_sessions as bigint) between 0 and try_cast(possible_sessions as bigint)
    and lower(term) in ('autumn', 'spring', 'summer')
    and regexp_full_match(academic_year, '[0-9]{4}/[0-9]{2}')"""

_DERIVE = f"""
with
rows as (
    select child_id, academic_year, lower(term) as term,
        try_cast(possible_sessions as bigint) as possible_sessions,
        try_cast(absence_sessions as bigint) as absence_sessions
    from raw_attendance
    where {_CENSUS} and child_id is not null and {_VALID}
),
pupil_years as (  -- each pupil's absence over the academic year: the persistent/severe flags
    select child_id, academic_year,
        10 * sum(absence_sessions) >= sum(possible_sessions) as is_persistent_absent,
        2 * sum(absence_sessions) >= sum(possible_sessions) as is_severe_absent
    from rows group by child_id, academic_year
),
pupil_terms as (
    select rows.academic_year, rows.term, rows.child_id,
        sum(rows.possible_sessions) as possible_sessions,
        sum(rows.absence_sessions) as absence_sessions,
        any_value(pupil_years.is_persistent_absent) as is_persistent_absent,
        any_value(pupil_years.is_severe_absent) as is_severe_absent
    from rows join pupil_years using (child_id, academic_year)
    group by all
),
final as (
    select academic_year, term,
        count(*) as pupils,
        sum(possible_sessions) as possible_sessions,
        sum(absence_sessions) as absence_sessions,
        count(*) filter (where is_persistent_absent) as persistent_absentees,
        count(*) filter (where is_severe_absent) as severe_absentees
    from pupil_terms group by academic_year, term
)
select
    academic_year, term, pupils::varchar as pupils, possible_sessions::varchar
        as possible_sessions, absence_sessions::varchar as absence_sessions,
    persistent_absentees::varchar as persistent_absentees,
    severe_absentees::varchar as severe_absentees,
    (row_number() over (order by academic_year,
        case term when 'autumn' then 1 when 'spring' then 2 else 3 end) + 1)::bigint as _line,
    $source as _source,
    'all pupils'' rows for ' || term || ' ' || academic_year as _place
from final
order by _line
"""


def _has_census_rows(conn: duckdb.DuckDBPyConnection) -> bool:
    columns = {name for (name,) in conn.execute(
        "select column_name from duckdb_columns() where table_name = 'raw_attendance'"
    ).fetchall()}
    return "_source" in columns and conn.execute(
        f"select exists (select 1 from raw_attendance where {_CENSUS})").fetchall()[0][0]


def _count(conn: duckdb.DuckDBPyConnection, sql: str) -> int:
    return int(conn.execute(sql).fetchall()[0][0] or 0)


def separate_all_pupils(conn: duckdb.DuckDBPyConnection, staged: StagedDelivery) -> None:
    """Apply the rule above to raw_attendance (and raw_attendance_all_pupils), recording the
    derived file in `staged.reads` and the decision in `staged.findings`."""
    if not _has_census_rows(conn):
        return
    staged.rules.append((COVERAGE, CANONICAL_FILE))
    sources = [s for (s,) in conn.execute(
        f"select distinct _source from raw_attendance where {_CENSUS} order by 1").fetchall()]
    names = ", ".join(sources)
    pupils = _count(conn, f"select count(distinct child_id) from raw_attendance where {_CENSUS}")
    children = _count(conn, "select count(distinct child_id) from raw_children")
    if pupils <= children:
        staged.findings.append(finding(COVERAGE, CANONICAL_FILE, message=(
            f"{names} holds {pupils:,} pupils, no more than the {children:,} children of the "
            "delivery, so it was taken to hold only children known to services: its rows are "
            "the children's attendance and no all-pupils figures were derived from it.")))
        return
    known = "child_id in (select child_id from raw_children where child_id is not null)"
    kept = _count(conn, f"select count(distinct child_id) from raw_attendance "
                        f"where {_CENSUS} and {known}")
    derived = _derive(conn, staged, sources)
    left_out = _count(conn, f"select count(*) from raw_attendance where {_CENSUS} "
                            f"and not coalesce(({_VALID}), false)")
    conn.execute(f"delete from raw_attendance where {_CENSUS} and not coalesce({known}, false)"
                 ).fetchall()
    if "attendance" in staged.reads:
        staged.reads["attendance"].rows = _count(conn, "select count(*) from raw_attendance")
    figures = (f"attendance_all_pupils.csv was derived from all of them ({derived:,} terms"
               + (f"; {left_out:,} row{'' if left_out == 1 else 's'} with unusable counts, term or "
                  "year left out of it"
                  if left_out else "") + ")"
               if derived else "attendance_all_pupils.csv was not derived: the delivery sent it")
    staged.findings.append(finding(COVERAGE, CANONICAL_FILE, message=(
        f"{names} holds {pupils:,} pupils, more than the {children:,} children of the "
        f"delivery, so it was taken to hold all pupils: {figures}, and attendance.csv keeps "
        f"the rows of the {kept:,} pupils who are children of the delivery.")))


def _derive(conn: duckdb.DuckDBPyConnection, staged: StagedDelivery, sources: list[str]) -> int:
    """raw_attendance_all_pupils from the census rows, unless the delivery sent the file;
    the number of rows made."""
    extract = EXTRACT_FILES["attendance_all_pupils"]
    if extract.stem in staged.reads:
        return 0
    conn.execute("create or replace table raw_attendance_all_pupils as " + _DERIVE,
                 {"source": ", ".join(sources)})
    rows = _count(conn, "select count(*) from raw_attendance_all_pupils")
    attendance = staged.reads.get("attendance")
    staged.reads[extract.stem] = ExtractRead(
        extract.stem, attendance.path if attendance else Path(sources[0]),
        sha256=attendance.sha256 if attendance else "", bytes=0, rows=rows,
        columns=extract.column_names, converted_to=extract.file_name)
    return rows
