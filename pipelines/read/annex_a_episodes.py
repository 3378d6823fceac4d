"""Annex A lists → canonical tables: CIN episodes from Lists 3 and 6, assessments (List 4) and
CP plans (List 7) placed in the child's episodes, and one children row per child.

Annex A has no ids for episodes, assessments or plans, so they are made from the child and the
order of dates: `<child>-R1` is the child's earliest episode, `<child>-A1` its earliest
assessment, `<child>-P1` its earliest CP plan (see `annex_a_xlsx.py` for the whole mapping).
"""

from __future__ import annotations

import polars as pl

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding
from neglect_insight.pipelines.read.annex_a_sheets import MAPPED_LISTS
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES

FILLED_VALUE = Rule(
    "annex_a_xlsx.filled_value", "query",
    "Annex A does not hold every referral value: episodes only in List 6 have source 10 "
    "(unknown) and referrals only in List 3 that are not nfa have primary need N0 (not stated).")
UNKNOWN_SOURCE = "10"  # DfE referral source: unknown
NOT_STATED_NEED = "N0"


def _canonical(stem: str, frame: pl.DataFrame) -> pl.DataFrame:
    """The canonical columns of `stem`, in contract order, all text (absent ones empty)."""
    return frame.select([
        (pl.col(c) if c in frame.columns else pl.lit(None)).cast(pl.String).alias(c)
        for c in EXTRACT_FILES[stem].column_names
    ])


def canonical_tables(frames: dict[int, pl.DataFrame], file: str, findings: list[Finding]
                     ) -> dict[str, pl.DataFrame]:
    """The canonical tables the converted lists (by list number) give, all text."""
    if not frames:
        return {}
    out = {"children": _children(frames)}
    episodes = _episodes(frames, file, findings)
    if episodes is not None:
        out["referrals"] = _canonical("referrals", episodes)
    if 4 in frames:
        assessments = _in_episodes(frames[4], episodes, "A").with_columns(
            assessment_id=pl.col("id"))
        out["assessments"] = _canonical("assessments", assessments)
    if 7 in frames:
        plans = _in_episodes(frames[7], episodes, "P").with_columns(plan_id=pl.col("id"))
        out["cp_plans"] = _canonical("cp_plans", plans)
    return out


def _children(frames: dict[int, pl.DataFrame]) -> pl.DataFrame:
    """One row per child named in a converted list; each value the first non-empty one in
    list order 3, 6, 4, 7 (then sheet order)."""
    details = ["sex", "birth_month", "ethnicity", "disabled"]
    rows = pl.concat([
        frames[n].select("child_id", *details).with_columns(
            list_order=pl.lit(MAPPED_LISTS.index(n)), row_order=pl.int_range(pl.len()))
        for n in MAPPED_LISTS if n in frames
    ]).filter(pl.col("child_id").is_not_null())
    children = (rows.sort("child_id", "list_order", "row_order")
                .group_by("child_id", maintain_order=True)
                .agg(pl.col(c).drop_nulls().first() for c in details))
    return _canonical("children", children)


def _episodes(frames: dict[int, pl.DataFrame], file: str, findings: list[Finding]
              ) -> pl.DataFrame | None:
    """CIN episodes: List 3 referrals and List 6 episodes, one per (child, date), numbered by
    date within the child."""
    key = ["child_id", "referral_date"]
    parts = []
    if 3 in frames:
        parts.append(frames[3].select(*key, "referral_date_value", "source", "nfa")
                     .unique(key, keep="first", maintain_order=True)
                     .with_columns(in_list_3=pl.lit(True)))
    if 6 in frames:
        parts.append(frames[6].select(*key, "referral_date_value", "primary_need",
                                      "closure_date", "closure_reason")
                     .unique(key, keep="first", maintain_order=True)
                     .with_columns(in_list_6=pl.lit(True)))
    if not parts:
        return None
    if len(parts) == 2:
        episodes = parts[0].join(parts[1].drop("referral_date_value"), on=key, how="full",
                                 coalesce=True, nulls_equal=True)
        episodes = episodes.with_columns(
            referral_date_value=pl.col("referral_date").str.to_date(strict=False))
    else:
        episodes = parts[0]
    for name, empty in (("in_list_3", False), ("in_list_6", False), ("source", None),
                        ("nfa", None), ("primary_need", None), ("closure_date", None),
                        ("closure_reason", None)):
        if name not in episodes.columns:
            episodes = episodes.with_columns(pl.lit(empty).alias(name))
    episodes = episodes.with_columns(pl.col("in_list_3", "in_list_6").fill_null(False))
    if len(parts) == 2:  # fill only the gaps between the two lists, never a missing list
        episodes = _fill_gaps(episodes, file, findings)
    return _numbered(episodes, "referral_date_value", "referral_date", "R").rename(
        {"id": "referral_id"})


