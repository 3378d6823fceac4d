"""`neglect-insight bench` (issue 11): the smoke test at `small` scale (the JSON shape of
interface.md, "bench JSON", and both implementations of every core indicator agreeing), the
ingest part of each progress message, and the plain-pandas reference on a hand-made delivery.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from neglect_insight.pipelines.bench import reference
from neglect_insight.pipelines.bench.child import _part_of
from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.indicators.catalogue import catalogue

CORE = {"neglect_children_total", "neglect_children_cp", "neglect_children_cin",
        "neglect_children_eh", "rereferral_12m", "cpp_second_or_subsequent",
        "cpp_ended_within_3m", "attendance_absence_rate_cin", "attendance_absence_rate_cp"}
STEP_KEYS = {"min_s", "median_s", "runs", "peak_rss_mib"}


def test_bench_small_smoke(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(app, ["bench", "--scale", "small", "--runs", "1",
                                      "--cache", str(tmp_path / "cache"), "--json", str(out)])
    assert result.exit_code == 0, result.output
    bench = json.loads(out.read_text())
    assert {"scale", "seed", "machine", "rows", "rows_total", "db_bytes", "steps", "floor",
            "ingest_over_floor", "reference"} <= set(bench)
    assert (bench["scale"], bench["seed"]) == ("small", 1)
    assert {"cores", "memory_gib", "python"} <= set(bench["machine"])
    assert bench["rows_total"] == sum(bench["rows"].values()) > 0
    assert "children.csv" in bench["rows"]
    assert bench["db_bytes"] > 0
    steps = bench["steps"]
    assert {"synth", "ingest", "indicators_period", "trend_all_quarters"} <= set(steps)
    assert any(name.startswith("ingest.") for name in steps)
    for name, step in steps.items():
        assert set(step) == STEP_KEYS, name
        assert 0 <= step["min_s"] <= step["median_s"], name
        assert step["runs"] == 1, name
    for name in ("synth", "ingest", "indicators_period", "trend_all_quarters"):
        assert steps[name]["peak_rss_mib"] > 0, name
    # the ingest parts account for the whole ingest (each part is a slice of one clock)
    parts = sum(s["median_s"] for n, s in steps.items() if n.startswith("ingest."))
    assert parts == pytest.approx(steps["ingest"]["median_s"], abs=0.01)
    assert 0 < bench["floor"]["min_s"] <= bench["floor"]["median_s"]
    assert bench["ingest_over_floor"] == pytest.approx(
        steps["ingest"]["median_s"] / bench["floor"]["median_s"], abs=0.06)
    assert set(bench["reference"]) == CORE
    for indicator_id, r in bench["reference"].items():
        assert set(r) == {"ours_s", "pandas_s", "speedup", "agree"}
        assert r["agree"], (indicator_id, bench["reference_figures"][indicator_id])
    assert bench["parquet_same_numbers"]  # the load read back from Parquet gives the same
    assert "pages" not in bench  # only with --pages
    # every indicator beside England's published figure (the synthetic data's calibration)
    assert set(bench["indicators"]) == set(catalogue())
    assert bench["indicators"]["rereferral_12m"]["england"] == 22.6
    assert "Re-referrals within 12 months" in result.output
    assert "Same numbers" in result.output


@pytest.mark.parametrize(("message", "current", "part"), [
    ("Reading children.csv", "read", "read"),
    ("Looking for names, addresses, NHS numbers and other direct identifiers", "read",
     "identifiers"),
    ("Checking dates, whole numbers and true/false columns", "identifiers", "types"),
    ("Checking children.csv against its data contract", "types", "contracts"),
    ("Checking referrals.csv against its data contract", "contracts", "contracts"),
    ("Checking rules across files", "contracts", "cross_file"),
    ("Checking children.csv", "read", "read"),  # a "Checking" while reading stays in read
    ("Building models", "cross_file", "models"),
    ("Switched to the new load", "models", "finish"),
    ("Looking for names", "models", "models"),  # parts only move forward
])
def test_ingest_part_of_each_progress_message(message: str, current: str, part: str) -> None:
    assert _part_of(message, current) == part


def _frame(rows: list[dict], dates: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, dtype=str)
    for column in dates:
        frame[column] = pd.to_datetime(frame[column].replace("", None), format="%Y-%m-%d")
    return frame


@pytest.fixture
def frames() -> reference.Frames:
    """A hand-made delivery; the period is the 12 months 2024-04-01 to 2025-03-31."""
    early_help = _frame([  # c1: EH neglect (and CIN neglect); c4: EH neglect only
        {"episode_id": "e1", "child_id": "c1", "start_date": "2024-05-01", "end_date": "",
         "factors": "16A;2B"},
        {"episode_id": "e2", "child_id": "c4", "start_date": "2023-01-01",
         "end_date": "2024-04-01", "factors": "16a"},  # ends on period start: open in it
        {"episode_id": "e3", "child_id": "c5", "start_date": "2023-01-01",
         "end_date": "2024-03-31", "factors": "16A"},  # ended before the period
        {"episode_id": "e4", "child_id": "c6", "start_date": "2024-06-01", "end_date": "",
         "factors": "16"},  # not neglect
    ], ["start_date", "end_date"])
    referrals = _frame([
        {"referral_id": "r1", "child_id": "c1", "referral_date": "2024-02-10",
         "nfa": "false", "closure_date": ""},
        {"referral_id": "r2", "child_id": "c1", "referral_date": "2025-02-10",
         "nfa": "true", "closure_date": "2025-02-10"},  # r1 within 12 months: re-referral
        {"referral_id": "r3", "child_id": "c2", "referral_date": "2024-06-01",
         "nfa": "false", "closure_date": ""},
        {"referral_id": "r4", "child_id": "c2", "referral_date": "2024-06-01",
         "nfa": "true", "closure_date": "2024-06-01"},  # same day as r3: neither re-refers
        {"referral_id": "r5", "child_id": "c3", "referral_date": "2023-06-01",
         "nfa": "true", "closure_date": "2023-06-01"},
        {"referral_id": "r6", "child_id": "c3", "referral_date": "2024-06-01",
         "nfa": "false", "closure_date": ""},  # r5 exactly 12 months before: re-referral
        {"referral_id": "r7", "child_id": "c3", "referral_date": "2025-06-02",
         "nfa": "false", "closure_date": ""},  # after the period
    ], ["referral_date", "closure_date"])
    assessments = _frame([
        {"assessment_id": "a1", "referral_id": "r1", "child_id": "c1",
         "start_date": "2024-02-11", "authorised_date": "2024-03-01", "factors": "16A"},
        {"assessment_id": "a2", "referral_id": "r3", "child_id": "c2",
         "start_date": "2024-06-02", "authorised_date": "2025-04-01", "factors": "16A"},
        {"assessment_id": "a3", "referral_id": "r6", "child_id": "c3",
         "start_date": "2024-06-02", "authorised_date": "2024-07-01", "factors": "16A"},
    ], ["start_date", "authorised_date"])
    cp_plans = _frame([
        {"plan_id": "p1", "child_id": "c3", "start_date": "2024-11-30",
         "end_date": "2025-02-28", "initial_category": "NEG", "latest_category": "",
         "previous_plans": "0"},  # ends on start + 3 months (month end clamped): early
        {"plan_id": "p2", "child_id": "c3", "start_date": "2025-02-28", "end_date": "",
         "initial_category": "EMO", "latest_category": "", "previous_plans": ""},
        {"plan_id": "p3", "child_id": "c2", "start_date": "2024-04-01",
         "end_date": "2024-07-02", "initial_category": "PHY", "latest_category": "NEG",
         "previous_plans": "1"},  # ends a day after start + 3 months
    ], ["start_date", "end_date"])
    attendance = pd.DataFrame([
        {"child_id": "c1", "academic_year": "2024/25", "possible_sessions": 100,
         "absence_sessions": 10},
        {"child_id": "c2", "academic_year": "2024/25", "possible_sessions": 50,
         "absence_sessions": 25},
        {"child_id": "c3", "academic_year": "2024/25", "possible_sessions": 60,
         "absence_sessions": 3},
        {"child_id": "c3", "academic_year": "2023/24", "possible_sessions": 60,
         "absence_sessions": 60},  # another academic year
    ])
    return {"early_help.csv": early_help, "referrals.csv": referrals,
            "assessments.csv": assessments, "cp_plans.csv": cp_plans,
            "attendance.csv": attendance}


# Worked by hand from the fixture's comments:
# EH neglect open: c1, c4. CIN neglect (not nfa, open, 16A authorised by 2025-03-31): r1 (c1),
# r6 (c3); r3's assessment is authorised after the period end. CP neglect open: p1 (c3), p3 (c2,
# latest NEG). Total {c1, c2, c3, c4} = 4; CP {c2, c3} = 2; CIN {c1} = 1; EH {c4} = 1.
# Referrals in the period: r2, r3, r4, r6 = 4; re-referrals r2 (r1), r6 (r5) = 2 -> 50.0.
# Plans starting: p1, p2, p3; second or subsequent p2 (p1 earlier), p3 (previous_plans 1): 2/3
# -> 66.7. Plans ending: p1 (early), p3 (not): 1/2 -> 50.0.
# Attendance 2024/25, CIN cohort (not nfa, open Sep 2024-Aug 2025): r1 c1, r3 c2, r6 c3:
# (10+25+3)/(100+50+60) = 38/210 -> 18.1. CP cohort (open in that year): c3 (p1, p2) only,
# c2's p3 ended 2024-07-02, before 1 Sep 2024: 3/60 -> 5.0.
GOLDEN = {
    "neglect_children_total": (4, None, 4.0), "neglect_children_cp": (2, None, 2.0),
    "neglect_children_cin": (1, None, 1.0), "neglect_children_eh": (1, None, 1.0),
    "rereferral_12m": (2, 4, 50.0), "cpp_second_or_subsequent": (2, 3, 66.7),
    "cpp_ended_within_3m": (1, 2, 50.0), "attendance_absence_rate_cin": (38, 210, 18.1),
    "attendance_absence_rate_cp": (3, 60, 5.0),
}


@pytest.mark.parametrize("indicator_id", sorted(GOLDEN))
def test_reference_by_hand(frames: reference.Frames, indicator_id: str) -> None:
    got = reference.figures(frames, date(2025, 3, 31), indicator_id)
    assert (got["numerator"], got["denominator"], got["value"]) == GOLDEN[indicator_id]
