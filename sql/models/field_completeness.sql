-- field_completeness: how fully each contract column of each extract file was filled in, as
-- delivered (the raw layer, before cleaning or typing), for the data quality page.
-- Grain: one row per (file, column) of the contract (pipelines/read/extract_files.py); extra
-- columns a file carried are not counted. A file that was not sent has row_count 0.
-- Reads: raw_children, raw_early_help, raw_referrals, raw_assessments, raw_cin_plans,
-- raw_cp_plans, raw_attendance, raw_attendance_all_pupils, raw_population, raw_early_years.
-- Definitions:
--   filled: the cell is not empty after trimming (as_text; extracts.md "empty cell = missing").
--     An optional column absent from the file is empty on every row.
--   filled_share: filled_count / row_count (0 to 1); null when the file has no rows.
-- SQL cannot loop over columns, so each file lists its contract columns once, in contract
-- order: one pass counts the filled cells of every column, unpivot turns them into rows.
with
children as (
    unpivot (
        select
            count(*) as row_count,
            count(as_text(child_id)) as child_id,
            count(as_text(sex)) as sex,
            count(as_text(birth_month)) as birth_month,
            count(as_text(expected_birth_month)) as expected_birth_month,
            count(as_text(ethnicity)) as ethnicity,
            count(as_text(disabled)) as disabled,
            count(as_text(locality)) as locality
        from raw_children
    )
    on child_id, sex, birth_month, expected_birth_month, ethnicity, disabled, locality
    into name "column" value filled_count
),

early_help as (
    unpivot (
        select
            count(*) as row_count,
            count(as_text(episode_id)) as episode_id,
            count(as_text(child_id)) as child_id,
            count(as_text(start_date)) as start_date,
            count(as_text(end_date)) as end_date,
            count(as_text(factors)) as factors,
            count(as_text(end_reason)) as end_reason,
            count(as_text(organisation)) as organisation,
            count(as_text(gcp2_score)) as gcp2_score
        from raw_early_help
    )
    on episode_id, child_id, start_date, end_date, factors, end_reason, organisation, gcp2_score
    into name "column" value filled_count
),

referrals as (
    unpivot (
        select
            count(*) as row_count,
            count(as_text(referral_id)) as referral_id,
            count(as_text(child_id)) as child_id,
            count(as_text(referral_date)) as referral_date,
            count(as_text(source)) as source,
            count(as_text(primary_need)) as primary_need,
            count(as_text(nfa)) as nfa,
            count(as_text(closure_date)) as closure_date,
            count(as_text(closure_reason)) as closure_reason
        from raw_referrals
    )
    on referral_id, child_id, referral_date, source, primary_need, nfa, closure_date,
        closure_reason
    into name "column" value filled_count
),

assessments as (
    unpivot (
        select
            count(*) as row_count,
            count(as_text(assessment_id)) as assessment_id,
            count(as_text(referral_id)) as referral_id,
            count(as_text(child_id)) as child_id,
            count(as_text(start_date)) as start_date,
            count(as_text(authorised_date)) as authorised_date,
            count(as_text(factors)) as factors
        from raw_assessments
    )
    on assessment_id, referral_id, child_id, start_date, authorised_date, factors
    into name "column" value filled_count
),

cin_plans as (
    unpivot (
        select
            count(*) as row_count,
            count(as_text(child_id)) as child_id,
            count(as_text(referral_id)) as referral_id,
            count(as_text(start_date)) as start_date,
            count(as_text(end_date)) as end_date
        from raw_cin_plans
    )
    on child_id, referral_id, start_date, end_date
    into name "column" value filled_count
),

cp_plans as (
    unpivot (
        select
            count(*) as row_count,
            count(as_text(plan_id)) as plan_id,
            count(as_text(child_id)) as child_id,
            count(as_text(referral_id)) as referral_id,
            count(as_text(start_date)) as start_date,
            count(as_text(end_date)) as end_date,
            count(as_text(initial_category)) as initial_category,
            count(as_text(latest_category)) as latest_category,
            count(as_text(previous_plans)) as previous_plans
        from raw_cp_plans
    )
    on plan_id, child_id, referral_id, start_date, end_date, initial_category, latest_category,
        previous_plans
    into name "column" value filled_count
),

attendance as (
    unpivot (
        select
            count(*) as row_count,
            count(as_text(child_id)) as child_id,
            count(as_text(academic_year)) as academic_year,
            count(as_text(term)) as term,
            count(as_text(possible_sessions)) as possible_sessions,
            count(as_text(absence_sessions)) as absence_sessions,
            count(as_text(unauthorised_sessions)) as unauthorised_sessions
        from raw_attendance
    )
    on child_id, academic_year, term, possible_sessions, absence_sessions, unauthorised_sessions
    into name "column" value filled_count
),

attendance_all_pupils as (
    unpivot (
        select
            count(*) as row_count,
            count(as_text(academic_year)) as academic_year,
            count(as_text(term)) as term,
            count(as_text(pupils)) as pupils,
            count(as_text(possible_sessions)) as possible_sessions,
            count(as_text(absence_sessions)) as absence_sessions,
            count(as_text(persistent_absentees)) as persistent_absentees,
            count(as_text(severe_absentees)) as severe_absentees
        from raw_attendance_all_pupils
    )
    on academic_year, term, pupils, possible_sessions, absence_sessions, persistent_absentees,
        severe_absentees
    into name "column" value filled_count
),

population as (
    unpivot (
        select
            count(*) as row_count,
            count(as_text(mid_year)) as mid_year,
            count(as_text(population_0_17)) as population_0_17
        from raw_population
    )
    on mid_year, population_0_17
    into name "column" value filled_count
),

early_years as (
    unpivot (
        select
            count(*) as row_count,
            count(as_text(term_start)) as term_start,
            count(as_text(eligible_2yo)) as eligible_2yo,
            count(as_text(taking_up)) as taking_up
        from raw_early_years
    )
    on term_start, eligible_2yo, taking_up
    into name "column" value filled_count
),

all_files as (
    select 'children.csv' as file, "column", row_count, filled_count from children
    union all select 'early_help.csv', "column", row_count, filled_count from early_help
    union all select 'referrals.csv', "column", row_count, filled_count from referrals
    union all select 'assessments.csv', "column", row_count, filled_count from assessments
    union all select 'cin_plans.csv', "column", row_count, filled_count from cin_plans
    union all select 'cp_plans.csv', "column", row_count, filled_count from cp_plans
    union all select 'attendance.csv', "column", row_count, filled_count from attendance
    union all select 'attendance_all_pupils.csv', "column", row_count, filled_count
        from attendance_all_pupils
    union all select 'population.csv', "column", row_count, filled_count from population
    union all select 'early_years.csv', "column", row_count, filled_count from early_years
),

final as (
    select
        file,
        "column",
        row_count::bigint as row_count,
        filled_count::bigint as filled_count,
        filled_count / nullif(row_count, 0) as filled_share
    from all_files
)

select * from final