def _fill_gaps(episodes: pl.DataFrame, file: str, findings: list[Finding]) -> pl.DataFrame:
    only_6 = pl.col("in_list_6") & ~pl.col("in_list_3")
    only_3_not_nfa = pl.col("in_list_3") & ~pl.col("in_list_6") & (pl.col("nfa") == "false")
    sources, needs = episodes.select(only_6.sum(), only_3_not_nfa.sum()).row(0)
    if sources or needs:
        findings.append(finding(FILLED_VALUE, file, message=(
            f"{file}: {sources} episode(s) in List 6 have no referral in List 3 on the child's "
            f"CIN start date: their source is 10 (unknown) and nfa false. {needs} referral(s) "
            "in List 3 that are not nfa have no episode in List 6: their primary need is N0 "
            "(not stated). Check the two lists cover the same children and dates.")))
    return episodes.with_columns(
        source=pl.when(only_6).then(pl.lit(UNKNOWN_SOURCE)).otherwise(pl.col("source")),
        nfa=pl.when(only_6).then(pl.lit("false")).otherwise(pl.col("nfa")),
        primary_need=pl.when(only_3_not_nfa).then(pl.lit(NOT_STATED_NEED))
        .otherwise(pl.col("primary_need")))


def _numbered(frame: pl.DataFrame, by: str, by_text: str, letter: str) -> pl.DataFrame:
    """Sort by child and date and make `id` = `<child>-<letter><n>`, n from 1 within a child."""
    return (frame.sort("child_id", by, by_text, nulls_last=True)
            .with_columns(n=pl.int_range(1, pl.len() + 1).over("child_id"))
            .with_columns(id=pl.concat_str(pl.col("child_id").fill_null(""),
                                           pl.lit(f"-{letter}"), pl.col("n").cast(pl.String))))


def _in_episodes(events: pl.DataFrame, episodes: pl.DataFrame | None, letter: str
                 ) -> pl.DataFrame:
    """Number the assessments or plans by start date within the child and give each the
    child's latest episode starting on or before it (not nfa, if one fits)."""
    events = _numbered(events, "start_date_value", "start_date", letter)
    if episodes is None:
        return events.with_columns(referral_id=pl.lit(None, pl.String))
    candidates = episodes.select("child_id", "referral_id", "nfa",
                                 pl.col("referral_date_value").alias("start_date_value")
                                 ).filter(pl.col("start_date_value").is_not_null()
                                          & pl.col("child_id").is_not_null())
    dated = events.filter(pl.col("start_date_value").is_not_null()
                          & pl.col("child_id").is_not_null()).sort("start_date_value")

    def latest(pool: pl.DataFrame, name: str) -> pl.DataFrame:
        return dated.join_asof(pool.sort("start_date_value").select(
            "child_id", "start_date_value", pl.col("referral_id").alias(name)),
            on="start_date_value", by="child_id", strategy="backward",
            check_sortedness=False).select("id", name)

    not_nfa = candidates.filter(pl.col("nfa").fill_null("false") != "true")
    links = latest(not_nfa, "not_nfa").join(latest(candidates, "any"), on="id")
    return (events.join(links, on="id", how="left")
            .with_columns(referral_id=pl.coalesce("not_nfa", "any"))
            .sort("child_id", "n"))
