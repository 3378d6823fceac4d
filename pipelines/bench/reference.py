"""The core indicators written as an analyst would, in plain pandas from the delivery's CSVs,
straight from the definitions in indicators.md: the benchmark sets them beside the engine's
figures (same run, same data) to check both give the same numbers and to measure the speed
ratio. Nothing here is shared with the engine or the SQL, on purpose.

Each function takes the frames `read_frames` returns and the period, and gives
(numerator, denominator) — denominator None for a count.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd

Frames = dict[str, pd.DataFrame]
Figure = tuple[int, int | None]

# file -> its date columns
FILES = {
    "early_help.csv": ["start_date", "end_date"],
    "referrals.csv": ["referral_date", "closure_date"],
    "assessments.csv": ["start_date", "authorised_date"],
    "cp_plans.csv": ["start_date", "end_date"],
    "attendance.csv": [],
}


def read_frames(delivery: Path) -> Frames:
    """The CSVs the reference needs, ids as text and dates parsed."""
    frames = {}
    for name, dates in FILES.items():
        frame = pd.read_csv(delivery / name, dtype=str, keep_default_na=False)
        for column in dates:
            frame[column] = pd.to_datetime(frame[column].replace("", None), format="%Y-%m-%d")
        frames[name] = frame
    frames["attendance.csv"] = frames["attendance.csv"].astype(
        {"possible_sessions": "int64", "absence_sessions": "int64"})
    return frames


def period_start(end: date, months: int = 12) -> pd.Timestamp:
    """The `months` months ending on `end` start on (end + 1 day) - months (indicators.md)."""
    return pd.Timestamp(end) + pd.Timedelta(days=1) - pd.DateOffset(months=months)


def value(numerator: int, denominator: int | None, scale: int = 100) -> float | None:
    """indicators.md: a count's value is its numerator; a rate is scale × num / den, rounded
    half up to one decimal."""
    if denominator is None:
        return float(numerator)
    if denominator == 0:
        return None
    exact = Decimal(scale) * Decimal(numerator) / Decimal(denominator)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _open(frame: pd.DataFrame, start_col: str, end_col: str, start, end) -> pd.Series:
    """Open in [start, end]: started on or before end, not ended before start."""
    return (frame[start_col] <= end) & (frame[end_col].isna() | (frame[end_col] >= start))


def _has_neglect(factors: pd.Series) -> pd.Series:
    return factors.str.upper().str.split(";").apply(
        lambda codes: "16A" in [c.strip() for c in codes])


def _neglect_children(f: Frames, end: date) -> tuple[set, set, set]:
    """Children with an EH neglect episode, a CIN neglect episode and a CP neglect plan open in
    the 12 months to `end`."""
    start, stop = period_start(end), pd.Timestamp(end)
    eh = f["early_help.csv"]
    eh = eh[_open(eh, "start_date", "end_date", start, stop) & _has_neglect(eh["factors"])]
    refs = f["referrals.csv"]
    refs = refs[(refs["nfa"].str.lower() == "false")
                & _open(refs, "referral_date", "closure_date", start, stop)]
    assessed = f["assessments.csv"]
    assessed = assessed[(assessed["authorised_date"] <= stop) & _has_neglect(assessed["factors"])]
    cin = refs[refs["referral_id"].isin(assessed["referral_id"])]
    cp = f["cp_plans.csv"]
    category = cp["latest_category"].where(cp["latest_category"] != "", cp["initial_category"])
    cp = cp[(category.str.upper() == "NEG") & _open(cp, "start_date", "end_date", start, stop)]
    return set(eh["child_id"]), set(cin["child_id"]), set(cp["child_id"])


def neglect_children_total(f: Frames, end: date) -> Figure:
    eh, cin, cp = _neglect_children(f, end)
    return len(eh | cin | cp), None


def neglect_children_cp(f: Frames, end: date) -> Figure:
    _eh, _cin, cp = _neglect_children(f, end)
    return len(cp), None


def neglect_children_cin(f: Frames, end: date) -> Figure:
    _eh, cin, cp = _neglect_children(f, end)
    return len(cin - cp), None


def neglect_children_eh(f: Frames, end: date) -> Figure:
    eh, cin, cp = _neglect_children(f, end)
    return len(eh - cin - cp), None


def rereferral_12m(f: Frames, end: date) -> Figure:
    """Of referrals in the period, those whose child has another referral dated in
    [referral_date - 12 months, referral_date)."""
    refs = f["referrals.csv"][["referral_id", "child_id", "referral_date"]]
    start, stop = period_start(end), pd.Timestamp(end)
    in_period = refs[(refs["referral_date"] >= start) & (refs["referral_date"] <= stop)]
    pairs = in_period.merge(refs, on="child_id", suffixes=("", "_earlier"))
    window = pairs["referral_date"] - pd.DateOffset(months=12)
    earlier = pairs[(pairs["referral_date_earlier"] >= window)
                    & (pairs["referral_date_earlier"] < pairs["referral_date"])]
    return earlier["referral_id"].nunique(), len(in_period)


def cpp_second_or_subsequent(f: Frames, end: date) -> Figure:
    """Of plans starting in the period, those whose child had a plan starting earlier, or whose
    previous_plans is above 0."""
    plans = f["cp_plans.csv"]
    start, stop = period_start(end), pd.Timestamp(end)
    starting = plans[(plans["start_date"] >= start) & (plans["start_date"] <= stop)]
    first_start = plans.groupby("child_id")["start_date"].min()
    had_earlier = starting["start_date"] > starting["child_id"].map(first_start)
    previous = 0
    if "previous_plans" in starting:  # an optional column
        previous = pd.to_numeric(starting["previous_plans"], errors="coerce").fillna(0)
    return int((had_earlier | (previous > 0)).sum()), len(starting)


def cpp_ended_within_3m(f: Frames, end: date) -> Figure:
    """Of plans ending in the period, those ending on or before start + 3 months."""
    plans = f["cp_plans.csv"]
    start, stop = period_start(end), pd.Timestamp(end)
    ending = plans[(plans["end_date"] >= start) & (plans["end_date"] <= stop)]
    limit = ending["start_date"].apply(lambda d: d + pd.DateOffset(months=3))
    return int((ending["end_date"] <= limit).sum()), len(ending)


def academic_year(end: date) -> tuple[str, pd.Timestamp, pd.Timestamp]:
    """The academic year (1 September to 31 August) containing `end`, as `YYYY/YY`."""
    first = end.year if end.month >= 9 else end.year - 1
    return (f"{first}/{str(first + 1)[-2:]}", pd.Timestamp(first, 9, 1),
            pd.Timestamp(first + 1, 8, 31))


def _absence(f: Frames, end: date, children: set) -> Figure:
    year, _start, _stop = academic_year(end)
    rows = f["attendance.csv"]
    rows = rows[(rows["academic_year"] == year) & rows["child_id"].isin(children)]
    return int(rows["absence_sessions"].sum()), int(rows["possible_sessions"].sum())


def attendance_absence_rate_cin(f: Frames, end: date) -> Figure:
    """Children in a non-nfa CIN episode open at any time in the academic year."""
    _year, start, stop = academic_year(end)
    refs = f["referrals.csv"]
    cohort = refs[(refs["nfa"].str.lower() == "false")
                  & _open(refs, "referral_date", "closure_date", start, stop)]
    return _absence(f, end, set(cohort["child_id"]))


def attendance_absence_rate_cp(f: Frames, end: date) -> Figure:
    """Children with a CP plan open at any time in the academic year."""
    _year, start, stop = academic_year(end)
    plans = f["cp_plans.csv"]
    cohort = plans[_open(plans, "start_date", "end_date", start, stop)]
    return _absence(f, end, set(cohort["child_id"]))


INDICATORS: dict[str, Callable[[Frames, date], Figure]] = {
    f.__name__: f for f in (
        neglect_children_total, neglect_children_cp, neglect_children_cin, neglect_children_eh,
        rereferral_12m, cpp_second_or_subsequent, cpp_ended_within_3m,
        attendance_absence_rate_cin, attendance_absence_rate_cp)
}


def figures(f: Frames, end: date, indicator_id: str) -> dict:
    numerator, denominator = INDICATORS[indicator_id](f, end)
    return {"numerator": numerator, "denominator": denominator,
            "value": value(numerator, denominator)}
