"""gcp2.csv and case_audits.csv: Graded Care Profile 2 use and multi-agency case audits.

Why from the finished tables: practice follows the neglect work an LA records, so GCP2s are
placed around the early help and children in need neglect episodes of the extract (what a
partnership would hold), not drawn on their own. A first GCP2 comes soon after the episode
starts (early help) or neglect is identified at assessment (children in need), more often by
health visitors and schools in early help and by the LA in social care; some families are
rescored 3 to 6 months later while the work is open, improving more often when the episode
ends with needs met. The QA sub-group audits a few neglect cases open in each quarter.

Why a stream of its own: these files were added after the others, and a seed must keep giving
the same bytes for every other file; so practice draws from PCG64(SeedSequence([seed,
PRACTICE_STREAM])), never from the delivery's shared stream.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from neglect_insight.pipelines.synth import dates, draws, identifiers, params

GRADE_COLUMNS = ("physical_care", "safety", "emotional_care", "developmental_care")
GCP2_COLUMNS = ("assessment_id", "child_id", "completed_date", "agency", *GRADE_COLUMNS,
                "overall")
AUDIT_COLUMNS = ("audit_id", "audit_date", "theme", "child_id", "grade", "agencies")
OPEN = np.iinfo(np.int32).max  # end day of an episode still open
OUTCOMES = ("needs_met", "open", "other")
NEEDS_MET_CLOSURES = ("RC7", "RC9")  # services ceased (no longer in need), or to early help


def stream(seed: int) -> np.random.Generator:
    """The practice files' own random stream."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(
        [seed, params.PRACTICE_STREAM])))


def _days(column: pl.Series) -> np.ndarray:
    """Day numbers of a date column; empty (open) as OPEN."""
    return column.cast(pl.Int32).fill_null(OPEN).to_numpy().astype(np.int64)


def _has_neglect(factors: pl.Expr) -> pl.Expr:
    return factors.fill_null("").str.to_uppercase().str.split(";").list.eval(
        pl.element().str.strip_chars()).list.contains("16A")


