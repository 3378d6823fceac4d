"""Deliberately questionable rows: what real extracts contain and the data quality page lists.

Why: the synthetic delivery must load (no blocking rule fails) yet give the query rules of
extracts.md something to find. Each kind below is planted in max(3, 0.4% of the rows of its
table) rows (3-5 at `small`; at `la` ~70 assessments, ~10 CP plans; at `national` ~15,000
assessments, ~1,500 CP plans), fewer only if too few rows qualify:

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

from neglect_insight.pipelines.synth import identifiers, params

BAD_CODES = ("NEGL", "DV", "16-A", "PMH")


def plant(
    rng: np.random.Generator, tables: dict[str, pl.DataFrame], end: int
) -> dict[str, pl.DataFrame]:
    """The tables with the questionable rows planted."""

    def k(table: str) -> int:
        """How many to plant: a share of the rows of the table the kind lives in."""
        return max(params.QUESTIONABLE_MIN, round(params.QUESTIONABLE_SHARE * tables[table].height))

    t = dict(tables)
    t["assessments"] = _unauthorised_with_factors(rng, t["assessments"], k("assessments"))
    t["assessments"] = _factor_not_dfe_form(rng, t["assessments"], k("assessments"))
    t["cp_plans"] = _cp_before_referral(rng, t, k("cp_plans"))
    t["referrals"] = _overlapping_cin_episodes(rng, t["referrals"], k("referrals"))
    t["cp_plans"] = _previous_plans_too_small(rng, t["cp_plans"], k("cp_plans"))
    t["assessments"] = _nfa_with_assessment(rng, t, k("referrals"), end)
    t["cin_plans"] = _cin_plan_outside_episode(rng, t, k("cin_plans"), end)
    return t


def _choose(rng: np.random.Generator, mask: np.ndarray, k: int) -> np.ndarray:
    """Up to k of the rows where mask holds, in row order."""
    rows = np.flatnonzero(mask)
    return np.sort(rng.choice(rows, size=min(k, len(rows)), replace=False))


def _days(column: pl.Series) -> np.ndarray:
    """Day numbers of a date column; empty cells far in the future."""
    return column.cast(pl.Int32).fill_null(np.iinfo(np.int32).max).to_numpy()


def _dates(days: np.ndarray) -> pl.Series:
    return pl.Series(days.astype(np.int32)).cast(pl.Date)


def _unauthorised_with_factors(rng, a: pl.DataFrame, k: int) -> pl.DataFrame:
    """Factors on assessments still in progress; if too few, an authorised date removed."""
    in_progress = a["authorised_date"].is_null().to_numpy()
    has_factors = a["factors"].is_not_null().to_numpy()
    chosen = _choose(rng, in_progress, k)
    extra = _choose(rng, has_factors & ~in_progress, k - len(chosen))
    sample = a["factors"].filter(pl.Series(has_factors))
    given = sample.gather(rng.integers(0, len(sample), len(chosen)))
    return a.with_columns(
        a["factors"].scatter(chosen, given), a["authorised_date"].scatter(extra, None)
    )


def _factor_not_dfe_form(rng, a: pl.DataFrame, k: int) -> pl.DataFrame:
    """A made-up code appended to otherwise valid factors of an authorised assessment."""
    ok = a["authorised_date"].is_not_null().to_numpy() & a["factors"].is_not_null().to_numpy()
    chosen = _choose(rng, ok, k)
    bad = np.asarray(BAD_CODES)[rng.integers(0, len(BAD_CODES), len(chosen))]
    new = [f"{old};{code}" for old, code in zip(a["factors"].gather(chosen), bad, strict=True)]
    return a.with_columns(a["factors"].scatter(chosen, pl.Series(new, dtype=pl.String)))


def _child_key() -> pl.Expr:
    """The number inside a child pseudonym (sorts like the id, faster than text)."""
    return pl.col("child_id").str.slice(1).cast(pl.Int64)


def _previous_in_child(column: str) -> pl.Expr:
    """The value on the row before, if it belongs to the same child (frame sorted by child)."""
    same = pl.col("_child") == pl.col("_child").shift(1)
    return pl.when(same).then(pl.col(column).shift(1))


def _cp_before_referral(rng, t: dict[str, pl.DataFrame], k: int) -> pl.DataFrame:
    """A plan moved to start 1-5 days before its referral, never into the previous plan."""
    cp = t["cp_plans"]
    info = (
        cp.select("child_id", "referral_id", "start_date", "end_date")
        .with_row_index("row")
        .with_columns(_child_key().alias("_child"))
        .sort("_child", "start_date")
        .with_columns(
            _previous_in_child("end_date").alias("previous_end"),
            _previous_in_child("start_date").alias("previous_start"),
        )
        .sort("row")
        .join(t["referrals"].select("referral_id", "referral_date"), on="referral_id",
              how="left", maintain_order="left")
        .join(t["children"].select("child_id", "birth_month"), on="child_id", how="left",
              maintain_order="left")
    )  # fmt: skip
    referral = _days(info["referral_date"])
    previous_end = info["previous_end"].cast(pl.Int32).fill_null(np.iinfo(np.int32).min).to_numpy()
    first_plan = info["previous_start"].is_null().to_numpy()
    born_well_before = _days(info["birth_month"]) + 10 <= referral
    ok = born_well_before & (first_plan | (referral - 5 >= previous_end))
    chosen = _choose(rng, ok, k)
    start = referral[chosen] - rng.integers(1, 6, len(chosen))
    return cp.with_columns(cp["start_date"].scatter(chosen, _dates(start)))


def _overlapping_cin_episodes(rng, r: pl.DataFrame, k: int) -> pl.DataFrame:
    """An earlier closed episode's closure moved to after the child's next episode began."""
    after = (
        r.with_row_index("row")
        .filter(~pl.col("nfa"))
        .with_columns(_child_key().alias("_child"))
        .sort("_child", "referral_date", "row")
    )
    same = pl.col("_child") == pl.col("_child").shift(-1)
    pairs = (
        after.with_columns(
            pl.when(same).then(pl.col("referral_date").shift(-1)).alias("next_referral"),
            pl.when(same).then(pl.col("closure_date").shift(-1)).alias("next_closure"),
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
    return r.with_columns(r["closure_date"].scatter(rows, _dates(new_closure)))


def _previous_plans_too_small(rng, cp: pl.DataFrame, k: int) -> pl.DataFrame:
    """previous_plans 0 although the data holds an earlier plan of the child."""
    has_earlier = (
        cp.with_row_index("row")
        .with_columns(_child_key().alias("_child"))
        .sort("_child", "start_date")
        .with_columns(_previous_in_child("start_date").is_not_null().alias("has_earlier"))
        .sort("row")["has_earlier"]
        .to_numpy()
    )
    ok = has_earlier & (cp["previous_plans"].fill_null(0).to_numpy() > 0)
    chosen = _choose(rng, ok, k)
    return cp.with_columns(cp["previous_plans"].scatter(chosen, 0))


def _nfa_with_assessment(rng, t: dict[str, pl.DataFrame], k: int, end: int) -> pl.DataFrame:
    """An assessment added to an nfa referral (new ids after the last)."""
    a, r = t["assessments"], t["referrals"]
    ok = r["nfa"].to_numpy() & (_days(r["referral_date"]) <= end - 10)
    chosen = _choose(rng, ok, k)
    start = _days(r["referral_date"])[chosen]
    # Numbered after the last, at the width of the existing ids.
    ids = identifiers.pseudonyms("A", a.height + np.arange(len(chosen)), a.height)
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
    return pl.concat([a, added])


def _cin_plan_outside_episode(rng, t: dict[str, pl.DataFrame], k: int, end: int) -> pl.DataFrame:
    """A CIN plan ending 5-25 days after its episode closed."""
    plans = t["cin_plans"]
    closure = _days(
        plans.select("referral_id").join(
            t["referrals"].select("referral_id", "closure_date"),
            on="referral_id",
            how="left",
            maintain_order="left",
        )["closure_date"]
    )
    ok = (closure <= end - 30) & plans["end_date"].is_not_null().to_numpy()
    chosen = _choose(rng, ok, k)
    new_end = closure[chosen] + rng.integers(5, 26, len(chosen))
    return plans.with_columns(plans["end_date"].scatter(chosen, _dates(new_end)))
