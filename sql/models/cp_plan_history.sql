-- cp_plan_history: one row per child protection plan, with its neglect category and history.
-- Grain: one row per plan_id. Reads: stg_cp_plans.
-- CP neglect plan (indicators.md): category NEG using latest_category, or initial_category where
-- latest is empty; MUL is never neglect. earlier_plan_count counts the child's plans starting
-- before this one; latest_earlier_end_date is the latest end date among them.
with
plans as (
    select plan_id, child_id, referral_id, start_date, end_date, initial_category,
        latest_category, previous_plans
    from stg_cp_plans
),

earlier as (
    select
        plan.plan_id,
        count(previous.plan_id) as earlier_plan_count,
        max(previous.end_date) as latest_earlier_end_date
    from plans as plan
    left join plans as previous
        on previous.child_id = plan.child_id
        and previous.start_date < plan.start_date
    group by plan.plan_id
),

final as (
    select
        plans.plan_id,
        plans.child_id,
        plans.referral_id,
        plans.start_date,
        plans.end_date,
        plans.initial_category,
        plans.latest_category,
        coalesce(plans.latest_category, plans.initial_category) as category,
        coalesce(plans.latest_category, plans.initial_category) = 'NEG' as is_neglect,
        plans.initial_category = 'NEG' as is_initial_neglect,
        plans.previous_plans,
        earlier.earlier_plan_count,
        earlier.latest_earlier_end_date
    from plans
    join earlier using (plan_id)
)

select * from final
