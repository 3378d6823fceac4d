"""Golden test for the practice family (indicators.md, "Practice on neglect").

The rows and every answer below, worked out by hand, are in tests/fixtures/practice/README.md:
previous-GCP2 ties on the same day, a rescore exactly 12 months after, an earlier GCP2 just over
12 months before, a rescore across 29 February, an audit with no child and audits on the period
bounds. Periods: 12 months [2024-04-01, 2025-03-31] and the quarter [2025-01-01, 2025-03-31].
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.indicators.engine import (
    breakdown,
    compute,
    family_ids,
    rows_behind,
)
from neglect_insight.pipelines.ingest import ingest_delivery
from neglect_insight.pipelines.load.database import connect_read_only
from tests.helpers import build_load, triples

FIXTURE = Path(__file__).parents[2] / "fixtures" / "practice"
FILES = {path.stem: path.read_text() for path in sorted(FIXTURE.glob("*.csv"))}
END = date(2025, 3, 31)
IDS = ["gcp2_completed", "gcp2_neglect_coverage", "gcp2_rescored", "gcp2_improved",
       "audits_neglect", "audits_neglect_good"]

TWELVE_MONTHS = {
    "gcp2_completed": (8, None, 8),
    "gcp2_neglect_coverage": (3, 4, 75.0),
    "gcp2_rescored": (5, None, 5),
    "gcp2_improved": (3, 5, 60.0),
    "audits_neglect": (5, None, 5),
    "audits_neglect_good": (3, 5, 60.0),
}
QUARTER = {
    "gcp2_completed": (5, None, 5),
    "gcp2_neglect_coverage": (2, 3, 66.7),
    "gcp2_rescored": (4, None, 4),
    "gcp2_improved": (2, 4, 50.0),
    "audits_neglect": (3, None, 3),
    "audits_neglect_good": (2, 3, 66.7),
}


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    return build_load(tmp_path_factory.mktemp("practice"), FILES)


def test_family_covers_the_six_spec_ids():
    assert family_ids("practice") == IDS


def test_twelve_months_match_hand_worked_answers(conn):
    assert triples(compute(conn, END, ids=IDS)) == TWELVE_MONTHS


def test_quarter_matches_hand_worked_answers(conn):
    assert triples(compute(conn, END, months=3, ids=IDS)) == QUARTER


def test_coverage_denominator_is_neglect_children_total(conn):
    for months in (12, 3):
        values = compute(conn, END, months=months,
                         ids=["neglect_children_total", "gcp2_neglect_coverage"])
        assert values["gcp2_neglect_coverage"].denominator == \
            values["neglect_children_total"].numerator


def test_previous_gcp2_ties_and_twelve_month_bounds(conn):
    rows = conn.execute("select assessment_id, previous_assessment_id, is_rescore, is_improved "
                        "from gcp2_history order by assessment_id").fetchall()
    assert rows == [
        ("g10", None, False, False), ("g11", "g10", True, True),  # same day: g10 first
        ("g12", "g11", True, False),
        ("g20", None, False, False), ("g21", "g20", True, True),  # exactly 12 months
        ("g30", None, False, False), ("g31", "g30", False, False),  # 12 months and a day
        ("g32", "g31", True, True),
        ("g40", None, False, False), ("g41", "g40", True, False),  # 29 Feb, months clamp
        ("g50", None, False, False), ("g60", None, False, False),
    ]


def test_rows_behind_each_number(conn):
    def behind(indicator_id, months=12):
        rows = rows_behind(conn, indicator_id, END, months).to_pylist()
        return sorted((r["record_id"], r["child_id"], r["numerator"]) for r in rows)

    assert behind("gcp2_improved") == [("g11", "c1", 1), ("g12", "c1", 0), ("g21", "c3", 1),
                                       ("g32", "c4", 1), ("g41", "c2", 0)]
    assert behind("gcp2_neglect_coverage", 3) == [("c1", "c1", 1), ("c4", "c4", 1),
                                                  ("c6", "c6", 0)]
    audits = rows_behind(conn, "audits_neglect", END).to_pylist()
    assert sorted((r["record_id"], r["child_id"], r["sex"]) for r in audits) == [
        ("au2", "c1", "F"), ("au4", None, "Not applicable"), ("au5", "c4", "M"),
        ("au6", None, "Not applicable"), ("au7", "c6", "M")]


def test_breakdowns_put_audits_without_a_child_as_not_applicable(conn):
    by_sex = breakdown(conn, "audits_neglect", "sex", END)
    assert [(part, v.numerator) for part, v in by_sex] == [
        ("F", 1), ("M", 2), ("Not applicable", 2)]
    by_locality = breakdown(conn, "gcp2_completed", "locality", END)
    assert [(part, v.numerator) for part, v in by_locality] == [("North", 5), ("South", 3)]


def test_without_the_files_the_figures_say_not_supplied(tmp_path):
    without = {stem: text for stem, text in FILES.items() if stem not in ("gcp2", "case_audits")}
    values = compute(build_load(tmp_path / "none", without), END, ids=IDS)
    assert {i: v.as_json() for i, v in values.items()} == {
        **{i: {"numerator": None, "denominator": None, "value": None,
               "reason": "Graded Care Profile 2 not supplied: this delivery had no gcp2.csv"}
           for i in IDS[:4]},
        **{i: {"numerator": None, "denominator": None, "value": None,
               "reason": "case audits not supplied: this delivery had no case_audits.csv"}
           for i in IDS[4:]},
    }
    # Each file stands alone: audits without GCP2s still have figures.
    audits_only = compute(build_load(tmp_path / "audits", without | {
        "case_audits": FILES["case_audits"]}), END, ids=IDS)
    assert audits_only["audits_neglect"].as_json() == {"numerator": 5, "denominator": None,
                                                       "value": 5}
    assert audits_only["gcp2_completed"].reason


def test_the_fixture_is_a_valid_delivery_and_ingests(tmp_path):
    db = tmp_path / "neglect.duckdb"
    outcome = ingest_delivery(FIXTURE, db, END)
    assert not outcome.refused, outcome
    conn = connect_read_only(db)
    assert triples(compute(conn, END, ids=IDS)) == TWELVE_MONTHS


def test_the_indicators_json_gives_the_six_ids(tmp_path):
    # With gcp2.csv and without case_audits.csv: GCP2 figures, audits null with the reason.
    folder = tmp_path / "delivery"
    shutil.copytree(FIXTURE, folder)
    (folder / "case_audits.csv").unlink()
    db = tmp_path / "neglect.duckdb"
    assert not ingest_delivery(folder, db, END).refused
    result = CliRunner().invoke(app, ["indicators", "--db", str(db), "--period-end",
                                      "2025-03-31", "--format", "json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)["indicators"]
    assert shown["gcp2_improved"] == {"numerator": 3, "denominator": 5, "value": 60.0}
    assert shown["audits_neglect_good"] == {
        "numerator": None, "denominator": None, "value": None,
        "reason": "case audits not supplied: this delivery had no case_audits.csv"}
    assert set(IDS) <= set(shown)
