-- Repeat plans family (indicators.md, "Repeat plans"): child protection plans starting, repeat
-- and neglect-repeat plans, plans ending within 3 months, plans open for 2 years or more.
-- Grain: one row per (indicator_id, plan) in the indicator's denominator (for cpp_starts, a
-- count: one row per plan counted, denominator null); numerator is 1 when the plan meets the
-- test, else 0. Reads: cp_plan_history. Parameters: $period_start, $period_end.
-- Definitions (intervals are DuckDB calendar intervals; month ends clamp):
--   starting / ending in the period: the date lies in [period_start, period_end]
--   open at period end (macro open_at): start <= period_end and (end is null or end > period_end)
--   cpp_starts: CP plans starting in the period.
--   cpp_second_or_subsequent: of those, plans whose child had an earlier plan (start before
--     this plan's start) in the data, or previous_plans > 0.
--   cpp_repeat_within_2y: of those, plans whose child had an earlier plan with
--     end_date >= start - 2 years.
--   cpp_neglect_repeat: of plans with initial_category NEG starting in the period, those that
--     are second or subsequent (earlier plan of any category, or previous_plans > 0).
--   cpp_ended_within_3m: of plans ending in the period, end_date <= start + 3 months.
--   cpp_open_2y_plus: of plans open at period end, start <= period_end - 2 years.
with
period as (select $period_start::date as period_start, $period_end::date as period_end),

plans as (
    select plan_id, child_id, start_date, end_date, is_initial_neglect, previous_plans,
        earlier_plan_count, latest_earlier_end_date
    from cp_plan_history
),

starts_in_period as (
    select
        plans.plan_id,
        plans.child_id,
        plans.is_initial_neglect,
        -- an earlier plan of any category in the data, or previous_plans > 0
        (plans.earlier_plan_count > 0 or coalesce(plans.previous_plans, 0) > 0)
            as is_second_or_subsequent,
        -- an earlier plan ended on or after this start - 2 years (2-year window)
        coalesce(plans.latest_earlier_end_date
            >= (plans.start_date - interval 2 year)::date, false) as is_repeat_within_2y
    from plans, period
    where plans.start_date between period.period_start and period.period_end
),

ends_in_period as (
    select
        plans.plan_id,
        plans.child_id,
        plans.end_date <= (plans.start_date + interval 3 month)::date as is_within_3m
    from plans, period
    where plans.end_date between period.period_start and period.period_end
),

open_at_end as (
    select
        plans.plan_id,
        plans.child_id,
        plans.start_date <= (period.period_end - interval 2 year)::date as is_open_2y_plus
    from plans, period
    where open_at(plans.start_date, plans.end_date, period.period_end)
),

final as (
    select 'cpp_starts' as indicator_id, child_id, plan_id as record_id,
        1 as numerator, null::bigint as denominator
    from starts_in_period
    union all
    select 'cpp_second_or_subsequent', child_id, plan_id, is_second_or_subsequent::int, 1
    from starts_in_period
    union all
    select 'cpp_repeat_within_2y', child_id, plan_id, is_repeat_within_2y::int, 1
    from starts_in_period
    union all
    select 'cpp_neglect_repeat', child_id, plan_id, is_second_or_subsequent::int, 1
    from starts_in_period
    where is_initial_neglect
    union all
    select 'cpp_ended_within_3m', child_id, plan_id, is_within_3m::int, 1
    from ends_in_period
    union all
    select 'cpp_open_2y_plus', child_id, plan_id, is_open_2y_plus::int, 1
    from open_at_end
)

select * from final
