"""One referral round for many spells at once: referral, assessment, plans, closure, what next.

Why here: a CIN episode's rows depend on each other (an assessment starts on or after its
referral, CP plans sit inside the episode and never overlap, a CIN plan follows the
assessment, closure comes after the last plan), so they are drawn together, in the order
practice runs: nfa or assessed; not in need, CIN plan, CP plan or long-term support; closure
with a reason; then possibly another round (re-referral, or early help after RC9).
Dates are not clipped here: journeys.py clips at 18 and tables.py at the extract end.
"""

import numpy as np

from neglect_insight.pipelines.synth import draws, params
from neglect_insight.pipelines.synth.dates import YEAR
from neglect_insight.pipelines.synth.spells import EH, REFERRAL, RETURN, STEP_DOWN, STEP_UP, Spells

NOT_IN_NEED, CIN_PLAN, CP, LONG_TERM = range(4)
NFA = -1
OUTCOME_NAMES = {NFA: "nfa", NOT_IN_NEED: "not_in_need", CIN_PLAN: "cin_plan", CP: "cp",
                 LONG_TERM: "long_term"}  # fmt: skip
CATEGORY = {name: i for i, name in enumerate(params.CP_CATEGORIES)}


def age_group(day: np.ndarray, birth: np.ndarray) -> np.ndarray:
    """0 under 5 (or unborn), 1 school age 5-15, 2 aged 16-17."""
    age = (day - birth) / YEAR
    return np.where(age < 5, 0, np.where(age < 16, 1, 2))


def reasons(rng: np.random.Generator, table: str, n: int) -> np.ndarray:
    """Closure reason numbers (RC1 -> 1 ... RC9 -> 9) drawn from CLOSURE_REASONS[table]."""
    codes = params.CLOSURE_REASONS[table]
    numbers = np.array([int(code[2:]) for code in codes], dtype=np.int8)
    return numbers[draws.pick(rng, n, list(codes.values()))]


def cp_lengths(rng: np.random.Generator, neglect: np.ndarray) -> np.ndarray:
    """CP plan lengths: some cease at the first review, the rest log-normal, neglect longer."""
    n = len(neglect)
    median = draws.by_flag(neglect, params.CP_DAYS_MEDIAN)
    long = draws.lognormal_days(rng, median, params.CP_DAYS_SIGMA, n)
    two_years = 730
    long = np.where(
        long > two_years, two_years + (long - two_years) * params.CP_TAIL_KEEP, long
    ).astype(np.int32)
    short = draws.days_between(rng, params.CP_SHORT_DAYS, n)
    return np.where(draws.chance(rng, params.CP_SHORT, n), short, long)


