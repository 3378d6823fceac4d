"""Deliberately questionable rows: what real extracts contain and the data quality page lists.

Why: the synthetic delivery must load (no blocking rule fails) yet give the query rules of
extracts.md something to find. Each kind below is planted in max(3, 0.3% of referrals) rows
(3-10 at `small`, proportionally more at larger scales), fewer only if too few rows qualify:

1. `unauthorised_with_factors` - an assessment with factors but no authorised_date.
2. `factor_not_dfe_form` - an assessment whose factors include a code not of the DfE form
   (`NEGL`, `DV`, `16-A`, `PMH`), beside valid codes.
3. `cp_before_referral` - a CP plan starting 1-5 days before its referral_date (only a child's
   first plan, or one starting 6+ days after the previous plan ended: plans never overlap).
4. `overlapping_cin_episodes` - two closed CIN episodes of a child overlapping: the earlier
   one's closure_date moved to just after the later one's referral_date (both stay closed,
   so the child never has two open episodes).
5. `previous_plans_too_small` - previous_plans 0 on a plan whose child has earlier plans in
   the data.
6. `nfa_with_assessment` - an nfa referral that has an assessment (started on the referral
   date, authorised 3 days later, factor 24A).
7. `cin_plan_outside_episode` - a CIN plan ending 5-25 days after its episode's closure_date.

All dates stay on or before the extract end.
"""

import numpy as np
import polars as pl

from pipelines.synth import params

BAD_CODES = ("NEGL", "DV", "16-A", "PMH")
KINDS = (
    "unauthorised_with_factors",
    "factor_not_dfe_form",
    "cp_before_referral",
    "overlapping_cin_episodes",
    "previous_plans_too_small",
    "nfa_with_assessment",
    "cin_plan_outside_episode",
)


def plant(
    rng: np.random.Generator, tables: dict[str, pl.DataFrame], end: int
) -> tuple[dict[str, pl.DataFrame], dict[str, int]]:
    """Tables with the questionable rows planted, and how many of each kind."""
    k = max(params.QUESTIONABLE_MIN, round(params.QUESTIONABLE_SHARE * tables["referrals"].height))
    t = dict(tables)
    n = {}
    t["assessments"], n[KINDS[0]] = _unauthorised_with_factors(rng, t["assessments"], k)
    t["assessments"], n[KINDS[1]] = _factor_not_dfe_form(rng, t["assessments"], k)
    t["cp_plans"], n[KINDS[2]] = _cp_before_referral(rng, t, k)
    t["referrals"], n[KINDS[3]] = _overlapping_cin_episodes(rng, t["referrals"], k)
    t["cp_plans"], n[KINDS[4]] = _previous_plans_too_small(rng, t["cp_plans"], k)
    t["assessments"], n[KINDS[5]] = _nfa_with_assessment(rng, t, k, end)
    t["cin_plans"], n[KINDS[6]] = _cin_plan_outside_episode(rng, t, k, end)
    return t, n


def _choose(rng: np.random.Generator, mask: np.ndarray, k: int) -> np.ndarray:
    """Up to k of the rows where mask holds, in row order."""
    rows = np.flatnonzero(mask)
    return np.sort(rng.choice(rows, size=min(k, len(rows)), replace=False))


def _days(column: pl.Series) -> np.ndarray:
    """Day numbers of a date column; empty cells far in the future."""
    return column.cast(pl.Int32).fill_null(np.iinfo(np.int32).max).to_numpy()


def _dates(days: np.ndarray) -> pl.Series:
    return pl.Series(days.astype(np.int32)).cast(pl.Date)


def _unauthorised_with_factors(rng, a: pl.DataFrame, k: int) -> tuple[pl.DataFrame, int]:
    """Factors on assessments still in progress; if too few, an authorised date removed."""
    in_progress = a["authorised_date"].is_null().to_numpy()
    has_factors = a["factors"].is_not_null().to_numpy()
    chosen = _choose(rng, in_progress, k)
    extra = _choose(rng, has_factors & ~in_progress, k - len(chosen))
    sample = a["factors"].filter(pl.Series(has_factors))
    given = sample.gather(rng.integers(0, len(sample), len(chosen)))
    return a.with_columns(
        a["factors"].scatter(chosen, given),
        a["authorised_date"].scatter(extra, None),
    ), len(chosen) + len(extra)


def _factor_not_dfe_form(rng, a: pl.DataFrame, k: int) -> tuple[pl.DataFrame, int]:
    """A made-up code appended to otherwise valid factors of an authorised assessment."""
    ok = a["authorised_date"].is_not_null().to_numpy() & a["factors"].is_not_null().to_numpy()
    chosen = _choose(rng, ok, k)
    bad = np.asarray(BAD_CODES)[rng.integers(0, len(BAD_CODES), len(chosen))]
    new = [f"{old};{code}" for old, code in zip(a["factors"].gather(chosen), bad, strict=True)]
    return a.with_columns(a["factors"].scatter(chosen, pl.Series(new, dtype=pl.String))), len(chosen)


