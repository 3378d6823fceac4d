-- stg_gcp2: one row per Graded Care Profile 2 assessment (extracts.md, gcp2.csv), typed.
-- Reads: raw_gcp2 (empty when the optional file was not sent). Grades run from 1 (most
-- positive) to 5 (most negative); agency is stored upper-case.
select
    as_text(assessment_id) as assessment_id,
    as_text(child_id) as child_id,
    as_date(completed_date) as completed_date,
    as_code(agency) as agency,
    as_int(physical_care) as physical_care,
    as_int(safety) as safety,
    as_int(emotional_care) as emotional_care,
    as_int(developmental_care) as developmental_care,
    as_int(overall) as overall,
    _line
from raw_gcp2
