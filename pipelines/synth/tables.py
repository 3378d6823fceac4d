"""From simulated journeys to the extract tables of extracts.md, as an LA would send them.

Why a separate step: the simulation runs before and beyond the data window; an extract holds
what was open in the window and nothing after its end. So: keep episodes open at some time in
the window (with their assessments and plans), blank end dates after the end (open work),
count previous CP plans over the whole history (CIN census NumberOfPreviousCPP, which may
exceed what the data shows), number the pseudonyms, and write codes as the spec spells them.
"""

from dataclasses import dataclass

import numpy as np
import polars as pl

from neglect_insight.pipelines.synth import (
    children,
    dates,
    draws,
    episodes,
    factors,
    identifiers,
    params,
)
from neglect_insight.pipelines.synth.dates import YEAR
from neglect_insight.pipelines.synth.journeys import Rows, take


@dataclass
class Services:
    """What attendance needs: each child's birth day and service intervals in the window."""

    birth: np.ndarray  # by child number
    child: np.ndarray  # interval rows: child number
    start: np.ndarray
    end: np.ndarray  # open intervals end on the extract end
    level: np.ndarray  # 1 early help, 2 CIN, 3 CP
    neglect: np.ndarray


def build(
    rng: np.random.Generator, sim: dict[str, Rows], window_start: int, end: int, national: bool
) -> tuple[dict[str, pl.DataFrame], Services]:
    """The six service tables and children.csv, plus service intervals for attendance."""
    sim["cp_plans"]["previous"] = _previous_plans(rng, sim["cp_plans"])
    rows = _unborn_due_by_end(_in_window(sim, window_start, end), end)

    in_order = _child_numbers(rows)
    birth = in_order["birth"].to_numpy()
    child_ids = identifiers.pseudonyms("C", np.arange(len(birth)), len(birth))
    for name in ("early_help", "referrals", "assessments", "cp_plans", "cin_plans"):
        rows[name]["child_no"] = _child_number_of(in_order, rows[name]["child"])
    child_table, disabled = children.frame(
        rng, child_ids, birth, in_order["first"].to_numpy(), end, national
    )

    referral_no = identifiers.rank(rows["referrals"]["start"], rows["referrals"]["child_no"],
                                   rows["referrals"]["key"])  # fmt: skip
    rows["referrals"]["number"] = referral_no
    referral_ids = identifiers.pseudonyms("R", referral_no, len(referral_no))
    by_key = np.full(int(rows["referrals"]["key"].max(initial=0)) + 1, -1, dtype=np.int64)
    by_key[rows["referrals"]["key"]] = np.arange(len(referral_no))

    for name in ("assessments", "cp_plans", "cin_plans"):  # row of the referral in `rows`
        rows[name]["referral_row"] = by_key[rows[name]["referral"]]

    def referral_id_of(r: Rows) -> pl.Series:
        return referral_ids.gather(r["referral_row"])

    tables = {
        "children": child_table,
        "early_help": _early_help(rng, rows["early_help"], child_ids, end),
        "referrals": _referrals(rng, rows["referrals"], referral_ids, child_ids, disabled, end),
        "assessments": _assessments(rng, rows["assessments"], referral_id_of, child_ids, end),
        "cin_plans": _cin_plans(rows["cin_plans"], referral_id_of, child_ids, end),
        "cp_plans": _cp_plans(rng, rows["cp_plans"], referral_id_of, child_ids, end),
    }
    return tables, _services(rows, birth, end)


def _previous_plans(rng: np.random.Generator, cp: Rows) -> np.ndarray:
    """Earlier plans of the child in the whole simulation, plus some from before it."""
    n = len(cp["child"])
    order = np.lexsort((cp["start"], cp["child"]))
    sorted_child = cp["child"][order]
    first_of_child = np.concatenate([[True], sorted_child[1:] != sorted_child[:-1]])
    group_start = np.maximum.accumulate(np.where(first_of_child, np.arange(n), 0))
    earlier = np.empty(n, dtype=np.int64)
    earlier[order] = np.arange(n) - group_start
    unique_child, child_index = np.unique(cp["child"], return_inverse=True)
    trait = np.zeros(len(unique_child), dtype=bool)
    trait[child_index] = cp["trait"]
    history = draws.chance_by_flag(rng, trait, params.CP_PRIOR_HISTORY)
    before = history * (1 + rng.poisson(0.4, len(unique_child)))
    return earlier + before[child_index]