def _episodes(t: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Early help and children in need neglect episodes: child_id, kind, start, anchor (when
    neglect was known), end, outcome, lead (agency index of the EH lead, else -1)."""
    eh = t["early_help"].filter(_has_neglect(pl.col("factors")))
    eh_end = _days(eh["end_date"])
    eh_outcome = np.where(eh_end == OPEN, 1,
                          np.where(eh["end_reason"].fill_null("").str.to_lowercase()
                                   == "needs_met", 0, 2))
    lead = eh["organisation"].fill_null("").str.to_lowercase().replace_strict(
        list(params.AGENCIES), list(range(len(params.AGENCIES))), default=-1,
        return_dtype=pl.Int64)
    early_help = pl.DataFrame({
        "child_id": eh["child_id"], "kind": pl.Series(["eh"] * eh.height, dtype=pl.String),
        "start": _days(eh["start_date"]), "anchor": _days(eh["start_date"]), "end": eh_end,
        "outcome": eh_outcome.astype(np.int64),
        "lead": lead,
    })
    neglect_known = (
        t["assessments"]
        .filter(_has_neglect(pl.col("factors")) & pl.col("authorised_date").is_not_null())
        .group_by("referral_id").agg(pl.col("authorised_date").min().alias("known"))
    )
    cin = (t["referrals"].filter(~pl.col("nfa"))
           .join(neglect_known, on="referral_id", how="inner")
           .sort("referral_id"))
    cin_end = _days(cin["closure_date"])
    met = cin["closure_reason"].fill_null("").str.to_uppercase().is_in(NEEDS_MET_CLOSURES)
    cin_outcome = np.where(cin_end == OPEN, 1, np.where(met.to_numpy(), 0, 2))
    social_care = pl.DataFrame({
        "child_id": cin["child_id"], "kind": pl.Series(["cin"] * cin.height, dtype=pl.String),
        "start": _days(cin["referral_date"]), "anchor": _days(cin["known"]), "end": cin_end,
        "outcome": cin_outcome.astype(np.int64), "lead": np.full(cin.height, -1, np.int64),
    })
    births = t["children"].select(
        "child_id", pl.col("birth_month").cast(pl.Int32).alias("birth"))
    return (pl.concat([early_help, social_care])
            .join(births, on="child_id", how="inner")
            .filter(pl.col("birth").is_not_null())
            .sort("kind", "start", "child_id"))


def _agencies(rng: np.random.Generator, kind: np.ndarray, lead: np.ndarray) -> np.ndarray:
    agency = np.empty(len(kind), dtype=np.int64)
    for k in ("eh", "cin"):
        mine = kind == k
        agency[mine] = draws.pick(rng, int(mine.sum()), params.GCP2_AGENCY_WEIGHTS[k])
    by_lead = (kind == "eh") & (lead >= 0) & draws.chance(rng, params.GCP2_LEAD_AGENCY,
                                                          len(kind))
    return np.where(by_lead, lead, agency)


def _clip(grades: np.ndarray) -> np.ndarray:
    return np.clip(grades, 1, 5)


def _areas(rng: np.random.Generator, centre: np.ndarray) -> dict[str, np.ndarray]:
    return {area: _clip(centre + draws.pick(rng, len(centre), params.GCP2_AREA_SPREAD) - 1)
            for area in GRADE_COLUMNS}


def gcp2(rng: np.random.Generator, t: dict[str, pl.DataFrame], end: int) -> pl.DataFrame:
    """One row per GCP2: first GCP2s of neglect episodes and their rescores."""
    ep = _episodes(t)
    kind, anchor, ep_end = ep["kind"].to_numpy(), ep["anchor"].to_numpy(), ep["end"].to_numpy()
    n = ep.height
    first_p = np.where(kind == "eh", params.GCP2_FIRST["eh"], params.GCP2_FIRST["cin"])
    first_day = anchor + draws.days_between(rng, params.GCP2_FIRST_DAYS, n)
    agency = _agencies(rng, kind, ep["lead"].to_numpy())
    overall = draws.pick(rng, n, params.GCP2_OVERALL_WEIGHTS).astype(np.int64) + 1
    areas = _areas(rng, overall)
    rescore_day = first_day + draws.days_between(rng, params.GCP2_RESCORE_DAYS, n)
    outcome = ep["outcome"].to_numpy()
    better = np.array([params.GCP2_CHANGE[o][0] for o in OUTCOMES])[outcome]
    worse = np.array([params.GCP2_CHANGE[o][1] for o in OUTCOMES])[outcome]
    u = rng.random(n)
    step = 1 + draws.chance(rng, params.GCP2_BETTER_BY_TWO, n)
    change = np.where(u < better, -step, np.where(u < better + worse, 1, 0))
    later_overall = _clip(overall + change)
    later_areas = _areas(rng, np.stack([areas[a] for a in GRADE_COLUMNS]).mean(axis=0).round()
                         .astype(np.int64) + change)
    rescored = draws.chance(rng, params.GCP2_RESCORE, n)
    agency_later = np.where(draws.chance(rng, 0.7, n), agency, _agencies(
        rng, kind, ep["lead"].to_numpy()))

    after_end = np.minimum(ep_end, OPEN - params.GCP2_RESCORE_AFTER_END_DAYS)
    births = ep["birth"].to_numpy()
    keep_first = (draws.chance(rng, first_p) & (first_day <= end)
                  & (first_day <= after_end + params.GCP2_RESCORE_AFTER_END_DAYS)
                  & (first_day >= births))
    keep_later = (keep_first & rescored & (rescore_day <= end)
                  & (rescore_day <= after_end + params.GCP2_RESCORE_AFTER_END_DAYS))
    parts = []
    for keep, day, ag, ov, ar in ((keep_first, first_day, agency, overall, areas),
                                  (keep_later, rescore_day, agency_later, later_overall,
                                   later_areas)):
        parts.append(pl.DataFrame({
            "child_id": ep["child_id"].filter(pl.Series(keep)),
            "day": day[keep], "agency": ag[keep],
            **{a: ar[a][keep] for a in GRADE_COLUMNS}, "overall": ov[keep],
        }))
    rows = pl.concat(parts).sort("day", "child_id", "overall", *GRADE_COLUMNS, "agency")
    number = np.arange(rows.height)
    return pl.DataFrame({
        "assessment_id": identifiers.pseudonyms("G", number, rows.height),
        "child_id": rows["child_id"],
        "completed_date": pl.Series(rows["day"].to_numpy().astype(np.int32)).cast(pl.Date),
        "agency": pl.Series(params.AGENCIES).gather(rows["agency"].to_numpy()),
        **{a: rows[a].cast(pl.Int32) for a in (*GRADE_COLUMNS, "overall")},
    })


def _quarters(window_start: int, end: int) -> list[tuple[int, int]]:
    """(first day, last day) of every calendar quarter ending in the window, the last cut at
    the extract end."""
    out = []
    first = int(dates.month_start(np.int32(window_start)))
    while int(dates.month_of(np.int32(first))) % 3 != 1:
        first = int(dates.add_months(np.int32(first), 1))
    while first <= end:
        last = int(dates.add_months(np.int32(first), 3)) - 1
        out.append((first, min(last, end)))
        first = last + 1
    return out


def case_audits(rng: np.random.Generator, t: dict[str, pl.DataFrame], window_start: int,
                end: int) -> pl.DataFrame:
    """A few audits a quarter, most of them of neglect cases open in the quarter."""
    ep = _episodes(t)
    child, start, ep_end = ep["child_id"], ep["start"].to_numpy(), ep["end"].to_numpy()
    others = t["referrals"].filter(~pl.col("nfa"))
    other_child = others["child_id"]
    other_start, other_end = _days(others["referral_date"]), _days(others["closure_date"])
    quarters = _quarters(window_start, end)
    rows: list[dict] = []
    for q, (first, last) in enumerate(quarters):
        open_cases = np.flatnonzero((start <= last) & (ep_end >= first))
        n = params.AUDITS_MIN_PER_QUARTER + int(rng.poisson(
            params.AUDITS_PER_NEGLECT_CASE * len(open_cases)))
        neglect = draws.chance(rng, params.AUDIT_NEGLECT_THEME, n)
        no_child = draws.chance(rng, params.AUDIT_NO_CHILD, n)
        day = rng.integers(first, last + 1, size=n)
        other_open = np.flatnonzero((other_start <= last) & (other_end >= first))
        gain = params.AUDIT_GOOD_GAIN_PER_YEAR * (q - len(quarters) + 1) / 4
        weights = np.array(params.AUDIT_GRADE_WEIGHTS) + np.array([0, gain, -gain, 0])
        grade = draws.pick(rng, n, np.clip(weights, 0.01, None))
        picked = rng.random(n)
        with_agency = {a: draws.chance(rng, p, n) for a, p in params.AUDIT_AGENCY_CHANCE.items()}
        for i in range(n):
            pool, ids = (open_cases, child) if neglect[i] else (other_open, other_child)
            who = None if no_child[i] or not len(pool) else ids[int(pool[int(picked[i]
                                                                             * len(pool))])]
            rows.append({
                "day": int(day[i]), "theme": "neglect" if neglect[i] else "other",
                "child_id": who, "grade": params.AUDIT_GRADES[grade[i]],
                "agencies": ";".join(["la", *(a for a in params.AGENCIES
                                              if a in with_agency and with_agency[a][i])]),
            })
    frame = pl.DataFrame(rows, schema={"day": pl.Int64, "theme": pl.String,
                                       "child_id": pl.String, "grade": pl.String,
                                       "agencies": pl.String})
    frame = frame.with_row_index("drawn").sort("day", "drawn")
    return pl.DataFrame({
        "audit_id": identifiers.pseudonyms("QA", np.arange(frame.height), frame.height),
        "audit_date": pl.Series(frame["day"].to_numpy().astype(np.int32)).cast(pl.Date),
        "theme": frame["theme"], "child_id": frame["child_id"], "grade": frame["grade"],
        "agencies": frame["agencies"],
    })


def tables(seed: int, t: dict[str, pl.DataFrame], window_start: int, end: int
           ) -> dict[str, pl.DataFrame]:
    """gcp2 and case_audits for a delivery's finished tables, from the practice stream."""
    rng = stream(seed)
    return {"gcp2": gcp2(rng, t, end), "case_audits": case_audits(rng, t, window_start, end)}
