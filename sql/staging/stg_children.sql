-- stg_children: one row per row of children.csv, cleaned and typed (extracts.md, children.csv).
-- Grain: one row per file row (uniqueness is a contract rule, not assumed here). Reads: raw_children.
-- DfE GenderCurrent codes are accepted for sex: 1 = M, 2 = F, 0 or 9 = U.
select
    as_text(child_id) as child_id,
    case as_code(sex) when '1' then 'M' when '2' then 'F' when '0' then 'U' when '9' then 'U'
        else as_code(sex) end as sex,
    as_date(birth_month) as birth_month,
    as_date(expected_birth_month) as expected_birth_month,
    as_code(ethnicity) as ethnicity,
    as_bool(disabled) as disabled,
    as_text(locality) as locality,
    _line
from raw_children
