-- gcp2_history: one row per Graded Care Profile 2 assessment, with the child's previous GCP2.
-- Grain: one row per assessment_id. Reads: stg_gcp2 (empty when gcp2.csv was not sent).
-- Definitions (indicators.md, "Practice on neglect"):
--   previous GCP2: the same child's latest other GCP2 completed before it; on the same day the
--     one with the smaller assessment_id comes first. So a child's GCP2s are ordered by
--     (completed_date, assessment_id) and the previous one is the one just before.
--   rescore: a GCP2 whose previous GCP2 was completed on or after its own completed_date − 12
--     months (calendar months as DuckDB INTERVAL: month ends clamp).
--   improved: a rescore whose overall grade is lower (better: 1 is most positive) than its
--     previous GCP2's overall grade.
with
gcp2 as (
    select assessment_id, child_id, completed_date, agency, physical_care, safety,
        emotional_care, developmental_care, overall
    from stg_gcp2
),

with_previous as (
    select
        gcp2.*,
        lag(assessment_id) over child_order as previous_assessment_id,
        lag(completed_date) over child_order as previous_completed_date,
        lag(physical_care) over child_order as previous_physical_care,
        lag(safety) over child_order as previous_safety,
        lag(emotional_care) over child_order as previous_emotional_care,
        lag(developmental_care) over child_order as previous_developmental_care,
        lag(overall) over child_order as previous_overall
    from gcp2
    window child_order as (partition by child_id order by completed_date, assessment_id)
),

final as (
    select
        *,
        coalesce(previous_completed_date >= completed_date - interval 12 month, false)
            as is_rescore,
        coalesce(previous_completed_date >= completed_date - interval 12 month
            and overall < previous_overall, false) as is_improved
    from with_previous
)

select * from final
