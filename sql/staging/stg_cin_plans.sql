-- stg_cin_plans: one row per child in need plan (extracts.md, cin_plans.csv), typed.
-- Reads: raw_cin_plans (empty when the optional file was not sent).
select
    as_text(child_id) as child_id,
    as_text(referral_id) as referral_id,
    as_date(start_date) as start_date,
    as_date(end_date) as end_date,
    _line
from raw_cin_plans
