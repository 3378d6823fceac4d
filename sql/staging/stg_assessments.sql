-- stg_assessments: one row per assessment (extracts.md, assessments.csv), typed.
-- Reads: raw_assessments. `factor_list` is the parsed `;`-separated factor codes.
select
    as_text(assessment_id) as assessment_id,
    as_text(referral_id) as referral_id,
    as_text(child_id) as child_id,
    as_date(start_date) as start_date,
    as_date(authorised_date) as authorised_date,
    as_code(factors) as factors,
    as_factor_list(factors) as factor_list,
    _line
from raw_assessments
