"""Annex A lists → canonical tables: CIN episodes from Lists 3 and 6, assessments (List 4), CP
plans (List 7) and CIN plans (List 6's plan dates) placed in the child's episodes
(`annex_a_links.py`), early help episodes (List 2, when it has an end date column) and one
children row per child (see `annex_a_xlsx.py` for the whole mapping).

Every table carries `_source` (the workbook's name) and `_place` (`sheet List 3, row 14`: the
sheet's own name and the row as Excel numbers it); a referral in both List 3 and List 6 is
placed by its List 3 row, a child by the first row naming it (lists in DETAIL_ORDER).
"""

from __future__ import annotations

import polars as pl

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding
from neglect_insight.pipelines.read.annex_a_links import link, numbered
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES

FILLED_VALUE = Rule(
    "annex_a_xlsx.filled_value", "query",
    "Annex A does not hold every referral value: episodes only in List 6 have source 10 "
    "(unknown) and referrals only in List 3 that are not nfa have primary need N0 (not stated).")
FILLED_END_REASON = Rule(
    "annex_a_xlsx.filled_end_reason", "query",
    "Early help episodes that ended have no end reason in List 2; their end reason is `other`.")
UNKNOWN_SOURCE = "10"  # DfE referral source: unknown
NOT_STATED_NEED = "N0"
DETAIL_ORDER = (3, 6, 4, 7, 2, 5)  # where a child's details are taken from first
LOCATION = ["_source", "_place"]


def canonical_tables(frames: dict[int, pl.DataFrame], file: str, findings: list[Finding]
                     ) -> dict[str, pl.DataFrame]:
    """The canonical tables the lists (frames by list number) give, all text, each with its
    location columns."""
    if not frames:
        return {}
    out = {"children": _children(frames)}
    episodes = _episodes(frames, file, findings)
    if episodes is not None:
        out["referrals"] = episodes
    if 4 in frames:
        assessments = numbered(frames[4], "start_date", "A").rename({"id": "assessment_id"})
        out["assessments"] = link(assessments, episodes, "assessment", "assessments.csv", file,
                                  findings)
    if 6 in frames and frames[6]["plan_start_date"].is_not_null().any():
        plans = frames[6].filter(pl.col("plan_start_date").is_not_null()).select(
            "sheet_row", "_place", "child_id", pl.col("plan_start_date").alias("start_date"),
            pl.col("plan_start_date_value").alias("start_date_value"),
            pl.col("plan_end_date").alias("end_date"))
        out["cin_plans"] = link(plans, episodes, "CIN plan", "cin_plans.csv", file, findings)
    if 7 in frames:
        plans = numbered(frames[7], "start_date", "P").rename({"id": "plan_id"})
        out["cp_plans"] = link(plans, episodes, "CP plan", "cp_plans.csv", file, findings)
    if 2 in frames and "start_date" in frames[2].columns:
        out["early_help"] = _early_help(frames[2], file, findings)
    return {stem: _canonical(stem, frame, file) for stem, frame in out.items()}


def _canonical(stem: str, frame: pl.DataFrame, file: str) -> pl.DataFrame:
    """The canonical columns of `stem` in contract order (absent ones empty), then the
    location columns; all text, in the order of child, date and ordinal."""
    order = [c for c in ("child_id", "referral_date", "start_date", "n") if c in frame.columns]
    if order:
        frame = frame.sort(order, nulls_last=True, maintain_order=True)
    return frame.with_columns(_source=pl.lit(file)).select(
        [(pl.col(c) if c in frame.columns else pl.lit(None)).cast(pl.String).alias(c)
         for c in EXTRACT_FILES[stem].column_names] + LOCATION)


def _children(frames: dict[int, pl.DataFrame]) -> pl.DataFrame:
    """One row per child named in a list; each value the first non-empty one in list order
    DETAIL_ORDER (then sheet order)."""
    details = ["sex", "birth_month", "ethnicity", "disabled"]
    rows = pl.concat([
        frames[n].select("child_id", "_place", *details).with_columns(
            list_order=pl.lit(DETAIL_ORDER.index(n)), row_order=pl.int_range(pl.len()))
        for n in DETAIL_ORDER if n in frames
    ]).filter(pl.col("child_id").is_not_null())
    return (rows.sort("child_id", "list_order", "row_order")
            .group_by("child_id", maintain_order=True)
            .agg(pl.col("_place").first(), *(pl.col(c).drop_nulls().first() for c in details)))


