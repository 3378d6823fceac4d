-- cin_episodes: one row per referral (= one CIN episode), with when neglect was first identified.
-- Grain: one row per referral_id. Reads: stg_referrals, stg_assessments.
-- CIN neglect episode (indicators.md): a referral (not nfa) with any assessment authorised on or
-- before period_end whose factors include 16A; so the model keeps the earliest authorised date
-- of a 16A assessment (neglect_authorised_date) and indicators compare it with $period_end.
with
referrals as (
    select referral_id, child_id, referral_date, source, primary_need, nfa, closure_date,
        closure_reason
    from stg_referrals
),

assessments as (
    select referral_id, authorised_date, factor_list from stg_assessments
),

neglect_assessments as (
    select referral_id, min(authorised_date) as neglect_authorised_date
    from assessments
    where list_contains(factor_list, '16A') and authorised_date is not null
    group by referral_id
),

assessed as (
    select referral_id, count(*) as assessment_count from assessments group by referral_id
),

final as (
    select
        referrals.referral_id,
        referrals.child_id,
        referrals.referral_date,
        referrals.source,
        referrals.primary_need,
        referrals.nfa,
        referrals.closure_date,
        referrals.closure_reason,
        neglect_assessments.neglect_authorised_date,
        coalesce(assessed.assessment_count, 0) as assessment_count
    from referrals
    left join neglect_assessments using (referral_id)
    left join assessed using (referral_id)
)

select * from final
