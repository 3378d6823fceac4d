"""Pseudonyms: `C0000123` for children, `R…` referrals, `A…` assessments, `P…` CP plans,
`EH…` early help episodes.

Why numbered in date order: the same seed and arguments must give byte-identical files, so
ids come from a deterministic sort (first event, then a tie-breaker), zero-padded to a fixed
width (at least seven digits) so they sort as text too.
"""

import numpy as np
import polars as pl


def rank(*keys: np.ndarray) -> np.ndarray:
    """0-based position of each row when sorted by the keys (first key most significant;
    callers pass keys that are unique together, so ties never decide the order)."""
    frame = pl.DataFrame({f"k{i}": k for i, k in enumerate(keys)})
    order = frame.select(pl.arg_sort_by(frame.columns)).to_series().to_numpy()
    out = np.empty(len(order), dtype=np.int64)
    out[order] = np.arange(len(order))
    return out


def order(rank: np.ndarray) -> np.ndarray:
    """Row indices that put rows in `rank` order (the inverse of a rank permutation)."""
    out = np.empty(len(rank), dtype=np.int64)
    out[rank] = np.arange(len(rank))
    return out


def pseudonyms(prefix: str, number: np.ndarray, count: int) -> pl.Series:
    """`prefix` + zero-padded (number + 1), wide enough for `count` ids."""
    width = max(7, len(str(count)))
    return pl.select(
        pl.format(f"{prefix}{{}}", pl.lit(pl.Series(number + 1)).cast(pl.String).str.zfill(width))
    ).to_series()
