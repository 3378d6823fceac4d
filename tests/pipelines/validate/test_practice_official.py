"""gcp2.csv and case_audits.csv beside an official format (issue 12, point 5): the CIN census
carries no Graded Care Profile 2 or case audit, so the canonical CSVs are taken as they are,
their children matched against the children of the XML and of children.csv alike."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb

from neglect_insight.pipelines.ingest import ingest_delivery
from neglect_insight.pipelines.load.database import current_load

CIN_XML = Path(__file__).parents[2] / "fixtures" / "official" / "cin_census.xml"
CHILDREN = ("child_id,sex,birth_month,expected_birth_month,ethnicity,disabled,locality\n"
            "EH9001,F,2018-03-01,,WBRI,false,East\n")
GCP2 = ("assessment_id,child_id,completed_date,agency,physical_care,safety,emotional_care,"
        "developmental_care,overall\n"
        "G1,CH1001,2024-05-01,health,3,3,3,3,3\n"  # a child of the CIN census XML
        "G2,EH9001,2024-06-01,school,2,2,2,2,2\n")  # a child of children.csv
AUDITS = ("audit_id,audit_date,theme,child_id,grade,agencies\n"
          "Q1,2024-07-01,neglect,CH1001,good,la;health\n"
          "Q2,2024-08-01,neglect,,requires_improvement,la\n")


def _delivery(folder: Path, gcp2: str = GCP2) -> Path:
    folder.mkdir()
    shutil.copy(CIN_XML, folder / "cin_census_2025.xml")
    (folder / "children.csv").write_text(CHILDREN)
    (folder / "gcp2.csv").write_text(gcp2)
    (folder / "case_audits.csv").write_text(AUDITS)
    return folder


def test_practice_files_load_as_they_are_beside_the_cin_census(tmp_path):
    db = tmp_path / "db" / "neglect.duckdb"
    outcome = ingest_delivery(_delivery(tmp_path / "d"), db, date(2025, 3, 31))
    assert not outcome.refused, outcome.blocking
    assert not [f for f in outcome.findings if f.file in ("gcp2.csv", "case_audits.csv")]
    with duckdb.connect(str(current_load(db)), read_only=True) as conn:
        assert conn.execute("select assessment_id, child_id, agency from stg_gcp2 "
                            "order by 1").fetchall() == [("G1", "CH1001", "HEALTH"),
                                                         ("G2", "EH9001", "SCHOOL")]
        assert conn.execute("select audit_id, child_id from stg_case_audits order by 1"
                            ).fetchall() == [("Q1", "CH1001"), ("Q2", None)]


def test_a_gcp2_of_a_child_in_neither_source_is_refused(tmp_path):
    gcp2 = GCP2 + "G3,CH9999,2024-06-01,la,9,2,2,2,2\n"  # line 4: unknown child, grade 9
    outcome = ingest_delivery(_delivery(tmp_path / "d", gcp2), tmp_path / "db" / "n.duckdb",
                              date(2025, 3, 31))
    assert outcome.refused
    found = {(f.rule_id, f.file, f.line, f.column) for f in outcome.blocking}
    assert {("cross.child_exists", "gcp2.csv", 4, "child_id"),
            ("gcp2.physical_care_range", "gcp2.csv", 4, "physical_care")} <= found
    grade = next(f for f in outcome.blocking if f.rule_id == "gcp2.physical_care_range")
    assert grade.message.startswith("gcp2.csv, line 4, physical_care:")
