"""Place Annex A assessments and plans in the child's CIN episodes: Annex A gives no referral id,
so each one is linked to the child's referral whose episode contains its start date.

    1. an episode of the child with referral date <= start <= closure date (or still open);
       an nfa referral with no closure date counts as closed on its referral date, and a
       containing episode that is not nfa is preferred; among several, the latest referral
    2. else the child's latest referral on or before the start (an episode closed before it)
    3. else it cannot be placed: a query finding names the sheet and row, and the row is left
       out of its canonical table (a missing child id or a start date that cannot be read
       cannot be placed either)

Ids: `<child>/<date>/<n>`, n the ordinal among the child's rows of one kind on that date in
sheet order, as for CIN census referrals; assessments, CP plans and early help episodes carry a
letter before n (`C01/2024-10-08/A1`, `P1`, `EH1`), so their ids do not change when a referral
is added or the link changes.
"""

from __future__ import annotations

import polars as pl

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding

UNLINKED = Rule(
    "annex_a_xlsx.unlinked", "query",
    "A row of the Annex A workbook could not be placed in one of the child's referrals (no "
    "referral of that child in List 3 or List 6 on or before its start date), so it was left "
    "out. Add the child's referral to the workbook, or correct the child id or date.")
PREFERENCE = "_preference"  # 2 contains and not nfa, 1 contains, 0 only earlier


def numbered(frame: pl.DataFrame, date: str, letter: str = "") -> pl.DataFrame:
    """`n`, the ordinal among the child's rows on the same `date` (in sheet order), and `id`,
    `<child>/<date>/<letter><n>`."""
    frame = frame.with_columns(n=pl.int_range(1, pl.len() + 1).over("child_id", date))
    return frame.with_columns(id=pl.concat_str(
        pl.col("child_id").fill_null(""), pl.lit("/"), pl.col(date).fill_null(""),
        pl.lit(f"/{letter}"), pl.col("n").cast(pl.String)))


def link(events: pl.DataFrame, episodes: pl.DataFrame | None, what: str, canonical_file: str,
         file: str, findings: list[Finding]) -> pl.DataFrame:
    """`events` (child_id, start_date_value, sheet_row, _place, ...) with `referral_id`, those
    that cannot be placed left out and reported. `episodes` has referral_id, child_id,
    referral_date_value, closure_date_value, nfa and n."""
    events = events.with_row_index("_event")
    if episodes is None:
        links = pl.DataFrame(schema={"_event": pl.UInt32, "referral_id": pl.String})
    else:
        links = _best_links(events, episodes)
    linked = events.join(links, on="_event", how="left")
    for row in linked.filter(pl.col("referral_id").is_null()).iter_rows(named=True):
        findings.append(_unlinked(row, what, canonical_file, file))
    return linked.filter(pl.col("referral_id").is_not_null()).drop("_event")


def _best_links(events: pl.DataFrame, episodes: pl.DataFrame) -> pl.DataFrame:
    is_nfa = pl.col("nfa").fill_null("false") == "true"
    candidates = episodes.filter(pl.col("child_id").is_not_null()
                                 & pl.col("referral_date_value").is_not_null()).select(
        "child_id", "referral_id", "n", is_nfa.alias("is_nfa"),
        pl.col("referral_date_value").alias("opened"),
        pl.when(pl.col("closure_date_value").is_null() & is_nfa)
        .then(pl.col("referral_date_value")).otherwise(pl.col("closure_date_value"))
        .alias("closed"))
    start = pl.col("start_date_value")
    contains = pl.col("closed").is_null() | (start <= pl.col("closed"))
    pairs = (events.select("_event", "child_id", "start_date_value")
             .filter(pl.col("child_id").is_not_null() & start.is_not_null())
             .join(candidates, on="child_id")
             .filter(pl.col("opened") <= start)
             .with_columns(pl.when(contains & ~pl.col("is_nfa")).then(2)
                           .when(contains).then(1).otherwise(0).alias(PREFERENCE)))
    return (pairs.sort(PREFERENCE, "opened", "n", descending=True)
            .group_by("_event").agg(pl.col("referral_id").first()))


def _unlinked(row: dict, what: str, canonical_file: str, file: str) -> Finding:
    child, place = row["child_id"], row["_place"]
    if child is None:
        why = "it has no child id"
    elif row["start_date_value"] is None:
        why = "its start date is empty or not a date"
    else:
        why = (f"child {child} has no referral in List 3 or List 6 on or before "
               f"{row['start_date_value']:%d %B %Y}")
    return finding(UNLINKED, file, row["sheet_row"], source=file, place=place, child_id=child,
                   message=(
        f"{file}, {place}: this {what} cannot be placed in one of the child's referrals: "
        f"{why}. It was left out of {canonical_file}. Add the child's referral to the "
        "workbook, or correct the child id or date."))
