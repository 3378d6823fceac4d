-- quarter_ends: one row per quarter end (31 March, 30 June, 30 September, 31 December) that the
-- load covers: from the first quarter end on or after the earliest event to the last quarter end
-- on or before the extract date (a quarter still running is not offered). Periods offered to
-- users are these. Grain: one row per quarter_end.
-- Reads: eh_episodes, cin_episodes, cp_plan_history, load_info.
with
event_dates as (
    select start_date as event_date from eh_episodes
    union all select end_date from eh_episodes
    union all select referral_date from cin_episodes
    union all select closure_date from cin_episodes
    union all select start_date from cp_plan_history
    union all select end_date from cp_plan_history
),

span as (
    select min(event_date) as first_date, max(load_info.extract_date) as last_date
    from event_dates, load_info
),

month_ends as (
    select (month_start + interval 1 month - interval 1 day)::date as quarter_end
    from span,
        range(date_trunc('month', span.first_date), date_trunc('month', span.last_date)
              + interval 1 month, interval 1 month) as months(month_start)
),

final as (
    select quarter_end
    from month_ends, span
    where month(quarter_end) in (3, 6, 9, 12)
        and quarter_end >= span.first_date
        and quarter_end <= span.last_date
)

select * from final
