"""One early help round for many spells at once: the episode, its ending, and what next.

Why separate from referrals: early help has its own fields (lead organisation, GCP2 grade,
end reasons) and its own flows: an episode that ends `stepped_up` is followed by a referral
within weeks (`eh_step_up` looks for one within 3 months), and an episode may follow an RC9
closure (step-down, produced in episodes.py).
"""

import numpy as np

from neglect_insight.pipelines.synth import draws, params
from neglect_insight.pipelines.synth.episodes import age_group
from neglect_insight.pipelines.synth.spells import EH, REFERRAL, RETURN, STEP_UP, Spells

STEPPED_UP = params.EH_END_REASONS.index("stepped_up")
MOVED_AWAY = params.EH_END_REASONS.index("moved_away")


def simulate(
    rng: np.random.Generator, sp: Spells, first_key: int
) -> tuple[dict[str, np.ndarray], Spells]:
    """Rows of one early help episode per spell, and the spells that go on."""
    n = len(sp)
    start = sp.start
    group = age_group(start, sp.birth)
    neg = draws.chance_by_flag(rng, sp.neglect, params.EH_NEGLECT_IDENTIFIED)
    end = start + draws.lognormal_days(rng, params.EH_DAYS_MEDIAN, params.EH_DAYS_SIGMA, n, low=14)
    reason = draws.pick_by_flag(rng, neg, params.EH_END_WEIGHTS)
    organisation = draws.pick_by_group(
        rng, group, [params.EH_ORGANISATION_WEIGHTS[g] for g in ("under5", "school", "older")]
    )
    graded = draws.chance_by_flag(rng, neg, params.GCP2_RECORDED)
    grade = draws.pick_by_flag(rng, neg, params.GCP2_WEIGHTS)
    gcp2 = np.where(graded, grade + 1, 0).astype(np.int8)  # 0 = not recorded
    has_factors = neg | ~draws.chance(rng, params.EH_NO_FACTORS, n)
    rows = {
        "spell": sp.spell, "child": sp.child, "birth": sp.birth, "adult": sp.adult,
        "key": first_key + np.arange(n, dtype=np.int64), "start": start, "end": end,
        "reason": reason, "organisation": organisation, "gcp2": gcp2, "neglect": neg,
        "has_factors": has_factors,
    }  # fmt: skip
    return rows, _next_round(rng, sp, reason, end)


def _next_round(
    rng: np.random.Generator, sp: Spells, reason: np.ndarray, end: np.ndarray
) -> Spells:
    """Stepped up: a referral within 60 days. Otherwise sometimes another round later."""
    n = len(sp)
    up = reason == STEPPED_UP
    p_back = params.EH_NEXT[0] * np.where(sp.neglect, params.NEXT_NEGLECT_BOOST, 1.0)
    back = ~up & (reason != MOVED_AWAY) & draws.chance(rng, p_back)
    gap = draws.lognormal_days(rng, params.EH_NEXT_GAP_DAYS_MEDIAN, params.NEXT_GAP_DAYS_SIGMA, n)
    kind = np.where(up | draws.chance(rng, params.EH_NEXT[1], n), REFERRAL, EH)
    start = np.where(up, end + draws.days_between(rng, params.EH_STEP_UP_DAYS, n), end + gap)
    keep = up | back
    nxt = sp.take(keep)
    nxt.kind = kind[keep].astype(np.int8)
    nxt.start = start[keep].astype(np.int32)
    nxt.via = np.where(up[keep], STEP_UP, RETURN).astype(np.int8)
    return nxt
