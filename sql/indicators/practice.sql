-- Practice on neglect family (indicators.md, "Practice on neglect"): Graded Care Profile 2 use
-- and rescoring, and multi-agency case audits on neglect.
-- Grain: one row per (indicator_id, record): a GCP2 (record_id assessment_id), a child with
-- neglect identified (record_id child_id) or a case audit (record_id audit_id; child_id null
-- for an audit of no one child, "Not applicable" in child breakdowns).
-- Reads: gcp2_history (previous GCP2, rescore, improved: see sql/models/gcp2_history.sql),
-- stg_case_audits, and for coverage eh_episodes, cin_episodes, cp_plan_history as
-- sql/indicators/prevalence.sql does. Parameters: $period_start, $period_end.
-- Definitions:
--   gcp2_completed (count): GCP2s with completed_date in [period_start, period_end].
--   gcp2_neglect_coverage: of the children counted in neglect_children_total for the period
--     (an EH neglect episode, CIN neglect episode or CP neglect plan open in the period), those
--     with a GCP2 completed in (period_end − 12 months, period_end], whatever the period length.
--   gcp2_rescored (count): rescores with completed_date in the period.
--   gcp2_improved: of those rescores, the ones whose overall grade is lower than the previous
--     GCP2's overall grade.
--   audits_neglect (count): case audits with theme NEGLECT and audit_date in the period.
--   audits_neglect_good: of those, the ones graded GOOD or OUTSTANDING.
with
period as (select $period_start::date as period_start, $period_end::date as period_end),

gcp2_in_period as (
    select gcp2.assessment_id, gcp2.child_id, gcp2.is_rescore, gcp2.is_improved
    from gcp2_history as gcp2, period
    where gcp2.completed_date between period.period_start and period.period_end
),

-- The children of neglect_children_total (sql/indicators/prevalence.sql, same definitions).
neglect_children as (
    select eh.child_id
    from eh_episodes as eh, period
    where eh.is_neglect
        and open_in_period(eh.start_date, eh.end_date, period.period_start, period.period_end)
    union
    select cin.child_id
    from period, cin_neglect_episodes_open(period.period_start, period.period_end) as cin
    union
    select cp.child_id
    from cp_plan_history as cp, period
    where cp.is_neglect
        and open_in_period(cp.start_date, cp.end_date, period.period_start, period.period_end)
),

children_with_recent_gcp2 as (
    select distinct gcp2.child_id
    from gcp2_history as gcp2, period
    where gcp2.completed_date > period.period_end - interval 12 month
        and gcp2.completed_date <= period.period_end
),

coverage as (
    select
        neglect_children.child_id,
        (recent.child_id is not null)::int as has_gcp2
    from neglect_children
    left join children_with_recent_gcp2 as recent using (child_id)
),

neglect_audits_in_period as (
    select audits.audit_id, audits.child_id, audits.grade
    from stg_case_audits as audits, period
    where audits.theme = 'NEGLECT'
        and audits.audit_date between period.period_start and period.period_end
),

final as (
    select 'gcp2_completed' as indicator_id, child_id, assessment_id as record_id,
        1 as numerator, null::integer as denominator
    from gcp2_in_period
    union all
    select 'gcp2_neglect_coverage', child_id, child_id, has_gcp2, 1
    from coverage
    union all
    select 'gcp2_rescored', child_id, assessment_id, 1, null
    from gcp2_in_period
    where is_rescore
    union all
    select 'gcp2_improved', child_id, assessment_id, is_improved::int, 1
    from gcp2_in_period
    where is_rescore
    union all
    select 'audits_neglect', child_id, audit_id, 1, null
    from neglect_audits_in_period
    union all
    select 'audits_neglect_good', child_id, audit_id,
        (grade in ('GOOD', 'OUTSTANDING'))::int, 1
    from neglect_audits_in_period
)

select * from final
