"""Spells: when a child's run of involvement with services starts, and who the child is.

Why spells: a family's contact with services is a chain (early help, a referral, a plan,
closure, perhaps a re-referral months later). A spell is the start of such a chain; the
chain itself is played out in journeys.py. Spells start at a rate per child in the
population, so referral and plan rates scale with the population, and the family's
neglect trait is drawn here because neglect is identified far more in young children.
"""

from dataclasses import dataclass, fields

import numpy as np

from neglect_insight.pipelines.synth import dates, draws, params
from neglect_insight.pipelines.synth.population import Births, aged_0_17

EH, REFERRAL = 0, 1  # kind of round
NEW, STEP_UP, STEP_DOWN, RETURN = 0, 1, 2, 3  # how a round came about


@dataclass
class Spells:
    """Spells waiting for their next round (one row per spell)."""

    spell: np.ndarray  # spell number
    child: np.ndarray  # child index in the birth order
    birth: np.ndarray  # birth day
    adult: np.ndarray  # 18th birthday (from birth_month): nothing starts on or after it
    neglect: np.ndarray  # the family is neglectful (bool)
    kind: np.ndarray  # EH or REFERRAL
    start: np.ndarray  # day the round starts
    via: np.ndarray  # NEW, STEP_UP, STEP_DOWN or RETURN

    def take(self, rows: np.ndarray) -> "Spells":
        """The spells selected by a mask or index."""
        return Spells(**{f.name: getattr(self, f.name)[rows] for f in fields(self)})

    def __len__(self) -> int:
        return len(self.spell)


def concat(parts: list[Spells]) -> Spells:
    """Spells of several parts, in order."""
    return Spells(
        **{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(Spells)}
    )


def start(rng: np.random.Generator, births: Births, first: int, last: int) -> Spells:
    """New spells starting on days [first, last], referral-led and early-help-led."""
    month_days = dates.month_firsts(first, last)
    month_len = dates.month_lengths(month_days)
    children = np.array([aged_0_17(births, int(d) + 14) for d in month_days], dtype=np.float64)
    parts = []
    for kind, rate, ages in (
        (REFERRAL, params.REFERRAL_SPELLS_PER_CHILD_YEAR, params.REFERRAL_AGE_WEIGHTS),
        (EH, params.EH_SPELLS_PER_CHILD_YEAR, params.EH_AGE_WEIGHTS),
    ):
        per_month = rng.poisson(children * rate * month_len / dates.YEAR)
        month = np.repeat(np.arange(len(month_days)), per_month)
        day = month_days[month] + (rng.random(len(month)) * month_len[month]).astype(np.int32)
        parts.append(_spells_of(rng, births, kind, day, ages))
    spells = concat(parts)
    keep = (spells.start >= first) & (spells.start <= last)
    spells = spells.take(keep)
    spells.spell = np.arange(len(spells), dtype=np.int64)
    return spells


def _spells_of(
    rng: np.random.Generator, births: Births, kind: int, day: np.ndarray, age_weights: list[float]
) -> Spells:
    """Draw the child of each spell by age; unborn children get pre-birth work."""
    n = len(day)
    age_index = draws.pick(rng, n, age_weights).astype(np.int64)  # 0 = unborn, else age + 1
    unborn = age_index == 0
    age_years = np.where(unborn, 0.0, age_index - 1 + rng.random(n))
    before_birth = draws.days_between(rng, params.PREBIRTH_DAYS, n)
    target = np.where(unborn, day + before_birth, day - (age_years * dates.YEAR).astype(np.int32))
    child = births.draw(rng, target)
    birth = births.birth_day(child)
    # 18th birthday as the extract sees it: from the first of the birth month.
    adult = dates.add_months(dates.month_start(birth), 216)
    # The drawn child is born in the target's month: keep the age (or pre-birth gap) in range.
    start_day = np.where(unborn, birth - before_birth, np.clip(day, birth, adult - 1))
    neglect = draws.chance(rng, np.asarray(params.NEGLECT_TRAIT_BY_AGE)[age_index])
    return Spells(
        spell=np.zeros(n, dtype=np.int64),
        child=child,
        birth=birth,
        adult=adult,
        neglect=neglect,
        kind=np.full(n, kind, dtype=np.int8),
        start=start_day.astype(np.int32),
        via=np.full(n, NEW, dtype=np.int8),
    )
