-- stg_cp_plans: one row per child protection plan (extracts.md, cp_plans.csv), typed.
-- Reads: raw_cp_plans.
select
    as_text(plan_id) as plan_id,
    as_text(child_id) as child_id,
    as_text(referral_id) as referral_id,
    as_date(start_date) as start_date,
    as_date(end_date) as end_date,
    as_code(initial_category) as initial_category,
    as_code(latest_category) as latest_category,
    as_int(previous_plans) as previous_plans,
    _line
from raw_cp_plans