def _in_window(sim: dict[str, Rows], window_start: int, end: int) -> dict[str, Rows]:
    """Episodes open at some time in [window_start, end], with their assessments and plans."""
    ref = sim["referrals"]
    keep_ref = (ref["start"] <= end) & (ref["end"] >= window_start)
    kept_key = np.zeros(int(ref["key"].max(initial=0)) + 1, dtype=bool)
    kept_key[ref["key"][keep_ref]] = True
    eh = sim["early_help"]
    out = {
        "referrals": take(ref, keep_ref),
        "early_help": take(eh, (eh["start"] <= end) & (eh["end"] >= window_start)),
    }
    for name in ("assessments", "cp_plans", "cin_plans"):
        r = sim[name]
        out[name] = take(r, kept_key[r["referral"]] & (r["start"] <= end))
    return out


def _unborn_due_by_end(rows: dict[str, Rows], end: int) -> dict[str, Rows]:
    """Children unborn at the end stay only if due by then (expected this month, born a little
    late) with all their work before this month: no date in an extract is after its end, and
    an unborn child's expected month comes after its referrals. Others are left out."""
    this_month = int(dates.month_start(np.int32(end)))
    child = np.concatenate([r["child"] for r in rows.values()])
    birth = np.concatenate([r["birth"] for r in rows.values()])
    latest = np.concatenate(
        [np.maximum(r["start"], np.minimum(r["end"], end)) for r in rows.values()]
    )
    unborn = birth > end
    late = dates.month_start(birth) > dates.add_months(np.int32(this_month), 1)
    left_out = np.unique(child[unborn & (late | (latest >= this_month))])
    return {name: take(r, ~np.isin(r["child"], left_out)) for name, r in rows.items()}


def _child_numbers(rows: dict[str, Rows]) -> pl.DataFrame:
    """Children in the extract, one row each in child-number order (first event, then
    population index): population index `child`, `birth` day and `first` event day."""
    events = pl.DataFrame(
        {
            "child": np.concatenate([r["child"] for r in rows.values()]),
            "start": np.concatenate([r["start"] for r in rows.values()]),
            "birth": np.concatenate([r["birth"] for r in rows.values()]),
        }
    )
    per_child = events.group_by("child").agg(pl.col("start").min().alias("first"),
                                             pl.col("birth").first())  # fmt: skip
    return per_child.sort("first", "child").with_row_index("number")


def _child_number_of(children_in_order: pl.DataFrame, child: np.ndarray) -> np.ndarray:
    """The child number of each population index."""
    looked_up = pl.DataFrame({"child": child}).join(
        children_in_order.select("child", "number"), on="child", how="left", maintain_order="left"
    )
    return looked_up["number"].to_numpy().astype(np.int64)


def _date(days: np.ndarray, end: int) -> pl.Series:
    """Dates, empty after the extract end (still open)."""
    return pl.Series(days.astype(np.int32)).cast(pl.Date).scatter(np.flatnonzero(days > end), None)


def _codes(values: tuple[str, ...], index: np.ndarray) -> pl.Series:
    """Codes by index; -1 gives an empty cell."""
    codes = pl.Series(values).gather(np.maximum(index, 0))
    return codes.scatter(np.flatnonzero(index < 0), None)


def _early_help(rng: np.random.Generator, r: Rows, child_ids: pl.Series, end: int) -> pl.DataFrame:
    n = len(r["start"])
    number = identifiers.rank(r["start"], r["child_no"], r["key"])
    reason = np.where(r["closed_at_18"], params.EH_END_REASONS.index("other"), r["reason"])
    reason = np.where(r["end"] > end, -1, reason)
    age = (r["start"] - r["birth"]) / YEAR
    no_category = np.full(n, -1, dtype=np.int8)
    return pl.DataFrame(
        {
            "episode_id": identifiers.pseudonyms("EH", number, n),
            "child_id": child_ids.gather(r["child_no"]),
            "start_date": _date(r["start"], end),
            "end_date": _date(r["end"], end),
            "factors": factors.codes(
                rng, r["neglect"], age, no_category, r["has_factors"], params.EH_FACTOR_SCALE
            ),
            "end_reason": _codes(params.EH_END_REASONS, reason),
            "organisation": _codes(params.EH_ORGANISATIONS, r["organisation"]),
            "gcp2_score": pl.Series(r["gcp2"]).scatter(np.flatnonzero(r["gcp2"] == 0), None),
        }
    )[identifiers.order(number)]


