-- stg_case_audits: one row per multi-agency case audit (extracts.md, case_audits.csv), typed.
-- Reads: raw_case_audits (empty when the optional file was not sent). Codes are stored
-- upper-case; `agencies` stays as sent (upper-case), `agency_list` is the parsed list. An audit
-- of no one child has an empty child_id.
select
    as_text(audit_id) as audit_id,
    as_date(audit_date) as audit_date,
    as_code(theme) as theme,
    as_text(child_id) as child_id,
    as_code(grade) as grade,
    as_code(agencies) as agencies,
    as_factor_list(agencies) as agency_list,
    _line
from raw_case_audits
