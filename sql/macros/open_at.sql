-- Open at a date (indicators.md, "open at period end"): started on or before at_date and not
-- ended by it (an end on at_date itself is closed; an empty end date is still open).
create or replace macro open_at(start_date, end_date, at_date) as
    start_date <= at_date and (end_date is null or end_date > at_date);
