-- service_events: one row per service a child received, across early help and children's social
-- care, in the order of the journey (indicators.md, "Flows between services": EH -> referral ->
-- assessment -> CIN plan -> CP plan).
-- Grain: one row per (service, event_id). Reads: eh_episodes, cin_episodes, assessment_factors,
-- stg_cin_plans, cp_plan_history.
-- service / service_order: early_help 1, referral 2, assessment 3, cin_plan 4, cp_plan 5.
-- start_date / end_date: episode start and end; for a referral its referral_date and
-- closure_date; for an assessment its start_date and authorised_date. referral_id is the CIN
-- episode the event belongs to (empty for early help). A CIN plan has no id in the extract:
-- its event_id is its referral_id and start date.
with
early_help as (
    select 'early_help' as service, 1 as service_order, episode_id as event_id, child_id,
        null::varchar as referral_id, start_date, end_date
    from eh_episodes
),

referrals as (
    select 'referral', 2, referral_id, child_id, referral_id, referral_date, closure_date
    from cin_episodes
),

assessments as (
    select 'assessment', 3, assessment_id, child_id, referral_id, start_date, authorised_date
    from assessment_factors
),

cin_plans as (
    select 'cin_plan', 4, referral_id || '/' || coalesce(start_date::varchar, ''), child_id,
        referral_id, start_date, end_date
    from stg_cin_plans
),

cp_plans as (
    select 'cp_plan', 5, plan_id, child_id, referral_id, start_date, end_date
    from cp_plan_history
),

final as (
    select * from early_help
    union all select * from referrals
    union all select * from assessments
    union all select * from cin_plans
    union all select * from cp_plans
)

select * from final
