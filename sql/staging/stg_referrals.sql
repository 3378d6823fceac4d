-- stg_referrals: one row per referral = one CIN episode (extracts.md, referrals.csv), typed.
-- Reads: raw_referrals.
select
    as_text(referral_id) as referral_id,
    as_text(child_id) as child_id,
    as_date(referral_date) as referral_date,
    as_code(source) as source,
    as_code(primary_need) as primary_need,
    as_bool(nfa) as nfa,
    as_date(closure_date) as closure_date,
    as_code(closure_reason) as closure_reason,
    _line
from raw_referrals
