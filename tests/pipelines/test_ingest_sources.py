"""A delivery mixing a CIN census XML with canonical CSVs, end to end: `validate` names what it
found in each file before any check, merges the children of both sources, and every finding on
a converted row names the XML, the place in it and the child (never another identifier)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.delivery_types import Finding
from neglect_insight.pipelines.load.run_history import read_runs
from neglect_insight.pipelines.load.staging import stage
from neglect_insight.pipelines.read.locations import locate

CIN_XML = Path(__file__).parents[1] / "fixtures" / "official" / "cin_census.xml"
XML_NAME = "cin_census_2025.xml"
CHILDREN = ("child_id,sex,birth_month,expected_birth_month,ethnicity,disabled,locality\n"
            "CH1001,M,2016-07-01,,WBRI,false,North\n"
            "EH9001,F,2018-03-01,,WBRI,false,East\n")
EARLY_HELP = ("episode_id,child_id,start_date,end_date,factors,end_reason,organisation\n"
              "E1,EH9001,2022-09-01,2023-02-10,16A,stepped_up,school\n")


def _line_of(text: str, element: str, nth: int) -> int:
    """The line of the `nth` (1-based) `<element>` opening tag in `text`."""
    at = -1
    for _ in range(nth):
        at = text.index(f"<{element}>", at + 1)
    return text[:at].count("\n") + 1


def _delivery(folder: Path, xml_text: str) -> Path:
    folder.mkdir()
    (folder / XML_NAME).write_text(xml_text)
    (folder / "children.csv").write_text(CHILDREN)
    (folder / "early_help.csv").write_text(EARLY_HELP)
    return folder


def test_a_finding_on_a_converted_row_is_given_its_source_place_and_child(tmp_path):
    text = CIN_XML.read_text()
    conn = duckdb.connect()
    staged = stage(conn, _delivery(tmp_path / "d", text))
    line = conn.execute("select _line from raw_referrals where child_id = 'CH1001' "
                        "order by _line").fetchall()[1][0]  # the child's second episode
    csv_child = conn.execute("select _line from raw_children where child_id = 'EH9001'"
                             ).fetchall()[0][0]
    on_xml = Finding("x.rule", "query", "referrals.csv", line, "source", None, "m")
    on_csv = Finding("x.rule", "query", "children.csv", csv_child, "sex", None, "m")
    identifier = Finding("identifiers.nhs_number", "blocking", "referrals.csv", line,
                         "child_id", None, "m")
    elsewhere = Finding("x.rule", "query", "referrals.csv", 999, None, None, "m")
    located = locate(conn, staged, [on_xml, on_csv, identifier, elsewhere])
    assert [(f.source, f.place, f.child_id) for f in located] == [
        (XML_NAME, f"line {_line_of(text, 'CINdetails', 2)}", "CH1001"),
        ("children.csv", "line 3", "EH9001"),  # merged table: the CSV's own rows too
        (XML_NAME, f"line {_line_of(text, 'CINdetails', 2)}", None),  # never echo that column
        (None, None, None),  # no such row: left as it was
    ]
    assert located[0].where == f"{XML_NAME}, line {_line_of(text, 'CINdetails', 2)} (child CH1001)"


def test_validate_prints_the_files_found_then_names_source_place_and_child(tmp_path):
    text = CIN_XML.read_text()
    bad_plan = text.index("<InitialCategoryOfAbuse>EMO</InitialCategoryOfAbuse>")
    text = text[:bad_plan] + text[bad_plan:].replace(">EMO<", ">XYZ<", 1)
    plan_line = _line_of(text, "ChildProtectionPlans", 2)
    folder = _delivery(tmp_path / "d", text)
    db = tmp_path / "db" / "neglect.duckdb"

    result = CliRunner().invoke(app, ["validate", str(folder), "--db", str(db),
                                      "--extract-date", "2025-03-31"])
    output = result.stdout
    assert result.exit_code == 1, output
    found = output.index("Files in the delivery:")
    assert "  children.csv: canonical CSV, 2 rows" in output
    assert f"  {XML_NAME}: CIN census XML (schema year 2024/25), 3 children, 4 episodes → " \
           "children.csv (3), referrals.csv (4)" in output
    blocking = [line for line in output.splitlines() if line.startswith("BLOCKING")]
    assert blocking and found < output.index("BLOCKING")
    assert any(f"{XML_NAME}, line {plan_line} (child CH1001)" in line for line in blocking)
    assert "H8012" not in output  # no UPN, ever

    run = read_runs(db)[0]
    assert [d["file"] for d in run["detected"]] == ["children.csv", XML_NAME, "early_help.csv"]
    assert run["detected"][1]["format"] == "CIN census XML"
    assert run["detected"][1]["feeds"]["children.csv"] == 3
    with open(run["rejects_path"], newline="") as f:
        rejects = [r for r in csv.DictReader(f) if r["severity"] == "blocking"]
    assert {(r["file"], r["source"], r["place"], r["child_id"]) for r in rejects} == {
        ("cp_plans.csv", XML_NAME, f"line {plan_line}", "CH1001")}
    json.dumps(run)  # run.json stays plain JSON


def test_the_xml_and_children_csv_load_together(tmp_path):
    folder = _delivery(tmp_path / "d", CIN_XML.read_text())
    shutil.copy(CIN_XML, tmp_path / "unused.xml")  # outside the folder: not read
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db",
                                      str(tmp_path / "db" / "n.duckdb"),
                                      "--extract-date", "2025-03-31"])
    assert result.exit_code == 0, result.stdout
    assert "merge.conflicting_value" not in result.stdout  # the two sources agree
    with duckdb.connect(str(tmp_path / "db" / "n.duckdb"), read_only=True) as conn:
        children = conn.execute("select child_id, locality from stg_children order by child_id"
                                ).fetchall()
    assert children == [("CH1001", "North"), ("CH1002", None), ("CH1003", None),
                        ("EH9001", "East")]
