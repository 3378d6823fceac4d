-- Open at any time in the period (indicators.md): started on or before period_end and not ended
-- before period_start (an empty end date is still open). Any window works: the attendance family
-- passes its academic year.
create or replace macro open_in_period(start_date, end_date, period_start, period_end) as
    start_date <= period_end and (end_date is null or end_date >= period_start);
