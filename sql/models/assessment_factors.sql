-- assessment_factors: one row per assessment with the factors that drive or sit beside neglect.
-- Grain: one row per assessment_id. Reads: stg_assessments.
-- Factors (reference.md, "Assessment factors"): 16A neglect drives the indicators; the parental
-- "toxic trio" is shown beside it: 1B alcohol misuse, 2B drug misuse, 3B domestic abuse,
-- 4B mental health (of the parent or carer; the A/C suffixes, about the child or another person,
-- are not these factors). Codes are stored upper-case. A factor recorded on an assessment not
-- yet authorised is a query (extracts.md); indicators compare authorised_date with $period_end.
with
assessments as (
    select assessment_id, referral_id, child_id, start_date, authorised_date, factor_list
    from stg_assessments
),

final as (
    select
        assessment_id,
        referral_id,
        child_id,
        start_date,
        authorised_date,
        factor_list,
        list_contains(factor_list, '16A') as is_neglect,
        list_contains(factor_list, '1B') as has_alcohol_misuse,
        list_contains(factor_list, '2B') as has_drug_misuse,
        list_contains(factor_list, '3B') as has_domestic_abuse,
        list_contains(factor_list, '4B') as has_mental_health,
        list_has_any(factor_list, ['1B', '2B', '3B', '4B']) as has_toxic_trio
    from assessments
)

select * from final