def _episodes(frames: dict[int, pl.DataFrame], file: str, findings: list[Finding]
              ) -> pl.DataFrame | None:
    """CIN episodes: List 3 referrals and List 6 episodes; the n-th row of a child on one date
    in List 3 and the n-th in List 6 are one episode."""
    key = ["child_id", "referral_date", "n"]
    parts = []
    if 3 in frames:
        parts.append(numbered(frames[3], "referral_date").select(
            *key, "referral_date_value", "source", "nfa", pl.col("_place").alias("_place_3"),
            in_list_3=pl.lit(True)))
    if 6 in frames:
        parts.append(numbered(frames[6], "referral_date").select(
            *key, pl.col("referral_date_value").alias("date_6"), "primary_need",
            "closure_date", "closure_date_value", "closure_reason",
            pl.col("_place").alias("_place_6"), in_list_6=pl.lit(True)))
    if not parts:
        return None
    episodes = parts[0] if len(parts) == 1 else parts[0].join(
        parts[1], on=key, how="full", coalesce=True, nulls_equal=True)
    for name, dtype in (("in_list_3", pl.Boolean), ("in_list_6", pl.Boolean),
                        ("referral_date_value", pl.Date), ("date_6", pl.Date),
                        ("closure_date_value", pl.Date), ("_place_3", pl.String),
                        ("_place_6", pl.String), ("source", pl.String), ("nfa", pl.String),
                        ("primary_need", pl.String), ("closure_date", pl.String),
                        ("closure_reason", pl.String)):
        if name not in episodes.columns:
            episodes = episodes.with_columns(pl.lit(None, dtype).alias(name))
    episodes = episodes.with_columns(
        pl.col("in_list_3", "in_list_6").fill_null(False),
        referral_date_value=pl.coalesce("referral_date_value", "date_6"),
        _place=pl.coalesce("_place_3", "_place_6"))
    if len(parts) == 2:  # fill only the gaps between the two lists, never a missing list
        episodes = _fill_gaps(episodes, file, findings)
    return episodes.with_columns(referral_id=pl.concat_str(
        pl.col("child_id").fill_null(""), pl.lit("/"), pl.col("referral_date").fill_null(""),
        pl.lit("/"), pl.col("n").cast(pl.String)))


def _fill_gaps(episodes: pl.DataFrame, file: str, findings: list[Finding]) -> pl.DataFrame:
    only_6 = pl.col("in_list_6") & ~pl.col("in_list_3")
    only_3_not_nfa = pl.col("in_list_3") & ~pl.col("in_list_6") & (pl.col("nfa") == "false")
    sources, needs = episodes.select(only_6.sum(), only_3_not_nfa.sum()).row(0)
    if sources or needs:
        findings.append(finding(FILLED_VALUE, file, source=file, message=(
            f"{file}: {sources} episode(s) in List 6 have no referral in List 3 on the child's "
            f"CIN start date: their source is 10 (unknown) and nfa false. {needs} referral(s) "
            "in List 3 that are not nfa have no episode in List 6: their primary need is N0 "
            "(not stated). Check the two lists cover the same children and dates.")))
    return episodes.with_columns(
        source=pl.when(only_6).then(pl.lit(UNKNOWN_SOURCE)).otherwise(pl.col("source")),
        nfa=pl.when(only_6).then(pl.lit("false")).otherwise(pl.col("nfa")),
        primary_need=pl.when(only_3_not_nfa).then(pl.lit(NOT_STATED_NEED))
        .otherwise(pl.col("primary_need")))


def _early_help(rows: pl.DataFrame, file: str, findings: list[Finding]) -> pl.DataFrame:
    """List 2 rows as early help episodes (only when the list has an end date column): no
    factors (Annex A has none); an ended episode without an end reason ends `other`."""
    ended_without_reason = pl.col("end_date").is_not_null() & pl.col("end_reason").is_null()
    filled = rows.select(ended_without_reason.sum()).item()
    if filled:
        findings.append(finding(FILLED_END_REASON, file, source=file, message=(
            f"{file}: {filled} early help episode(s) in List 2 have an end date but no end "
            "reason: their end reason is `other`.")))
    return numbered(rows, "start_date", "EH").rename({"id": "episode_id"}).with_columns(
        end_reason=pl.when(ended_without_reason).then(pl.lit("other"))
        .otherwise(pl.col("end_reason")))
