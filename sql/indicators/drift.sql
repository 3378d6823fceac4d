-- Drift and timeliness family (indicators.md, "Drift and timeliness"): assessments taking more
-- than 45 working days, and children in need episodes open for 2 years or more.
-- Grain: one row per (indicator_id, record): an assessment authorised in the period for
-- assessments_over_45wd (numerator 1 when over 45 working days, else 0); a CIN episode counted
-- for cin_open_2y_plus (a count: numerator 1, denominator null).
-- Reads: assessment_timeliness, cin_episodes. Parameters: $period_start, $period_end.
-- Definitions:
--   assessments_over_45wd: of assessments with authorised_date in [period_start, period_end],
--     those with numpy.busday_count(start_date, authorised_date, holidays=England and Wales
--     bank holidays) > 45 (working_day_count, model assessment_timeliness).
--   cin_open_2y_plus: non-nfa CIN episodes open at period end (referral_date <= period_end and
--     closure_date empty or after period_end) with referral_date <= period_end - 2 years.
with
period as (select $period_start::date as period_start, $period_end::date as period_end),

assessments as (
    select assessment_id, child_id, authorised_date, working_day_count
    from assessment_timeliness
),

episodes as (
    select referral_id, child_id, referral_date, nfa, closure_date from cin_episodes
),

authorised_in_period as (
    select
        assessments.assessment_id,
        assessments.child_id,
        assessments.working_day_count > 45 as is_over_45_working_days
    from assessments, period
    where assessments.authorised_date between period.period_start and period.period_end
),

open_2y_plus as (
    select episodes.referral_id, episodes.child_id
    from episodes, period
    where not episodes.nfa
        and open_at(episodes.referral_date, episodes.closure_date, period.period_end)
        and episodes.referral_date <= (period.period_end - interval 2 year)::date  -- 2 years
),

final as (
    select 'assessments_over_45wd' as indicator_id, child_id, assessment_id as record_id,
        coalesce(is_over_45_working_days, false)::int as numerator, 1 as denominator
    from authorised_in_period
    union all
    select 'cin_open_2y_plus', child_id, referral_id, 1, null::bigint
    from open_2y_plus
)

select * from final
