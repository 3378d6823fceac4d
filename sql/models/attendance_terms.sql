-- attendance_terms: one row per child per school term from the school census, with the term's
-- calendar dates, so indicators can find "the last full term before" or "the first full term
-- after" a date (indicators.md, "School attendance").
-- Grain: one row per (child_id, academic_year, term) (a duplicate is blocking, extracts.md).
-- Reads: stg_attendance.
-- An academic year `YYYY/YY` runs 1 September YYYY to 31 August of the next year; its terms
-- (extracts.md, attendance.csv) are autumn 1 Sep-31 Dec, spring 1 Jan-31 Mar and summer
-- 1 Apr-31 Aug, stored upper-case (AUTUMN, SPRING, SUMMER). The academic year's first calendar
-- year is read from its first four characters; a malformed year or term leaves the dates empty.
with
attendance as (
    select child_id, academic_year, term, possible_sessions, absence_sessions,
        unauthorised_sessions
    from stg_attendance
),

years_parsed as (
    select
        attendance.*,
        try_cast(left(academic_year, 4) as integer) as first_year
    from attendance
),

final as (
    select
        child_id,
        academic_year,
        make_date(first_year, 9, 1) as academic_year_start_date,
        make_date(first_year + 1, 8, 31) as academic_year_end_date,
        term,
        case term when 'AUTUMN' then 1 when 'SPRING' then 2 when 'SUMMER' then 3 end
            as term_order,
        case term
            when 'AUTUMN' then make_date(first_year, 9, 1)
            when 'SPRING' then make_date(first_year + 1, 1, 1)
            when 'SUMMER' then make_date(first_year + 1, 4, 1)
        end as term_start_date,
        case term
            when 'AUTUMN' then make_date(first_year, 12, 31)
            when 'SPRING' then make_date(first_year + 1, 3, 31)
            when 'SUMMER' then make_date(first_year + 1, 8, 31)
        end as term_end_date,
        possible_sessions,
        absence_sessions,
        unauthorised_sessions
    from years_parsed
)

select * from final
