-- Flows family (indicators.md, "Flows between services"): early help stepping up to children's
-- social care, and social care stepping down to early help.
-- Grain: one row per (indicator_id, record): an EH episode for eh_step_up, a referral for
-- step_down_to_eh; numerator 1 when the record stepped up / down, denominator 1.
-- Reads: eh_episodes, cin_episodes. Parameters: $period_start, $period_end.
-- Definitions (windows are DuckDB intervals: month ends clamp, 2024-11-30 + 3 months = 2025-02-28):
--   eh_step_up: of EH episodes ending in the period (end_date in [period_start, period_end]),
--     those whose child has a referral (any, nfa included, dated in or after the period) dated in
--     [end_date, end_date + 3 months], both ends included, or whose end_reason is stepped_up.
--   step_down_to_eh: of referrals closed in the period (closure_date in the period, nfa
--     included), those closed with RC9 or followed by an EH episode of the child starting in
--     (closure_date, closure_date + 3 months]: a start on the closure date itself is not counted.
with
period as (select $period_start::date as period_start, $period_end::date as period_end),
eh as (select episode_id, child_id, start_date, end_date, end_reason from eh_episodes),
referrals as (
    select referral_id, child_id, referral_date, closure_date, closure_reason from cin_episodes
),

eh_ended_in_period as (
    select eh.*
    from eh, period
    where eh.end_date between period.period_start and period.period_end
),

referred_within_3m as (
    select distinct ended.episode_id
    from eh_ended_in_period as ended
    join referrals
        on referrals.child_id = ended.child_id
        and referrals.referral_date >= ended.end_date
        and referrals.referral_date <= ended.end_date + interval 3 month  -- [end, end + 3 months]
),

eh_step_up as (
    select
        ended.episode_id,
        ended.child_id,
        ended.end_reason = 'STEPPED_UP' or referred_within_3m.episode_id is not null
            as is_stepped_up
    from eh_ended_in_period as ended
    left join referred_within_3m using (episode_id)
),

closed_in_period as (
    select referrals.*
    from referrals, period
    where referrals.closure_date between period.period_start and period.period_end
),

eh_within_3m as (
    select distinct closed.referral_id
    from closed_in_period as closed
    join eh
        on eh.child_id = closed.child_id
        and eh.start_date > closed.closure_date  -- open at the left: not on the closure date
        and eh.start_date <= closed.closure_date + interval 3 month
),

step_down_to_eh as (
    select
        closed.referral_id,
        closed.child_id,
        coalesce(closed.closure_reason = 'RC9', false) or eh_within_3m.referral_id is not null
            as is_stepped_down
    from closed_in_period as closed
    left join eh_within_3m using (referral_id)
),

final as (
    select 'eh_step_up' as indicator_id, child_id, episode_id as record_id,
        coalesce(is_stepped_up, false)::int as numerator, 1 as denominator
    from eh_step_up
    union all
    select 'step_down_to_eh', child_id, referral_id, is_stepped_down::int, 1
    from step_down_to_eh
)

select * from final
