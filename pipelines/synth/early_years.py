"""early_years.csv: funded early education for eligible two-year-olds, per term.

Why from the births: the number of two-year-olds each term follows the same resident
population as everything else; a share is eligible and take-up falls in the last year
(England 75% in 2024, 65% in 2025). Terms start 1 September, 1 January and 1 April.
"""

import numpy as np
import polars as pl

from neglect_insight.pipelines.synth import dates, params
from neglect_insight.pipelines.synth.population import Births, born_between_days


def table(rng: np.random.Generator, births: Births, window_start: int, end: int) -> pl.DataFrame:
    """One row per term starting in [window_start, end]."""
    year_before_end = int(dates.add_months(np.int32(end), -12))
    starts = [
        dates.day_of(year, month, day)
        for year in range(
            int(dates.year_of(np.int32(window_start))), int(dates.year_of(np.int32(end))) + 1
        )
        for month, day in sorted(params.TERM_STARTS)
    ]
    starts = [s for s in starts if window_start <= s <= end]
    eligible, taking_up = [], []
    for start in starts:  # a few terms a year
        two_year_olds = born_between_days(
            births,
            int(dates.add_months(np.int32(start), -36)) + 1,
            int(dates.add_months(np.int32(start), -24)),
        )
        n = int(rng.binomial(two_year_olds, params.ELIGIBLE_2YO))
        p = params.TAKE_UP_LAST_YEAR if start > year_before_end else params.TAKE_UP_EARLIER
        eligible.append(n)
        taking_up.append(int(rng.binomial(n, p)))
    return pl.DataFrame(
        {
            "term_start": pl.Series(starts, dtype=pl.Int32).cast(pl.Date),
            "eligible_2yo": eligible,
            "taking_up": taking_up,
        }
    )