def simulate(
    rng: np.random.Generator, sp: Spells, first_key: int
) -> tuple[dict[str, dict[str, np.ndarray]], Spells]:
    """Rows of one referral round per spell, and the spells that go on to another round."""
    n = len(sp)
    key = first_key + np.arange(n, dtype=np.int64)
    ref = sp.start
    group = age_group(ref, sp.birth)
    step_up = sp.via == STEP_UP

    nfa = draws.chance(rng, np.where(step_up, params.NFA_AFTER_STEP_UP, params.NFA))
    neg = ~nfa & draws.chance_by_flag(rng, sp.neglect, params.NEGLECT_IDENTIFIED)
    outcome = draws.pick_by_flag(rng, neg, params.OUTCOME_WEIGHTS)
    outcome[nfa] = NFA

    # Referral fields.
    source = draws.pick_by_group(
        rng, group, [params.SOURCE_WEIGHTS[g] for g in ("under5", "school", "older")]
    )
    source[step_up & draws.chance(rng, params.STEP_UP_SOURCE_5D, n)] = params.SOURCES.index("5D")
    need = draws.pick_by_flag(rng, neg, params.NEED_WEIGHTS)
    need[nfa & draws.chance(rng, params.NFA_PRIMARY_NEED_EMPTY, n)] = -1

    # Assessment (used by every outcome but nfa).
    a_start = ref + np.where(
        draws.chance(rng, params.ASSESSMENT_SAME_DAY, n),
        0,
        draws.days_between(rng, params.ASSESSMENT_START_DAYS, n),
    )
    a_auth = a_start + draws.lognormal_days(
        rng, params.ASSESSMENT_DAYS_MEDIAN, params.ASSESSMENT_DAYS_SIGMA, n
    )

    closure = np.zeros(n, dtype=np.int32)
    reason = np.zeros(n, dtype=np.int8)

    # nfa: closed the same day or within days, RC8 (DfE practice for NFA referrals).
    quick = np.where(
        draws.chance(rng, params.NFA_SAME_DAY_CLOSURE, n), 0, draws.days_between(rng, (1, 5), n)
    )
    closure = np.where(nfa, ref + quick, closure)
    reason = np.where(nfa, 8, reason)

    # Not in need: closed after assessment, RC8 or RC9.
    nin = outcome == NOT_IN_NEED
    closure = np.where(
        nin, a_auth + draws.days_between(rng, params.NOT_IN_NEED_CLOSE_DAYS, n), closure
    )
    reason = np.where(nin, np.where(draws.chance(rng, params.NOT_IN_NEED_RC9, n), 9, 8), reason)

    # CIN plan after the assessment.
    cin = outcome == CIN_PLAN
    cin_start = a_auth + draws.days_between(rng, params.CIN_PLAN_START_DAYS, n)
    cin_end = cin_start + draws.lognormal_days(
        rng, params.CIN_PLAN_DAYS_MEDIAN, params.CIN_PLAN_DAYS_SIGMA, n
    )
    closure = np.where(
        cin, cin_end + draws.days_between(rng, params.CLOSE_AFTER_PLAN_DAYS, n), closure
    )
    reason = np.where(cin, reasons(rng, "cin_plan", n), reason)

    # Long-term support (looked after, disabled children): some with a CIN plan throughout.
    long = outcome == LONG_TERM
    long_close = a_auth + draws.lognormal_days(
        rng, params.LONG_TERM_DAYS_MEDIAN, params.LONG_TERM_DAYS_SIGMA, n, low=120
    )
    closure = np.where(long, long_close, closure)
    reason = np.where(long, reasons(rng, "long_term", n), reason)
    long_cin = long & draws.chance(rng, params.LONG_TERM_CIN_PLAN, n)
    long_cin_end = np.maximum(long_close - draws.days_between(rng, (0, 14), n), cin_start)

    # CP: one plan, sometimes a second in the same episode, then looked after, a step-down
    # CIN plan, or closure.
    cp = outcome == CP
    category = draws.pick_by_flag(rng, neg, params.CP_CATEGORY_WEIGHTS)
    cp1_start = a_start + draws.days_between(rng, params.CP_START_DAYS, n)
    cp1_end = cp1_start + cp_lengths(rng, neg)
    again = cp & draws.chance_by_flag(rng, neg, params.CP_REPEAT_IN_EPISODE)
    cp2_start = cp1_end + draws.days_between(rng, params.CP_REPEAT_GAP_DAYS, n)
    cp2_end = cp2_start + cp_lengths(rng, neg)
    category2 = np.where(
        draws.chance(rng, params.CP_REPEAT_SAME_CATEGORY, n),
        category,
        draws.pick_by_flag(rng, neg, params.CP_CATEGORY_WEIGHTS),
    )
    last_end = np.where(again, cp2_end, cp1_end)
    after = rng.random(n)
    cp_long = cp & (after < params.CP_THEN_LONG_TERM)
    cp_down = cp & ~cp_long & (after < params.CP_THEN_LONG_TERM + params.CP_THEN_CIN_PLAN)
    down_start = last_end + draws.days_between(rng, (0, 7), n)
    down_end = down_start + draws.lognormal_days(
        rng, params.CP_STEP_DOWN_DAYS_MEDIAN, params.CP_STEP_DOWN_DAYS_SIGMA, n
    )
    cp_close = np.where(
        cp_long,
        last_end
        + draws.lognormal_days(
            rng, params.LONG_TERM_DAYS_MEDIAN, params.LONG_TERM_DAYS_SIGMA, n, low=120
        ),
        np.where(cp_down, down_end, last_end) + draws.days_between(rng, (0, 21), n),
    )
    closure = np.where(cp, cp_close, closure)
    reason = np.where(
        cp, np.where(cp_long, reasons(rng, "long_term", n), reasons(rng, "cp", n)), reason
    )

    # A second assessment in episodes lasting over four months.
    span = closure - a_auth
    reassess = ~nfa & (span > 120) & draws.chance(rng, params.REASSESSMENT, n)
    a2_start = a_auth + 30 + (rng.random(n) * np.maximum(span - 90, 1)).astype(np.int32)
    a2_auth = np.minimum(
        a2_start
        + draws.lognormal_days(rng, params.ASSESSMENT_DAYS_MEDIAN, params.ASSESSMENT_DAYS_SIGMA, n),
        np.maximum(closure, a2_start),
    )

    base = {"spell": sp.spell, "child": sp.child, "birth": sp.birth, "adult": sp.adult}
    referrals = {
        **base, "key": key, "start": ref, "end": closure, "reason": reason, "source": source,
        "need": need, "nfa": nfa, "neglect": neg,
    }  # fmt: skip
    first_category = np.where(cp, category, -1).astype(np.int8)
    assessed = ~nfa
    assessments = _stack(
        [
            {**base, "referral": key, "start": a_start, "end": a_auth, "neglect": neg,
             "category": first_category, "_keep": assessed},
            {**base, "referral": key, "start": a2_start, "end": a2_auth, "neglect": neg,
             "category": first_category, "_keep": reassess},
        ]
    )  # fmt: skip
    cp_plans = _stack(
        [
            {**base, "referral": key, "start": cp1_start, "end": cp1_end, "category": category,
             "trait": sp.neglect, "_keep": cp},
            {**base, "referral": key, "start": cp2_start, "end": cp2_end, "category": category2,
             "trait": sp.neglect, "_keep": again},
        ]
    )  # fmt: skip
    cin_plans = _stack(
        [
            {**base, "referral": key, "start": cin_start, "end": cin_end, "_keep": cin},
            {**base, "referral": key, "start": cin_start, "end": long_cin_end, "_keep": long_cin},
            {**base, "referral": key, "start": down_start, "end": down_end, "_keep": cp_down},
        ]
    )
    rows = {"referrals": referrals, "assessments": assessments, "cp_plans": cp_plans,
            "cin_plans": cin_plans}  # fmt: skip
    return rows, _next_round(rng, sp, outcome, closure, reason)


