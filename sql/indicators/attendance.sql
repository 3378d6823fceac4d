-- Attendance family (indicators.md, "School attendance"): absence of children known to early
-- help, children in need, child protection and with neglect identified, over the academic year
-- containing period_end; and whether attendance improved after early help.
-- Grain: one row per (indicator_id, record): for the cohort indicators one row per cohort child
-- with at least one attendance row for the year; for eh_attendance_improved one row per child.
-- `measure` is the child's change in absence (percentage points, later term - earlier term) for
-- eh_attendance_improved, averaged by pipelines.indicators into `mean_change_pp`; null otherwise.
-- Reads: eh_episodes, cin_episodes, cp_plan_history, attendance_years, attendance_terms.
-- Parameters: $period_start, $period_end.
-- Definitions:
--   academic year: the one containing period_end, 1 September to 31 August (period_end
--     2025-03-31 -> 2024/25, 2024-09-01 to 2025-08-31).
--   open in the year: start <= 31 August and (end is null or end >= 1 September), the spec's
--     "open in the period" (macro open_in_period) with the academic year as the period.
--   cohorts (a child is in every cohort it qualifies for):
--     eh      child with an early help episode (any) open in the year;
--     cp      child with a CP plan (any category) open in the year;
--     cin     child with a non-nfa referral (CIN episode) open in the year, "including CP": a
--             child with a CP plan open in the year is in the cohort too;
--     neglect child with an EH neglect episode (16A), a CIN neglect episode or a CP neglect plan
--             (latest category, else initial, NEG; MUL is not neglect) open in the year. A CIN
--             neglect episode keeps its definition word for word: "any assessment authorised on
--             or before period_end whose factors include 16A" - authorised by period_end, not by
--             the end of the academic year; only "open in it" becomes "open in the year"
--             (macro cin_neglect_episodes_open with authorised_by := period_end).
--   attendance_absence_rate_<cohort>: sum absence_sessions / sum possible_sessions over cohort
--     children's rows for the year (numerator and denominator are each child's sessions).
--   attendance_persistent_<cohort>: children with yearly absence >= 10% (10 x absence >=
--     possible, whole numbers) over cohort children with at least one row for the year.
--   attendance_severe_<cohort>: the same at >= 50% (2 x absence >= possible).
--   eh_attendance_improved: of children whose EH episode ended in the period with attendance
--     rows for the last full term before its start_date (the latest term that ends before it)
--     and the first full term after its end_date (the earliest term that starts after it), those
--     whose absence rate in the later term is strictly lower (compared as whole-number cross
--     products). Terms tile the year (autumn 1 Sep-31 Dec, spring 1 Jan-31 Mar, summer
--     1 Apr-31 Aug), so the term before ends the day before the term holding start_date begins,
--     and the term after starts the day after the term holding end_date ends; a child without a
--     row for exactly those terms is not counted. Unit: the child, counted once; a child with
--     several qualifying episodes ending in the period is judged on the latest-ending one (then
--     latest start, then highest episode_id).
with
period as (select $period_start::date as period_start, $period_end::date as period_end),

academic_year as (
    select
        make_date(first_year, 9, 1) as year_start_date,
        make_date(first_year + 1, 8, 31) as year_end_date
    from (
        select case when month(period_end) >= 9 then year(period_end)
            else year(period_end) - 1 end as first_year
        from period
    )
),

eh_cohort as (
    select distinct eh.child_id
    from eh_episodes as eh, academic_year
    where open_in_period(eh.start_date, eh.end_date, academic_year.year_start_date,
        academic_year.year_end_date)
),

cp_cohort as (
    select distinct cp.child_id
    from cp_plan_history as cp, academic_year
    where open_in_period(cp.start_date, cp.end_date, academic_year.year_start_date,
        academic_year.year_end_date)
),

cin_cohort as (
    select cin.child_id
    from cin_episodes as cin, academic_year
    where not cin.nfa
        and open_in_period(cin.referral_date, cin.closure_date, academic_year.year_start_date,
            academic_year.year_end_date)
    union
    select child_id from cp_cohort
),

