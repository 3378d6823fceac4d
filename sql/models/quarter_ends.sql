-- quarter_ends: one row per quarter end (31 March, 30 June, 30 September, 31 December) that the
-- load covers: from the first quarter end on or after the earliest event to the last quarter end
-- on or before the day the data runs to (a quarter still running is not offered). That day is
-- the extract date, or, when ingest found the newest event more than three months before it,
-- that event (load_info.data_until, pipelines/load/coverage.py): a historical delivery offers
-- no quarter after its data ends. Periods offered to users are these.
-- Grain: one row per quarter_end.
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

load_dates as (
    -- data_until is absent from a load_info written without coverage: the extract date then
    select max(extract_date) as extract_date, max(data_until) as data_until
    from (
        select null::date as extract_date, null::date as data_until where false
        union all by name
        select * from load_info
    )
),

span as (
    select
        min(event_date) as first_date,
        max(least(load_dates.extract_date,
                  coalesce(load_dates.data_until, load_dates.extract_date))) as last_date
    from event_dates, load_dates
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