def _referrals(
    rng: np.random.Generator,
    r: Rows,
    referral_ids: pl.Series,
    child_ids: pl.Series,
    disabled: np.ndarray,
    end: int,
) -> pl.DataFrame:
    n = len(r["start"])
    need = r["need"].copy()
    need[disabled[r["child_no"]] & ~r["nfa"] & draws.chance(rng, params.DISABLED_NEED_N2, n)] = 2
    adult_reason = episodes.reasons(rng, "adult", n)
    reason = np.where(r["closed_at_18"], adult_reason, r["reason"])
    reason_codes = tuple(f"RC{i}" for i in range(10))
    return pl.DataFrame(
        {
            "referral_id": referral_ids,
            "child_id": child_ids.gather(r["child_no"]),
            "referral_date": _date(r["start"], end),
            "source": _codes(params.SOURCES, r["source"]),
            "primary_need": _codes(params.NEEDS, need),
            "nfa": r["nfa"],
            "closure_date": _date(r["end"], end),
            "closure_reason": _codes(reason_codes, np.where(r["end"] > end, -1, reason)),
        }
    )[identifiers.order(r["number"])]


def _assessments(rng, r: Rows, referral_id_of, child_ids: pl.Series, end: int) -> pl.DataFrame:
    n = len(r["start"])
    referral = referral_id_of(r)
    number = identifiers.rank(r["start"], r["referral_row"], r["end"])
    authorised = r["end"] <= end
    recorded = authorised & ~draws.chance(rng, params.NO_FACTORS, n)
    age = (r["start"] - r["birth"]) / YEAR
    return pl.DataFrame(
        {
            "assessment_id": identifiers.pseudonyms("A", number, n),
            "referral_id": referral,
            "child_id": child_ids.gather(r["child_no"]),
            "start_date": _date(r["start"], end),
            "authorised_date": _date(r["end"], end),
            "factors": factors.codes(rng, r["neglect"], age, r["category"], recorded),
        }
    )[identifiers.order(number)]


def _cin_plans(r: Rows, referral_id_of, child_ids: pl.Series, end: int) -> pl.DataFrame:
    number = identifiers.rank(r["start"], r["child_no"], r["referral_row"], r["end"])
    return pl.DataFrame(
        {
            "child_id": child_ids.gather(r["child_no"]),
            "referral_id": referral_id_of(r),
            "start_date": _date(r["start"], end),
            "end_date": _date(r["end"], end),
        }
    )[identifiers.order(number)]


def _cp_plans(rng, r: Rows, referral_id_of, child_ids: pl.Series, end: int) -> pl.DataFrame:
    n = len(r["start"])
    number = identifiers.rank(r["start"], r["child_no"])
    changed = (r["end"] - r["start"] > 120) & draws.chance(rng, params.CP_CATEGORY_CHANGED, n)
    change_to = np.array(
        [params.CP_CATEGORIES.index(params.CP_CATEGORY_CHANGE_TO[c]) for c in params.CP_CATEGORIES]
    )
    latest = np.where(changed, change_to[r["category"]], -1)
    return pl.DataFrame(
        {
            "plan_id": identifiers.pseudonyms("P", number, n),
            "child_id": child_ids.gather(r["child_no"]),
            "referral_id": referral_id_of(r),
            "start_date": _date(r["start"], end),
            "end_date": _date(r["end"], end),
            "initial_category": _codes(params.CP_CATEGORIES, r["category"]),
            "latest_category": _codes(params.CP_CATEGORIES, latest),
            "previous_plans": pl.Series(r["previous"], dtype=pl.Int32),
        }
    )[identifiers.order(number)]


def _services(rows: dict[str, Rows], birth: np.ndarray, end: int) -> Services:
    """Intervals of early help (1), non-nfa CIN episodes (2) and CP plans (3) per child."""
    referrals = take(rows["referrals"], ~rows["referrals"]["nfa"])
    cp = rows["cp_plans"]
    parts = [
        (rows["early_help"], 1, rows["early_help"]["neglect"]),
        (referrals, 2, referrals["neglect"]),
        (cp, 3, cp["category"] == params.CP_CATEGORIES.index("NEG")),
    ]
    return Services(
        birth=birth,
        child=np.concatenate([p["child_no"] for p, _, _ in parts]),
        start=np.concatenate([p["start"] for p, _, _ in parts]),
        end=np.concatenate([np.minimum(p["end"], end) for p, _, _ in parts]),
        level=np.concatenate([np.full(len(p["start"]), lv, dtype=np.int8) for p, lv, _ in parts]),
        neglect=np.concatenate([neg for _, _, neg in parts]),
    )
