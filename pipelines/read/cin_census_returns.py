"""Several CIN census returns in one delivery, read together into one set of canonical tables.

An LA often sends more than one year's return (cin_census_2024.xml and cin_census_2025.xml):
each census holds every episode open at any time in its year, so an episode open across
31 March is in both, and the later return restates it (closed, with later assessments and
plans, or corrected). How they are combined:

- Returns are ordered by collection year (the header's Year, else its ReferenceDate, else what
  its elements show; then by file name). Later in that order is "latest".
- Every record is kept once, from the latest return that has it: an episode is its derived
  referral id (child + referral date + ordinal, the same in every return; see
  cin_census_xml.py), an assessment or CP plan its derived id, a CIN plan its episode, start
  date and ordinal. So an episode closed in a later return is closed, and its assessments and
  plans restated there are taken from there.
- A record that an earlier return has and a later one does not is kept as the earlier return
  has it: the census holds only the assessments and plans open or ended in its year, so one
  ended before the later year is not restated. One still open at the end of the earlier return
  (an open episode; or an assessment not yet authorised, a plan not yet ended, whose episode the
  later return has) should have been restated: it is kept and listed as a query (the LA may
  have deleted it, or changed a date, which changes its id).
- A child's characteristics (sex, birth month, ethnicity, disability) come from the latest
  return that has the child.

Each kept row keeps its own `_source` and `_place`, so a finding names the return it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding
from neglect_insight.pipelines.read import cin_census_xml
from neglect_insight.pipelines.read.cin_census_xml import TABLES, CensusReturn, ReturnSummary

MISSING_LATER = Rule(
    "cin_census_xml.missing_later", "query",
    "An episode, assessment or plan still open at the end of an earlier CIN census return is "
    "not in a later return. It was kept as the earlier return has it; check whether it was "
    "deleted or a date changed.")

RANK = "_return_rank"
RECORD = "_record"
# Each table's record key and the column that is empty while the record is open.
RECORDS = {"referrals": ("referral_id", "closure_date"),
           "assessments": ("assessment_id", "authorised_date"),
           "cin_plans": (RECORD, "end_date"),
           "cp_plans": ("plan_id", "end_date")}
WHAT = {"referrals": "episode", "assessments": "assessment", "cin_plans": "CIN plan",
        "cp_plans": "CP plan"}


@dataclass(frozen=True)
class ReturnsRead:
    tables: dict[str, pl.DataFrame]
    findings: list[Finding]
    summaries: list[ReturnSummary]


def read_all(paths: list[Path]) -> tuple[dict[str, pl.DataFrame], list[Finding]]:
    """The canonical tables of every return together, and the findings: the shape of
    `cin_census_xml.read`, for the official formats registry."""
    combined = read_returns(paths)
    return combined.tables, combined.findings


def read_returns(paths: list[Path]) -> ReturnsRead:
    """Read every return and combine them (module docstring). Raises
    cin_census_xml.XmlReadError, naming the file in `path`, for the first that cannot be read."""
    returns = sorted((cin_census_xml.read_return(path) for path in paths),
                     key=lambda r: (r.summary.collection_year or 0, r.summary.file))
    findings = [f for census in returns for f in census.findings]
    if len(returns) == 1:
        return ReturnsRead(returns[0].tables, findings, [returns[0].summary])
    years = [census.summary.collection_year or 0 for census in returns]
    ranked = {stem: _ranked(returns, stem) for stem in TABLES}
    tables = {"children": _latest(ranked["children"], "child_id")}
    for stem, (key, open_while_empty) in RECORDS.items():
        tables[stem] = _latest(ranked[stem], key)
        findings += _missing_later(stem, tables[stem], open_while_empty, ranked["referrals"],
                                   years, returns)
    return ReturnsRead({stem: tables[stem].drop(RANK, RECORD, strict=False) for stem in TABLES},
                       findings, [r.summary for r in returns])


def _ranked(returns: list[CensusReturn], stem: str) -> pl.DataFrame:
    """One table of every return, with the return's rank (0 = earliest) and, for CIN plans,
    the record key they lack."""
    frame = pl.concat([census.tables[stem].with_columns(pl.lit(rank, pl.Int32).alias(RANK))
                       for rank, census in enumerate(returns)])
    if stem == "cin_plans":
        ordinal = pl.int_range(pl.len()).over(RANK, "referral_id", "start_date") + 1
        frame = frame.with_columns(pl.concat_str(
            "referral_id", pl.lit("/C"), pl.col("start_date").fill_null(""), pl.lit("/"),
            ordinal.cast(pl.String)).alias(RECORD))
    return frame


def _latest(frame: pl.DataFrame, key: str) -> pl.DataFrame:
    """Each record's rows from the latest return that has it (a row without a key is kept)."""
    return frame.filter(pl.col(key).is_null() | (pl.col(RANK) == pl.col(RANK).max().over(key)))


def _missing_later(stem: str, kept: pl.DataFrame, open_while_empty: str,
                   referrals: pl.DataFrame, years: list[int], returns: list[CensusReturn]
                   ) -> list[Finding]:
    """Records open in the latest return that has them although a return of a later year
    should have restated them: for an episode any later year's return, for an assessment or
    plan a later year's return that has its episode."""
    not_last_year = [rank for rank, year in enumerate(years) if year < max(years)]
    candidates = kept.filter(pl.col(open_while_empty).is_null()
                             & pl.col(RANK).is_in(not_last_year))
    if candidates.is_empty():
        return []
    episodes_in = referrals.group_by("referral_id").agg(pl.col(RANK).alias("_in"))
    findings = []
    for row in candidates.join(episodes_in, on="referral_id", how="left").iter_rows(named=True):
        rank = row[RANK]
        later = [r for r in range(rank + 1, len(returns)) if years[r] > years[rank]
                 and (stem == "referrals" or r in (row["_in"] or []))]
        if later:
            findings.append(_missing(stem, row, returns[later[0]].summary.file))
    return findings


def _missing(stem: str, row: dict, later_file: str) -> Finding:
    what, source = WHAT[stem], row["_source"]
    date_column = "referral_date" if stem == "referrals" else "start_date"
    return finding(MISSING_LATER, source, column=RECORDS[stem][0].strip("_"), message=(
        f"{source}, {row['_place']}: child {row['child_id']}'s {what} dated {row[date_column]} "
        f"is open at the end of this return but is not in the later return {later_file}. It "
        f"was kept as {source} has it; check whether it was deleted or a date changed."),
        source=source, place=row["_place"], child_id=row["child_id"])
