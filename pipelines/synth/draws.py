"""Vectorised random draws shared by the generators.

Why a module: each table needs the same few shapes of draw (a code from weights, a code from
weights that depend on a group, a duration in days); writing them once keeps every generator
on the same `numpy.random.Generator`, which is what makes a seed reproduce a delivery.
"""

from collections.abc import Sequence

import numpy as np


def pick(rng: np.random.Generator, n: int, weights: Sequence[float]) -> np.ndarray:
    """n indices into `weights`, drawn with probability proportional to them."""
    cdf = np.cumsum(np.asarray(weights, dtype=np.float64))
    return np.searchsorted(cdf / cdf[-1], rng.random(n), side="right").astype(np.int8)


def pick_by_group(
    rng: np.random.Generator, group: np.ndarray, table: Sequence[Sequence[float]]
) -> np.ndarray:
    """For each row, an index drawn from the weights row `table[group]`."""
    cdf = np.cumsum(np.asarray(table, dtype=np.float64), axis=1)
    cdf /= cdf[:, -1:]
    u = rng.random(len(group))
    out = np.zeros(len(group), dtype=np.int8)
    for k in range(cdf.shape[1] - 1):  # a few codes: loop over codes, not rows
        out += u >= cdf[group, k]
    return out


def chance(rng: np.random.Generator, p: np.ndarray | float, n: int | None = None) -> np.ndarray:
    """Bernoulli draws with probability p (an array or, with n, a scalar)."""
    size = len(p) if n is None else n
    return rng.random(size) < p


def by_flag(flag: np.ndarray, values: dict[bool, float]) -> np.ndarray:
    """values[True] where flag holds, values[False] elsewhere."""
    return np.where(flag, values[True], values[False])


def chance_by_flag(rng: np.random.Generator, flag: np.ndarray, p: dict[bool, float]) -> np.ndarray:
    """Bernoulli draws with probability p[True] where flag holds, p[False] elsewhere."""
    return chance(rng, by_flag(flag, p))


def pick_by_flag(
    rng: np.random.Generator, flag: np.ndarray, weights: dict[bool, Sequence[float]]
) -> np.ndarray:
    """Indices drawn from weights[True] where flag holds, from weights[False] elsewhere."""
    return pick_by_group(rng, flag.astype(np.int8), [weights[False], weights[True]])


def days_between(rng: np.random.Generator, bounds: tuple[int, int], n: int) -> np.ndarray:
    """Whole days uniformly in [low, high]."""
    return rng.integers(bounds[0], bounds[1] + 1, size=n, dtype=np.int32)


def lognormal_days(
    rng: np.random.Generator, median: np.ndarray | float, sigma: float, n: int, low: int = 1
) -> np.ndarray:
    """Whole-day durations, log-normal around `median`, at least `low`."""
    days = np.asarray(median) * np.exp(sigma * rng.standard_normal(n))
    return np.maximum(np.rint(days), low).astype(np.int32)
