"""The resident child population: births by month, from which children are drawn.

Why not one row per child: at national scale ~18 million children are born over the
simulated span but only those who reach services are written. A child is an index into the
birth order; its birth day follows from the monthly counts, so population figures
(population.csv, pupils, two-year-olds) and the children drawn into services come from the
same births without materialising them.
"""

from dataclasses import dataclass

import numpy as np
import polars as pl

from neglect_insight.pipelines.synth import dates
from neglect_insight.pipelines.synth.params import BIRTHS_FALL_PER_YEAR


@dataclass(frozen=True)
class Births:
    """Children born per calendar month; child k is the k-th birth overall."""

    month_first: np.ndarray  # first day of each month (day numbers)
    count: np.ndarray  # births in the month
    before: np.ndarray  # births before the month (cumulative)

    def birth_day(self, child: np.ndarray) -> np.ndarray:
        """Birth day of each child index: children spread evenly through their month."""
        m = np.searchsorted(self.before, child, side="right") - 1
        month_len = dates.month_lengths(self.month_first[m])
        rank = child - self.before[m]
        return (self.month_first[m] + (rank + 0.5) * month_len // self.count[m]).astype(np.int32)

    def draw(self, rng: np.random.Generator, target_day: np.ndarray) -> np.ndarray:
        """One child born in the month of each target day, uniformly among that month's births."""
        m = np.searchsorted(self.month_first, target_day, side="right") - 1
        m = np.clip(m, 0, len(self.count) - 1)
        return self.before[m] + (rng.random(len(m)) * self.count[m]).astype(np.int64)


def simulate(
    rng: np.random.Generator, population_0_17: int, first: int, last: int, ref_day: int
) -> Births:
    """Births per month over [first, last], ~population_0_17 / 216 a month at ref_day."""
    month_first = dates.month_firsts(first, last)
    years_from_ref = (month_first - ref_day) / dates.YEAR
    # Falling births: the children now aged 0-17 were born on average 9 years ago.
    level = population_0_17 / (18 * 12) * (1 - BIRTHS_FALL_PER_YEAR) ** (years_from_ref + 9)
    count = np.maximum(rng.poisson(level), 1).astype(np.int64)
    before = np.concatenate([[0], np.cumsum(count)[:-1]]).astype(np.int64)
    return Births(month_first=month_first, count=count, before=before)


def aged_0_17(births: Births, day: int) -> int:
    """Children aged 0-17 on a day: born after the day 18 years earlier."""
    born_from = int(dates.add_months(np.int32(day), -216)) + 1
    return born_between_days(births, born_from, day)


def born_between_days(births: Births, first: int, last: int) -> int:
    """Children with birth day in [first, last], counting part months exactly."""
    lo = _births_before(births, first)
    hi = _births_before(births, last + 1)
    return int(hi - lo)


def _births_before(births: Births, day: int) -> int:
    """Number of children born before `day`."""
    m = int(np.searchsorted(births.month_first, day, side="right") - 1)
    if m < 0:
        return 0
    month_len = int(dates.month_lengths(births.month_first[m]))
    offset = day - int(births.month_first[m])
    # Child of rank r is born on first + floor((r + 0.5) * len / count): count those < day
    # (a day after the last month counts the whole month).
    n = births.count[m]
    within = int(np.clip(np.ceil(offset * n / month_len - 0.5), 0, n))
    return int(births.before[m] + within)


def table(births: Births, first_year: int, last_year: int) -> pl.DataFrame:
    """population.csv: children aged 0-17 at 30 June of each year."""
    years = list(range(first_year, last_year + 1))
    return pl.DataFrame(
        {
            "mid_year": years,
            "population_0_17": [aged_0_17(births, dates.day_of(y, 6, 30)) for y in years],
        }
    )
