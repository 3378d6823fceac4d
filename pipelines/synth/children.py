"""children.csv: one row per child who reached services, with the characteristics boards
break figures down by (sex, ethnicity, disability, locality) and the degraded birth month.

Why the care with births: a child still unborn at the extract end has an empty birth_month
and an expected_birth_month after all of its referrals; a child who had pre-birth work keeps
its expected month once born. Birth months are first-of-month (anonymisation by the spec).
No date is after the extract end, expected months included.
"""

import numpy as np
import polars as pl

from neglect_insight.pipelines.synth import dates, draws, params


def frame(
    rng: np.random.Generator,
    child_id: pl.Series,
    birth: np.ndarray,
    first_event: np.ndarray,
    end: int,
    national: bool,
) -> tuple[pl.DataFrame, np.ndarray]:
    """The children table, and whether each child is disabled (for primary need N2)."""
    n = len(birth)
    unborn = birth > end
    prebirth = first_event < birth
    sex = draws.pick(rng, n, params.SEX_WEIGHTS)
    sex[unborn] = params.SEXES.index("U")
    ethnicity = draws.pick(rng, n, params.ETHNICITY_WEIGHTS)
    not_obtained = params.ETHNICITIES.index("NOBT")
    ethnicity[unborn & draws.chance(rng, params.UNBORN_NOT_OBTAINED, n)] = not_obtained
    disabled_code = draws.pick(rng, n, list(params.DISABLED.values()))
    disabled_code[unborn] = list(params.DISABLED).index("")
    places, weights = (
        (params.REGIONS, params.REGION_WEIGHTS)
        if national
        else (params.LOCALITIES, params.LOCALITY_WEIGHTS)
    )
    locality = draws.pick(rng, n, weights)
    no_locality = draws.chance(rng, params.LOCALITY_MISSING, n)

    birth_month = dates.month_start(birth)
    # Pre-birth work: the expected month, sometimes a month before the birth; a child still
    # unborn at the end was due this month (tables.py keeps only those).
    earlier = draws.chance(rng, params.EXPECTED_MONTH_EARLIER, n)
    expected = np.where(earlier, dates.add_months(birth_month, -1), birth_month)
    expected = np.where(unborn, dates.month_start(np.full(n, end, dtype=np.int32)), expected)

    disabled_values = pl.Series([{"true": True, "false": False}.get(k) for k in params.DISABLED])
    table = pl.DataFrame(
        {
            "child_id": child_id,
            "sex": pl.Series(params.SEXES).gather(sex),
            "birth_month": pl.Series(np.where(unborn, 0, birth_month)).cast(pl.Date),
            "expected_birth_month": pl.Series(expected).cast(pl.Date),
            "ethnicity": pl.Series(params.ETHNICITIES).gather(ethnicity),
            "disabled": disabled_values.gather(disabled_code),
            "locality": pl.Series(places).gather(locality),
        }
    ).with_columns(
        pl.when(~pl.Series(unborn)).then(pl.col("birth_month")),
        pl.when(pl.Series(prebirth)).then(pl.col("expected_birth_month")),
        pl.when(~pl.Series(no_locality)).then(pl.col("locality")),
    )
    return table, disabled_code == list(params.DISABLED).index("true")
