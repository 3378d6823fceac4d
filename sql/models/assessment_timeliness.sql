-- assessment_timeliness: one row per assessment, with the working days it took.
-- Grain: one row per assessment row. Reads: stg_assessments, bank_holidays (England and Wales
-- bank holidays from the `holidays` package, stored by
-- pipelines.load.bank_holidays.create_bank_holidays before models are built).
-- working_day_count (indicators.md, "Drift and timeliness") is
-- numpy.busday_count(start_date, authorised_date, holidays=England and Wales bank holidays):
-- the days d with start_date <= d < authorised_date that are Monday to Friday and not a bank
-- holiday (the authorised date itself is not counted); empty while not authorised. Were
-- authorised_date before start_date (a blocking contract breach), numpy's negative count is
-- kept: minus the same count over (authorised_date, start_date].
-- Weekdays are counted in closed form: weekdays_before(d) = weekdays from 0001-01-01 (a Monday)
-- up to but excluding d = 5 * (k // 7) + least(k % 7, 5), k = days since 0001-01-01; bank
-- holidays falling on a weekday in the half-open range are then taken off.
with
assessments as (
    select assessment_id, referral_id, child_id, start_date, authorised_date
    from stg_assessments
),

weekday_holidays as (
    select distinct holiday_date from bank_holidays where isodow(holiday_date) < 6
),

spans as (
    select distinct start_date, authorised_date
    from assessments
    where start_date is not null and authorised_date is not null
),

-- the half-open range [low_date, high_date) counted, and the sign of the count (numpy)
span_ranges as (
    select
        start_date,
        authorised_date,
        case when authorised_date >= start_date then start_date
            else authorised_date + 1 end as low_date,
        case when authorised_date >= start_date then authorised_date
            else start_date + 1 end as high_date,
        case when authorised_date >= start_date then 1 else -1 end as direction
    from spans
),

span_days as (
    select
        span_ranges.*,
        date_diff('day', date '0001-01-01', span_ranges.low_date) as low_k,
        date_diff('day', date '0001-01-01', span_ranges.high_date) as high_k
    from span_ranges
),

span_holidays as (
    select span_days.low_date, span_days.high_date, count(weekday_holidays.holiday_date)
        as holiday_count
    from (select distinct low_date, high_date from span_days) as span_days
    left join weekday_holidays
        on weekday_holidays.holiday_date >= span_days.low_date
        and weekday_holidays.holiday_date < span_days.high_date
    group by span_days.low_date, span_days.high_date
),

span_working_days as (
    select
        span_days.start_date,
        span_days.authorised_date,
        span_days.direction * (
            (5 * (span_days.high_k // 7) + least(span_days.high_k % 7, 5))  -- weekdays_before(high)
            - (5 * (span_days.low_k // 7) + least(span_days.low_k % 7, 5))  -- weekdays_before(low)
            - span_holidays.holiday_count
        ) as working_day_count
    from span_days
    join span_holidays using (low_date, high_date)
),

final as (
    select
        assessments.assessment_id,
        assessments.referral_id,
        assessments.child_id,
        assessments.start_date,
        assessments.authorised_date,
        span_working_days.working_day_count::bigint as working_day_count
    from assessments
    left join span_working_days using (start_date, authorised_date)
)

select * from final
