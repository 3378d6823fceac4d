-- attendance_years: one row per child per academic year, summing that child's term rows for the
-- year, with the persistent and severe absence flags (indicators.md, "School attendance").
-- Grain: one row per (child_id, academic_year_start_date). Reads: attendance_terms.
-- Definitions (compared in whole numbers, no floating point):
--   is_persistent_absent: yearly absence >= 10% of possible sessions: 10 x absence >= possible
--   is_severe_absent:     yearly absence >= 50% of possible sessions:  2 x absence >= possible
-- academic_year is written `YYYY/YY` from the year's start date.
with
terms as (
    select child_id, academic_year_start_date, academic_year_end_date, possible_sessions,
        absence_sessions, unauthorised_sessions
    from attendance_terms
    where academic_year_start_date is not null
),

years as (
    select
        child_id,
        academic_year_start_date,
        any_value(academic_year_end_date) as academic_year_end_date,
        count(*) as term_count,
        sum(possible_sessions)::bigint as possible_sessions,
        sum(absence_sessions)::bigint as absence_sessions,
        sum(unauthorised_sessions)::bigint as unauthorised_sessions
    from terms
    group by child_id, academic_year_start_date
),

final as (
    select
        child_id,
        year(academic_year_start_date)::varchar || '/'
            || lpad(((year(academic_year_start_date) + 1) % 100)::varchar, 2, '0')
            as academic_year,
        academic_year_start_date,
        academic_year_end_date,
        term_count,
        possible_sessions,
        absence_sessions,
        unauthorised_sessions,
        10 * absence_sessions >= possible_sessions as is_persistent_absent,
        2 * absence_sessions >= possible_sessions as is_severe_absent
    from years
)

select * from final
