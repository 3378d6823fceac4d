-- Journeys (indicators.md, "Flows between services"): per child in the period, the ordered path
-- of services reached, EH -> referral -> assessment -> CIN plan -> CP plan -> closed/open, as the
-- links of a Sankey diagram. Not an indicator family (no catalogue ids): read by
-- pipelines.indicators.engine.journeys, which counts children per link.
-- Grain: one row per (child_id, link) of the child's path. Reads: service_events.
-- Parameters: $period_start, $period_end.
-- Definitions:
--   child in the period: a child with an early help episode or a referral (nfa included) open in
--     the period (start <= period_end and (end empty or end >= period_start)), or a CIN or CP
--     plan open in the period.
--   steps reached: early help if an EH episode is open in the period; for each referral open in
--     the period, the referral and every assessment, CIN plan and CP plan of that episode that
--     started on or before period_end (so an assessment authorised before the period still
--     shows how an episode open in it got to its plan); and any CIN or CP plan open in the
--     period. Events after period_end are never reached.
--   the path lists the steps reached in the fixed service order (not the order of dates: a child
--     stepped down from CP to early help still reads Early help -> ... -> CP plan), then ends in
--     "Still open" when any early help episode, referral, CIN plan or CP plan of the child is
--     open at period end (end empty or after period_end), else "Closed".
--   links: each consecutive pair of the path (source_step, target_step), one row per child.
with
period as (select $period_start::date as period_start, $period_end::date as period_end),
events as (
    select service, service_order, event_id, child_id, referral_id, start_date, end_date
    from service_events
),

events_open_in_period as (
    select events.*
    from events, period
    where events.service in ('early_help', 'referral', 'cin_plan', 'cp_plan')
        and open_in_period(events.start_date, events.end_date, period.period_start,
            period.period_end)
),

within_open_referrals as (
    select events.*
    from events
    join events_open_in_period as referral
        on referral.service = 'referral' and events.referral_id = referral.event_id
    join period on events.start_date <= period.period_end
),

steps_reached as (
    select distinct child_id, service_order from events_open_in_period
    union
    select distinct child_id, service_order from within_open_referrals
),

still_open as (
    select distinct open_events.child_id
    from events_open_in_period as open_events, period
    where open_at(open_events.start_date, open_events.end_date, period.period_end)
),

path as (
    select child_id, service_order as step_order,
        case service_order
            when 1 then 'Early help'
            when 2 then 'Referral'
            when 3 then 'Assessment'
            when 4 then 'Child in need plan'
            when 5 then 'Child protection plan'
        end as step
    from steps_reached
    union all
    select children.child_id, 6,
        case when still_open.child_id is null then 'Closed' else 'Still open' end
    from (select distinct child_id from steps_reached) as children
    left join still_open using (child_id)
),

links as (
    select
        child_id,
        step as source_step,
        step_order as source_order,
        lead(step) over child_path as target_step,
        lead(step_order) over child_path as target_order
    from path
    window child_path as (partition by child_id order by step_order)
),

final as (
    select child_id, source_step, target_step, source_order, target_order
    from links
    where target_step is not null
)

select * from final
