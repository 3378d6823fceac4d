"""A delivery without early_help.csv loads (extracts.md, "early_help.csv (expected)"): every
figure that needs early help has no value and says why, never 0, in the `indicators` command
(JSON, CSV and table) and the board pack; the prevalence total says it counts children in need
and child protection only. The delivery is tests/fixtures/valid_delivery less early_help.csv;
figures worked by hand from its README, 12 months ending 31 March 2025."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.ingest import ingest_delivery

VALID = Path(__file__).parents[1] / "fixtures" / "valid_delivery"
REASON = "early help not supplied: this delivery had no early_help.csv"
CIN_CP_ONLY = ("Counts children in need and child protection only: this delivery had no "
               "early_help.csv.")
NEEDS_EARLY_HELP = {"neglect_children_eh", "attendance_absence_rate_eh",
                    "attendance_persistent_eh", "attendance_severe_eh", "eh_attendance_improved",
                    "eh_step_up", "step_down_to_eh"}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("no-early-help")
    delivery = root / "delivery"
    shutil.copytree(VALID, delivery, ignore=shutil.ignore_patterns("early_help.csv", "*.md"))
    outcome = ingest_delivery(delivery, root / "neglect.duckdb", date(2025, 3, 31))
    assert not outcome.refused, outcome.blocking[:3]
    assert outcome.warnings == []  # the newest event, 28 February 2025, is recent
    return root / "neglect.duckdb"


def _run(args: list[str]) -> str:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_delivery_loads_and_its_json_says_what_is_not_supplied(db):
    got = json.loads(_run(["indicators", "--db", str(db), "--period-end", "2025-03-31"]))
    figures = got["indicators"]
    for indicator_id in NEEDS_EARLY_HELP:
        assert figures[indicator_id] == {"numerator": None, "denominator": None, "value": None,
                                         "reason": REASON}, indicator_id
    assert {i for i, f in figures.items() if "reason" in f} == NEEDS_EARLY_HELP
    # Worked by hand (README): CP = C001 (P001, neglect, open until 15 August 2024) and C004
    # (P003, neglect, from 10 January 2025); CIN = C002 (A002 16A; P002 is MUL, not neglect)
    # and C005 (A005 16A); total 4 = 2 + 2, counted without early help.
    assert figures["neglect_children_cp"] == {"numerator": 2, "denominator": None, "value": 2}
    assert figures["neglect_children_cin"] == {"numerator": 2, "denominator": None, "value": 2}
    assert figures["neglect_children_total"] == {"numerator": 4, "denominator": None,
                                                 "value": 4, "note": CIN_CP_ONLY}
    # Referrals dated 1 April 2024 to 31 March 2025: R002, R004, R005, R006.
    assert figures["referrals"] == {"numerator": 4, "denominator": None, "value": 4}
    assert figures["neglect_rate_per_10k"]["note"] == CIN_CP_ONLY


def test_csv_and_table_show_the_reason(db):
    lines = _run(["indicators", "--db", str(db), "--period-end", "2025-03-31",
                  "--format", "csv"]).splitlines()
    assert lines[0].endswith("value,reason,note")
    assert f"neglect_children_eh,2024-04-01,2025-03-31,,,,{REASON}," in lines
    table = " ".join(_run(["indicators", "--db", str(db), "--period-end", "2025-03-31",
                           "--format", "table"]).split())
    assert "supplied" in table  # the Note column, wrapped to the terminal's width


def test_the_pack_shows_not_supplied_and_says_what_prevalence_counts(db, tmp_path):
    out_file = tmp_path / "pack.html"
    _run(["report", "--db", str(db), "--period-end", "2025-03-31", "--out", str(out_file)])
    pack = out_file.read_text(encoding="utf-8")
    for indicator_id in NEEDS_EARLY_HELP:
        row = re.search(rf'<tr data-indicator="{indicator_id}">(.*?)</tr>', pack).group(1)
        assert re.findall(r'<td class="num">(.*?)</td>', row)[0] == "Not supplied", indicator_id
    assert CIN_CP_ONLY in pack
    assert "Early help not supplied: this delivery had no early_help.csv" in pack
    assert catalogue()["neglect_children_eh"].short_label in pack
