"""Children's journeys: spells played out round by round, then made consistent per child.

Why rounds: each round moves every live spell one step (an EH episode or a referral with
all it leads to), so the work is a handful of vectorised passes, never a loop per child.
Afterwards a child drawn into two spells that would overlap keeps only the earlier (so a
child never has two open CIN episodes or overlapping CP plans), and nothing starts on or
after the 18th birthday, where open work is closed.
"""

from collections.abc import Callable

import numpy as np

from neglect_insight.pipelines.synth import early_help, episodes, identifiers, params, spells
from neglect_insight.pipelines.synth.population import Births

Rows = dict[str, np.ndarray]
TABLES = ("early_help", "referrals", "assessments", "cp_plans", "cin_plans")


def simulate(
    rng: np.random.Generator,
    births: Births,
    first: int,
    last: int,
    progress: Callable[[str], None],
) -> dict[str, Rows]:
    """All EH episodes, referrals, assessments and plans of spells starting in [first, last]."""
    progress("referrals and early help")
    live = spells.start(rng, births, first, last)
    parts: dict[str, list[Rows]] = {name: [] for name in TABLES}
    next_key = {"referrals": 0, "early_help": 0}
    for _ in range(params.MAX_ROUNDS):
        live = live.take((live.start <= last) & (live.start < live.adult))
        if not len(live):
            break
        is_referral = live.kind == spells.REFERRAL
        rows, after_referral = episodes.simulate(rng, live.take(is_referral), next_key["referrals"])
        eh_rows, after_eh = early_help.simulate(
            rng, live.take(~is_referral), next_key["early_help"]
        )
        rows["early_help"] = eh_rows
        for name in TABLES:
            parts[name].append(rows[name])
        next_key["referrals"] += int(is_referral.sum())
        next_key["early_help"] += int((~is_referral).sum())
        live = spells.concat([after_referral, after_eh])
    tables = {name: _concat(parts[name]) for name in TABLES}
    tables = _drop_overlapping_spells(tables)
    return _close_at_adulthood(tables)


def _concat(parts: list[Rows]) -> Rows:
    """One row set from several with the same columns."""
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


def take(rows: Rows, keep: np.ndarray) -> Rows:
    """Rows selected by a mask or index."""
    return {k: v[keep] for k, v in rows.items()}


def _drop_overlapping_spells(tables: dict[str, Rows]) -> dict[str, Rows]:
    """Keep a child's spell only if it starts after every earlier spell of that child ended
    (a dropped spell still counts as earlier: slightly more is dropped, never an overlap)."""
    spell = np.concatenate([t["spell"] for t in tables.values()])
    child = np.concatenate([t["child"] for t in tables.values()])
    start = np.concatenate([t["start"] for t in tables.values()]).astype(np.int64)
    end = np.concatenate([t["end"] for t in tables.values()]).astype(np.int64)
    n_spells = int(spell.max()) + 1
    first = np.full(n_spells, np.iinfo(np.int64).max)
    last = np.full(n_spells, np.iinfo(np.int64).min)
    owner = np.zeros(n_spells, dtype=np.int64)
    np.minimum.at(first, spell, start)
    np.maximum.at(last, spell, end)
    owner[spell] = child
    seen = np.flatnonzero(last > np.iinfo(np.int64).min)
    order = seen[identifiers.order(identifiers.rank(owner[seen], first[seen], seen))]
    group = np.concatenate([[0], np.cumsum(owner[order][1:] != owner[order][:-1])])
    # Running maximum of end days within each child: offset each child's days above the last.
    offset = group * 10_000_000
    running = np.maximum.accumulate(last[order] + offset) - offset
    earlier_end = np.concatenate([[np.iinfo(np.int64).min], running[:-1]])
    new_child = np.concatenate([[True], group[1:] != group[:-1]])
    keep_spell = np.zeros(n_spells, dtype=bool)
    keep_spell[order] = new_child | (first[order] > earlier_end)
    return {name: take(rows, keep_spell[rows["spell"]]) for name, rows in tables.items()}


def _close_at_adulthood(tables: dict[str, Rows]) -> dict[str, Rows]:
    """Drop what starts on or after the 18th birthday; end what is open then, on that day."""
    out = {}
    for name, rows in tables.items():
        rows = take(rows, rows["start"] < rows["adult"])
        late = rows["end"] > rows["adult"]
        rows["end"] = np.where(late, rows["adult"], rows["end"]).astype(np.int32)
        rows["closed_at_18"] = late
        out[name] = rows
    return out
