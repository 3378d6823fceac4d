-- Early years family (indicators.md, "Early years"): funded early education take-up by eligible
-- two-year-olds.
-- Grain: one row per (indicator_id, term row) starting in the period. The rows are aggregates,
-- not children: child_id is null, record_id is the term start as text, numerator = taking_up,
-- denominator = eligible_2yo. Reads: stg_early_years (empty when early_years.csv was not sent).
-- Parameters: $period_start, $period_end.
-- Definitions:
--   fras_2yo_takeup: sum(taking_up) / sum(eligible_2yo) over terms with term_start in
--     [period_start, period_end].
with
period as (select $period_start::date as period_start, $period_end::date as period_end),

terms as (
    select term_start, eligible_2yo, taking_up from stg_early_years
),

terms_in_period as (
    select terms.term_start, terms.eligible_2yo, terms.taking_up
    from terms, period
    where terms.term_start between period.period_start and period.period_end
),

final as (
    select
        'fras_2yo_takeup' as indicator_id,
        null::varchar as child_id,
        strftime(term_start, '%Y-%m-%d') as record_id,
        taking_up as numerator,
        eligible_2yo as denominator
    from terms_in_period
)

select * from final
