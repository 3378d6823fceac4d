"""Ingestion end to end on real files: a good delivery loads; a delivery with a blocking error is
refused with file, line and rule, nothing half-loads, and the previous load keeps answering."""

import csv
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.ingest import ingest_delivery, validate_delivery
from neglect_insight.pipelines.load.database import connect_read_only, current_load, loads_dir
from neglect_insight.pipelines.load.run_history import read_runs

VALID = Path(__file__).parents[1] / "fixtures" / "valid_delivery"
EXTRACT_DATE = date(2025, 3, 31)


def _break_cp_plan(folder: Path) -> int:
    """Make the first CP plan end before it starts; return the line it is on."""
    path = folder / "cp_plans.csv"
    rows = list(csv.DictReader(path.open()))
    rows[0]["end_date"] = "2000-01-01"
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return 2


@pytest.fixture()
def broken(tmp_path) -> tuple[Path, int]:
    folder = tmp_path / "broken"
    shutil.copytree(VALID, folder)
    return folder, _break_cp_plan(folder)


def test_valid_delivery_loads(tmp_path):
    db = tmp_path / "neglect.duckdb"
    outcome = ingest_delivery(VALID, db, EXTRACT_DATE)
    assert not outcome.refused, outcome.blocking[:3]
    assert current_load(db) == (loads_dir(db) / f"{outcome.run.run_id}.duckdb").resolve()
    runs = read_runs(db)
    assert [r["outcome"] for r in runs] == ["loaded"]
    assert {f["file"] for f in runs[0]["files"]} >= {"children.csv", "cp_plans.csv"}
    assert all(len(f["sha256"]) == 64 for f in runs[0]["files"])
    # The published England figures travel inside every load (offline comparisons).
    with connect_read_only(db) as conn:
        england = conn.execute(
            "select rereferral_percent from dfe_c1_children_in_need_referrals_and_rereferrals_"
            "2013_to_2025 where geographic_level = 'National' and time_period = '2025'"
        ).fetchone()
    assert england == ("22.6",)


def test_refused_delivery_keeps_the_previous_load(tmp_path, broken):
    folder, line = broken
    db = tmp_path / "neglect.duckdb"
    first = ingest_delivery(VALID, db, EXTRACT_DATE)
    before = current_load(db)

    outcome = ingest_delivery(folder, db, EXTRACT_DATE)

    assert outcome.refused
    assert current_load(db) == before
    assert sorted(p.name for p in loads_dir(db).iterdir()) == [f"{first.run.run_id}.duckdb"]
    assert not list(db.parent.glob(".loading-*"))  # no half-written file left behind
    failing = [(f.file, f.line) for f in outcome.blocking if "end" in f.rule_id]
    assert ("cp_plans.csv", line) in failing
    with outcome.rejects_path.open() as f:
        rejects = list(csv.DictReader(f))
    assert any(r["file"] == "cp_plans.csv" and r["line"] == str(line) for r in rejects)
    assert [r["outcome"] for r in read_runs(db)] == ["refused", "loaded"]


def test_cli_refusal_names_file_line_and_rule_and_indicators_still_answer(tmp_path, broken):
    folder, line = broken
    db = tmp_path / "neglect.duckdb"
    runner = CliRunner()
    loaded = runner.invoke(app, ["ingest", str(VALID), "--db", str(db),
                                 "--extract-date", "2025-03-31"])
    assert loaded.exit_code == 0, loaded.output

    refused = runner.invoke(app, ["ingest", str(folder), "--db", str(db),
                                  "--extract-date", "2025-03-31"])
    assert refused.exit_code == 1
    assert f"cp_plans.csv, line {line}" in refused.output
    assert "BLOCKING cp_plans." in refused.output
    assert "REFUSED" in refused.output

    answer = runner.invoke(app, ["indicators", "--db", str(db), "--period-end", "2025-03-31"])
    assert answer.exit_code == 0, answer.output
    body = json.loads(answer.output)
    assert body["period_start"] == "2024-04-01" and body["period_end"] == "2025-03-31"
    total = body["indicators"]["neglect_children_total"]
    assert total["denominator"] is None and total["value"] == total["numerator"]


def test_validate_does_not_load(tmp_path, broken):
    folder, _ = broken
    db = tmp_path / "neglect.duckdb"
    assert not validate_delivery(VALID, db, EXTRACT_DATE).refused
    assert validate_delivery(folder, db, EXTRACT_DATE).refused
    assert current_load(db) is None
    assert [r["command"] for r in read_runs(db)] == ["validate", "validate"]


def test_missing_folder_is_refused_plainly(tmp_path):
    outcome = validate_delivery(tmp_path / "nowhere", tmp_path / "neglect.duckdb", EXTRACT_DATE)
    assert outcome.refused
    assert "does not exist" in outcome.blocking[0].message
