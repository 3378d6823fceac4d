-- Re-referrals family (indicators.md, "Re-referrals"): referrals to children's social care and
-- re-referrals within 12 months, for all referrals and for children in need neglect episodes.
-- Grain: one row per (indicator_id, referral) in the indicator's denominator (for referrals, a
-- count: one row per referral, denominator null); numerator is 1 when the referral is a
-- re-referral, else 0. Reads: cin_episodes. Parameters: $period_start, $period_end.
-- Definitions:
--   referrals: referrals with referral_date in [period_start, period_end], nfa included.
--   rereferral_12m: of those, referrals whose child has another referral dated in
--     [referral_date - 12 months, referral_date): a strictly earlier date, so a second referral
--     on the same day is not a re-referral; the earlier referral may be an nfa one.
--   rereferral_12m_neglect: the same, numerator and denominator restricted to referrals that are
--     CIN neglect episodes (macro cin_neglect_episodes_open: not nfa, an assessment with 16A
--     authorised on or before period_end, open in the period); the earlier referral may be any
--     referral.
with
period as (select $period_start::date as period_start, $period_end::date as period_end),

referrals as (
    select referral_id, child_id, referral_date
    from cin_episodes
),

referrals_in_period as (
    select referrals.*
    from referrals, period
    where referrals.referral_date between period.period_start and period.period_end
),

rereferred as (
    select distinct referral.referral_id
    from referrals_in_period as referral
    join referrals as earlier
        on earlier.child_id = referral.child_id
        and earlier.referral_date >= (referral.referral_date - interval 12 month)::date
        and earlier.referral_date < referral.referral_date  -- strictly earlier: 12-month window
),

neglect_episodes as (
    select episodes.referral_id
    from period, cin_neglect_episodes_open(period.period_start, period.period_end) as episodes
),

flagged as (
    select
        referrals_in_period.referral_id,
        referrals_in_period.child_id,
        rereferred.referral_id is not null as is_rereferral,
        neglect_episodes.referral_id is not null as is_neglect_episode
    from referrals_in_period
    left join rereferred using (referral_id)
    left join neglect_episodes using (referral_id)
),

final as (
    select 'referrals' as indicator_id, child_id, referral_id as record_id,
        1 as numerator, null::bigint as denominator
    from flagged
    union all
    select 'rereferral_12m', child_id, referral_id, is_rereferral::int, 1
    from flagged
    union all
    select 'rereferral_12m_neglect', child_id, referral_id, is_rereferral::int, 1
    from flagged
    where is_neglect_episode
)

select * from final
