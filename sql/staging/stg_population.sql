-- stg_population: children aged 0-17 by mid-year estimate (extracts.md, population.csv), typed.
-- Reads: raw_population (empty when the optional file was not sent: rates are then empty).
select
    as_int(mid_year) as mid_year,
    as_int(population_0_17) as population_0_17,
    _line
from raw_population
