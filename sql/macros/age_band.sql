-- Age band at a date (indicators.md breakdowns): under 1, 1-4, 5-9, 10-15, 16-17.
-- Unborn children (no birth_month yet) are "Unborn"; 18 and over is "18 and over".
create or replace macro age_band(birth_month, at_date) as
    case
        when birth_month is null or birth_month > at_date then 'Unborn'
        when date_sub('year', birth_month, at_date) < 1 then 'Under 1'
        when date_sub('year', birth_month, at_date) < 5 then '1 to 4'
        when date_sub('year', birth_month, at_date) < 10 then '5 to 9'
        when date_sub('year', birth_month, at_date) < 16 then '10 to 15'
        when date_sub('year', birth_month, at_date) < 18 then '16 to 17'
        else '18 and over'
    end;