neglect_cohort as (
    select eh.child_id
    from eh_episodes as eh, academic_year
    where eh.is_neglect
        and open_in_period(eh.start_date, eh.end_date, academic_year.year_start_date,
            academic_year.year_end_date)
    union
    select cin.child_id
    from academic_year, period, cin_neglect_episodes_open(academic_year.year_start_date,
        academic_year.year_end_date, authorised_by := period.period_end) as cin
    union
    select cp.child_id
    from cp_plan_history as cp, academic_year
    where cp.is_neglect
        and open_in_period(cp.start_date, cp.end_date, academic_year.year_start_date,
            academic_year.year_end_date)
),

cohorts as (
    select 'eh' as cohort, child_id from eh_cohort
    union all select 'cin', child_id from cin_cohort
    union all select 'cp', child_id from cp_cohort
    union all select 'neglect', child_id from neglect_cohort
),

year_attendance as (
    select years.child_id, years.possible_sessions, years.absence_sessions,
        years.is_persistent_absent, years.is_severe_absent
    from attendance_years as years
    join academic_year on years.academic_year_start_date = academic_year.year_start_date
),

cohort_attendance as (
    select cohorts.cohort, year_attendance.*
    from cohorts
    join year_attendance using (child_id)
),

eh_ended_in_period as (
    select
        eh.episode_id,
        eh.child_id,
        eh.start_date,
        eh.end_date,
        case
            when month(eh.start_date) >= 9 then make_date(year(eh.start_date), 9, 1)
            when month(eh.start_date) >= 4 then make_date(year(eh.start_date), 4, 1)
            else make_date(year(eh.start_date), 1, 1)
        end - 1 as earlier_term_end_date,  -- the latest term ending before start_date
        case
            when month(eh.end_date) >= 9 then make_date(year(eh.end_date), 12, 31)
            when month(eh.end_date) >= 4 then make_date(year(eh.end_date), 8, 31)
            else make_date(year(eh.end_date), 3, 31)
        end + 1 as later_term_start_date  -- the earliest term starting after end_date
    from eh_episodes as eh, period
    where eh.end_date between period.period_start and period.period_end
),

eh_with_both_terms as (
    select
        ended.episode_id,
        ended.child_id,
        ended.start_date,
        ended.end_date,
        earlier.absence_sessions as earlier_absence,
        earlier.possible_sessions as earlier_possible,
        later.absence_sessions as later_absence,
        later.possible_sessions as later_possible
    from eh_ended_in_period as ended
    join attendance_terms as earlier
        on earlier.child_id = ended.child_id
        and earlier.term_end_date = ended.earlier_term_end_date
    join attendance_terms as later
        on later.child_id = ended.child_id
        and later.term_start_date = ended.later_term_start_date
    where earlier.possible_sessions > 0 and later.possible_sessions > 0
),

eh_before_after as (
    select
        episode_id,
        child_id,
        later_absence * earlier_possible < earlier_absence * later_possible as is_improved,
        (100 * (later_absence * earlier_possible - earlier_absence * later_possible))::double
            / (later_possible * earlier_possible) as change_pp
    from eh_with_both_terms
    qualify row_number() over (
        partition by child_id order by end_date desc, start_date desc, episode_id desc
    ) = 1
),

final as (
    select 'attendance_absence_rate_' || cohort as indicator_id, child_id,
        child_id as record_id, absence_sessions as numerator, possible_sessions as denominator,
        null::double as measure
    from cohort_attendance
    union all
    select 'attendance_persistent_' || cohort, child_id, child_id,
        is_persistent_absent::int, 1, null
    from cohort_attendance
    union all
    select 'attendance_severe_' || cohort, child_id, child_id, is_severe_absent::int, 1, null
    from cohort_attendance
    union all
    select 'eh_attendance_improved', child_id, episode_id, is_improved::int, 1, change_pp
    from eh_before_after
)

select * from final
