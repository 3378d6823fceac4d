-- Prevalence family (indicators.md, "Prevalence"): how many children have neglect identified
-- across early help, children in need and child protection, and the traditional CP measures.
-- Grain: one row per (indicator_id, record) counted; numerator/denominator are that record's
-- contribution (denominator null for counts and for per-10k rates, whose denominator is the
-- population, added by pipelines.indicators).
-- Reads: eh_episodes, cin_episodes, cp_plan_history. Parameters: $period_start, $period_end.
-- Definitions (macros in sql/macros: open_in_period, open_at, cin_neglect_episodes_open):
--   open in the period: start <= period_end and (end is null or end >= period_start)
--   open at period end: start <= period_end and (end is null or end > period_end)
--   neglect_children_total: distinct children with an EH neglect episode, CIN neglect episode
--     or CP neglect plan open in the period; _cp/_cin/_eh split by the highest neglect level.
--   cp_neglect_share_open: CP plans open at period end with category NEG / all open at end.
--   cp_rate_per_10k: children with a CP plan open at period end.
with
period as (select $period_start::date as period_start, $period_end::date as period_end),

eh_neglect_open as (
    select eh.child_id, 1 as level
    from eh_episodes as eh, period
    where eh.is_neglect
        and open_in_period(eh.start_date, eh.end_date, period.period_start, period.period_end)
),

cin_neglect_open as (
    select cin.child_id, 2 as level
    from period, cin_neglect_episodes_open(period.period_start, period.period_end) as cin
),

cp_neglect_open as (
    select cp.child_id, 3 as level
    from cp_plan_history as cp, period
    where cp.is_neglect
        and open_in_period(cp.start_date, cp.end_date, period.period_start, period.period_end)
),

highest_level as (
    select child_id, max(level) as level
    from (
        select * from eh_neglect_open
        union all select * from cin_neglect_open
        union all select * from cp_neglect_open
    )
    group by child_id
),

cp_open_at_end as (
    select cp.plan_id, cp.child_id, cp.is_neglect
    from cp_plan_history as cp, period
    where open_at(cp.start_date, cp.end_date, period.period_end)
),

final as (
    select 'neglect_children_total' as indicator_id, child_id, child_id as record_id,
        1 as numerator, null::bigint as denominator
    from highest_level
    union all
    select case level when 3 then 'neglect_children_cp' when 2 then 'neglect_children_cin'
            else 'neglect_children_eh' end,
        child_id, child_id, 1, null
    from highest_level
    union all
    select 'neglect_rate_per_10k', child_id, child_id, 1, null from highest_level
    union all
    select 'cp_neglect_share_open', child_id, plan_id, is_neglect::int, 1 from cp_open_at_end
    union all
    select distinct 'cp_rate_per_10k', child_id, child_id, 1, null from cp_open_at_end
)

select * from final
