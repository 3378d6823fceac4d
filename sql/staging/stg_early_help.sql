-- stg_early_help: one row per early help episode row (extracts.md, early_help.csv), typed.
-- Reads: raw_early_help. `factors` stays as sent (upper-case); `factor_list` is the parsed list.
select
    as_text(episode_id) as episode_id,
    as_text(child_id) as child_id,
    as_date(start_date) as start_date,
    as_date(end_date) as end_date,
    as_code(factors) as factors,
    as_factor_list(factors) as factor_list,
    as_code(end_reason) as end_reason,
    as_code(organisation) as organisation,
    as_int(gcp2_score) as gcp2_score,
    _line
from raw_early_help
