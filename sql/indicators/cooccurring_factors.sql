-- Co-occurring factors family (indicators.md, "Neglect identification"; reference.md, "Assessment
-- factors"): how often the parental "toxic trio" is identified beside neglect.
-- Grain: one row per (indicator_id, CIN neglect episode open in the period); numerator 1 when the
-- episode's assessments carry the factor, denominator 1.
-- Reads: cin_episodes, assessment_factors. Parameters: $period_start, $period_end.
-- Definitions:
--   CIN neglect episode open in the period (macro cin_neglect_episodes_open): a referral, not
--     nfa, with any assessment authorised on or before period_end whose factors include 16A (it
--     may predate the period), with referral_date <= period_end and (closure_date empty or >=
--     period_start).
--   neglect_cooccurring_<factor>: of those episodes, the ones with any assessment of the episode
--     authorised on or before period_end whose factors include the code (not necessarily the
--     assessment that recorded 16A): alcohol 1B, drugs 2B, domestic_abuse 3B, mental_health 4B,
--     toxic_trio any of the four. The A and C suffixes (about the child or another person) are
--     different factors and do not count.
with
period as (select $period_start::date as period_start, $period_end::date as period_end),

neglect_episodes_open as (
    select cin.referral_id, cin.child_id
    from period, cin_neglect_episodes_open(period.period_start, period.period_end) as cin
),

factors_by_period_end as (
    select
        assessments.referral_id,
        bool_or(assessments.has_alcohol_misuse) as has_alcohol_misuse,
        bool_or(assessments.has_drug_misuse) as has_drug_misuse,
        bool_or(assessments.has_domestic_abuse) as has_domestic_abuse,
        bool_or(assessments.has_mental_health) as has_mental_health,
        bool_or(assessments.has_toxic_trio) as has_toxic_trio
    from assessment_factors as assessments, period
    where assessments.authorised_date <= period.period_end
    group by assessments.referral_id
),

episode_factors as (
    select
        episodes.referral_id,
        episodes.child_id,
        coalesce(factors.has_alcohol_misuse, false) as has_alcohol_misuse,
        coalesce(factors.has_drug_misuse, false) as has_drug_misuse,
        coalesce(factors.has_domestic_abuse, false) as has_domestic_abuse,
        coalesce(factors.has_mental_health, false) as has_mental_health,
        coalesce(factors.has_toxic_trio, false) as has_toxic_trio
    from neglect_episodes_open as episodes
    left join factors_by_period_end as factors using (referral_id)
),

final as (
    select 'neglect_cooccurring_alcohol' as indicator_id, child_id, referral_id as record_id,
        has_alcohol_misuse::int as numerator, 1 as denominator
    from episode_factors
    union all
    select 'neglect_cooccurring_drugs', child_id, referral_id, has_drug_misuse::int, 1
    from episode_factors
    union all
    select 'neglect_cooccurring_domestic_abuse', child_id, referral_id, has_domestic_abuse::int, 1
    from episode_factors
    union all
    select 'neglect_cooccurring_mental_health', child_id, referral_id, has_mental_health::int, 1
    from episode_factors
    union all
    select 'neglect_cooccurring_toxic_trio', child_id, referral_id, has_toxic_trio::int, 1
    from episode_factors
)

select * from final