def _next_round(
    rng: np.random.Generator,
    sp: Spells,
    outcome: np.ndarray,
    closure: np.ndarray,
    reason: np.ndarray,
) -> Spells:
    """Early help after RC9 (step-down), or a later referral or EH episode (return)."""
    n = len(sp)
    stop = np.isin(reason, [int(code[2:]) for code in params.STOP_REASONS])
    step_down = ~stop & (reason == 9) & draws.chance(rng, params.STEP_DOWN_TO_EH, n)
    p_next = np.zeros(n)
    p_referral = np.zeros(n)
    for code, name in OUTCOME_NAMES.items():  # five outcomes
        p_next[outcome == code], p_referral[outcome == code] = params.NEXT_AFTER[name]
    p_next = np.where(sp.neglect, np.minimum(p_next * params.NEXT_NEGLECT_BOOST, 1), p_next)
    back = ~stop & ~step_down & draws.chance(rng, p_next)
    gap = draws.lognormal_days(rng, params.NEXT_GAP_DAYS_MEDIAN, params.NEXT_GAP_DAYS_SIGMA, n)
    kind = np.where(step_down, EH, np.where(draws.chance(rng, p_referral), REFERRAL, EH))
    start = np.where(
        step_down, closure + draws.days_between(rng, params.STEP_DOWN_DAYS, n), closure + gap
    )
    keep = step_down | back
    nxt = sp.take(keep)
    nxt.kind = kind[keep].astype(np.int8)
    nxt.start = start[keep].astype(np.int32)
    nxt.via = np.where(step_down[keep], STEP_DOWN, RETURN).astype(np.int8)
    return nxt


def _stack(parts: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Rows of several candidate row sets, each filtered by its `_keep` mask."""
    keys = [k for k in parts[0] if k != "_keep"]
    return {k: np.concatenate([p[k][p["_keep"]] for p in parts]) for k in keys}
