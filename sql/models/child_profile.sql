-- child_profile: one row per child with the characteristics indicators are broken down by.
-- Grain: one row per child_id. Reads: stg_children.
-- ethnicity_group is the first letter of the DfE code (indicators.md, breakdowns).
with
children as (
    select child_id, sex, birth_month, expected_birth_month, ethnicity, disabled, locality
    from stg_children
),

final as (
    select
        child_id,
        sex,
        birth_month,
        expected_birth_month,
        coalesce(birth_month, expected_birth_month) as birth_or_expected_month,
        ethnicity,
        left(ethnicity, 1) as ethnicity_group,
        disabled,
        locality
    from children
)

select * from final
