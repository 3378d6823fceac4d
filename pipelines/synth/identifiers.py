"""Pseudonyms: `C0000123` for children, `R…` referrals, `A…` assessments, `P…` CP plans,
`EH…` early help episodes.

Why numbered in date order: the same seed and arguments must give byte-identical files, so
ids come from a deterministic sort (first event, then a tie-breaker), zero-padded to a fixed
width (at least seven digits) so they sort as text too.
"""

import numpy as np
import polars as pl


def rank(*keys: np.ndarray) -> np.ndarray:
    """0-based position of each row when sorted by the keys (first key most significant)."""
    order = np.lexsort(keys[::-1])
    out = np.empty(len(order), dtype=np.int64)
    out[order] = np.arange(len(order))
    return out


def pseudonyms(prefix: str, number: np.ndarray, count: int) -> pl.Series:
    """`prefix` + zero-padded (number + 1), wide enough for `count` ids."""
    width = max(7, len(str(count)))
    return pl.select(
        pl.format(f"{prefix}{{}}", pl.lit(pl.Series(number + 1)).cast(pl.String).str.zfill(width))
    ).to_series()
