"""Assessment factor codes (`16A;3B;4B`) for assessments and early help episodes.

Why here: the factor mix is what lets a board see neglect beside the parental "toxic trio".
Marginal shares follow the DfE 2025 factors table (c3); 1B/2B/3B/4B are far more common where
16A is identified; teenage concerns (missing, exploitation, gangs, self-harm) mostly on
children aged 10+; a CP plan's category appears as its factor (EMO 17A, PHY 18C, SAB 19C).
Codes are written in CIN census order; each distinct set is joined once.
"""

import numpy as np
import polars as pl

from neglect_insight.pipelines.synth import params

NEGLECT = "16A"


def _ordered(codes: list[str]) -> list[str]:
    """CIN census order: by number, then letter."""
    return sorted(codes, key=lambda c: (int(c.rstrip("ABCDEF")), c))


ALL_CODES = _ordered([c for c, _, _ in params.FACTORS] + list(params.TOXIC_TRIO) + [NEGLECT])


def codes(
    rng: np.random.Generator,
    neglect: np.ndarray,
    age_years: np.ndarray,
    category: np.ndarray,
    recorded: np.ndarray,
    scale: float = 1.0,
) -> pl.Series:
    """`;`-separated factor codes per row; null where `recorded` is false.

    category: CP category index (params.CP_CATEGORIES) of the episode's plan, or -1.
    """
    n = len(neglect)
    teen = age_years >= 10
    flags: dict[str, np.ndarray] = {NEGLECT: neglect}
    for code, share, teenage in params.FACTORS:
        p = share * scale
        if teenage:
            multiplier = params.TEEN_FACTOR_MULTIPLIER
            p = p * np.where(teen, multiplier[True], multiplier[False])
        flags[code] = rng.random(n, dtype=np.float32) < p
    for code, (with_neglect, without) in params.TOXIC_TRIO.items():
        p = np.where(neglect, with_neglect, without) * scale
        flags[code] = rng.random(n, dtype=np.float32) < p
    for name, code in params.CATEGORY_FACTOR.items():
        flags[code] |= category == params.CP_CATEGORIES.index(name)
    flags["17A"] |= category == params.CP_CATEGORIES.index("MUL")
    none = ~np.logical_or.reduce(list(flags.values()))
    flags["24A"] |= none  # something was recorded: "other"
    # Each row's set of codes as a bit mask; only the distinct sets become strings.
    mask = np.zeros(n, dtype=np.uint64)
    for bit, code in enumerate(ALL_CODES):  # 37 codes
        mask |= flags[code].astype(np.uint64) << np.uint64(bit)
    mask[~recorded] = 0
    distinct, row_set = np.unique(mask, return_inverse=True)
    names = [
        ";".join(c for bit, c in enumerate(ALL_CODES) if int(m) >> bit & 1) or None
        for m in distinct
    ]
    return pl.Series("factors", names, dtype=pl.String).gather(row_set)