def _cp_before_referral(rng, t: dict[str, pl.DataFrame], k: int) -> tuple[pl.DataFrame, int]:
    """A plan moved to start 1-5 days before its referral, never into the previous plan."""
    cp = t["cp_plans"]
    info = (
        cp.select("child_id", "referral_id", "start_date")
        .with_row_index("row")
        .join(t["referrals"].select("referral_id", "referral_date"), on="referral_id", how="left")
        .join(t["children"].select("child_id", "birth_month"), on="child_id", how="left")
        .join(
            cp.select("child_id", "start_date", "end_date")
            .sort("child_id", "start_date")
            .with_columns(pl.col("end_date").shift(1).over("child_id").alias("previous_end"),
                          pl.col("start_date").shift(1).over("child_id").alias("previous_start"))
            .select("child_id", "start_date", "previous_end", "previous_start"),
            on=["child_id", "start_date"],
            how="left",
        )
        .sort("row")
    )
    referral = _days(info["referral_date"])
    previous_end = info["previous_end"].cast(pl.Int32).fill_null(np.iinfo(np.int32).min).to_numpy()
    first_plan = info["previous_start"].is_null().to_numpy()
    born_well_before = _days(info["birth_month"]) + 10 <= referral
    ok = born_well_before & (first_plan | (referral - 5 >= previous_end))
    chosen = _choose(rng, ok, k)
    start = referral[chosen] - rng.integers(1, 6, len(chosen))
    return cp.with_columns(cp["start_date"].scatter(chosen, _dates(start))), len(chosen)


def _overlapping_cin_episodes(rng, r: pl.DataFrame, k: int) -> tuple[pl.DataFrame, int]:
    """An earlier closed episode's closure moved to after the child's next episode began."""
    pairs = (
        r.with_row_index("row")
        .filter(~pl.col("nfa"))
        .sort("child_id", "referral_date", "referral_id")
        .with_columns(
            pl.col("referral_date").shift(-1).over("child_id").alias("next_referral"),
            pl.col("closure_date").shift(-1).over("child_id").alias("next_closure"),
        )
        .drop_nulls(["closure_date", "next_referral", "next_closure"])
        .sort("row")
    )
    closure, next_ref, next_close = (
        _days(pairs[c]) for c in ("closure_date", "next_referral", "next_closure")
    )
    ok = (closure < next_ref) & (next_close - next_ref >= 2)
    chosen = _choose(rng, ok, k)
    room = next_close[chosen] - next_ref[chosen] - 1
    new_closure = next_ref[chosen] + 1 + (rng.random(len(chosen)) * room).astype(np.int64)
    rows = pairs["row"].to_numpy()[chosen]
    return r.with_columns(r["closure_date"].scatter(rows, _dates(new_closure))), len(chosen)


def _previous_plans_too_small(rng, cp: pl.DataFrame, k: int) -> tuple[pl.DataFrame, int]:
    """previous_plans 0 although the data holds an earlier plan of the child."""
    earlier = (
        cp.with_row_index("row")
        .sort("child_id", "start_date")
        .with_columns(pl.int_range(pl.len()).over("child_id").alias("earlier"))
        .sort("row")["earlier"]
        .to_numpy()
    )
    ok = (earlier > 0) & (cp["previous_plans"].fill_null(0).to_numpy() > 0)
    chosen = _choose(rng, ok, k)
    return cp.with_columns(cp["previous_plans"].scatter(chosen, 0)), len(chosen)


def _nfa_with_assessment(rng, t: dict[str, pl.DataFrame], k: int, end: int) -> tuple[pl.DataFrame, int]:
    """An assessment added to an nfa referral (new ids after the last)."""
    a, r = t["assessments"], t["referrals"]
    ok = r["nfa"].to_numpy() & (_days(r["referral_date"]) <= end - 10)
    chosen = _choose(rng, ok, k)
    start = _days(r["referral_date"])[chosen]
    width = len(a["assessment_id"][0]) - 1 if a.height else 7
    first = a.height + 1
    ids = [f"A{i:0{width}d}" for i in range(first, first + len(chosen))]
    added = pl.DataFrame(
        {
            "assessment_id": ids,
            "referral_id": r["referral_id"].gather(chosen),
            "child_id": r["child_id"].gather(chosen),
            "start_date": _dates(start),
            "authorised_date": _dates(start + 3),
            "factors": ["24A"] * len(chosen),
        },
        schema=a.schema,
    )
    return pl.concat([a, added]), len(chosen)


def _cin_plan_outside_episode(rng, t: dict[str, pl.DataFrame], k: int, end: int) -> tuple[pl.DataFrame, int]:
    """A CIN plan ending 5-25 days after its episode closed."""
    plans = t["cin_plans"]
    closure = _days(
        plans.select("referral_id")
        .join(
            t["referrals"].select("referral_id", "closure_date"),
            on="referral_id",
            how="left",
            maintain_order="left",
        )[
            "closure_date"
        ]
    )
    ok = (closure <= end - 30) & plans["end_date"].is_not_null().to_numpy()
    chosen = _choose(rng, ok, k)
    new_end = closure[chosen] + rng.integers(5, 26, len(chosen))
    return plans.with_columns(plans["end_date"].scatter(chosen, _dates(new_end))), len(chosen)
