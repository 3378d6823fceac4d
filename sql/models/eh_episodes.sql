-- eh_episodes: one row per early help episode, with its neglect flag.
-- Grain: one row per episode_id. Reads: stg_early_help.
-- EH neglect episode (indicators.md): an early help episode whose factors include 16A.
with
episodes as (
    select episode_id, child_id, start_date, end_date, factor_list, end_reason, organisation,
        gcp2_score
    from stg_early_help
),

final as (
    select
        episode_id,
        child_id,
        start_date,
        end_date,
        factor_list,
        list_contains(factor_list, '16A') as is_neglect,
        end_reason,
        organisation,
        gcp2_score
    from episodes
)

select * from final
