-- stg_attendance_all_pupils: all-pupils comparison aggregates per term (extracts.md), typed.
-- Reads: raw_attendance_all_pupils (empty when the optional file was not sent).
select
    as_text(academic_year) as academic_year,
    as_code(term) as term,
    as_int(pupils) as pupils,
    as_int(possible_sessions) as possible_sessions,
    as_int(absence_sessions) as absence_sessions,
    as_int(persistent_absentees) as persistent_absentees,
    as_int(severe_absentees) as severe_absentees,
    _line
from raw_attendance_all_pupils
