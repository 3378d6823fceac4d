-- stg_early_years: funded early education for eligible two-year-olds per term (extracts.md).
-- Reads: raw_early_years (empty when the optional file was not sent).
select
    as_date(term_start) as term_start,
    as_int(eligible_2yo) as eligible_2yo,
    as_int(taking_up) as taking_up,
    _line
from raw_early_years
