-- stg_attendance: one row per child per term from the school census (extracts.md), typed.
-- Reads: raw_attendance (empty when the optional file was not sent).
select
    as_text(child_id) as child_id,
    as_text(academic_year) as academic_year,
    as_code(term) as term,
    as_int(possible_sessions) as possible_sessions,
    as_int(absence_sessions) as absence_sessions,
    as_int(unauthorised_sessions) as unauthorised_sessions,
    _line
from raw_attendance
