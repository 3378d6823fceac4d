"""School census attendance read into canonical attendance rows (pipelines/read/school_census.py).

Each hand-written file in tests/fixtures/official has its expected rows beside it
(`<name>.expected.csv`), worked out by hand from the file:

- school_census_spring.xml (spring 2025 census → autumn 2024/25): C001 140 possible, 8 + 4
  absent, plus 20 possible, 2 + 0 absent at a second school → 160, 14, 4; C005's reasons
  I 6 + M 2 authorised, G 3 + N 1 unauthorised → 150, 12, 4; C003 gives its own term (SUM,
  2023 → summer 2023/24); the pupil at line 57 has only a UPN and is left out.
- school_census_autumn.xml (namespaced, autumn 2024 census → summer 2023/24): 70 + 60
  possible, (3 + 1) + (2 + 0) absent, 1 unauthorised.
- school_census_export.csv: heading variants; an empty authorised count is 0 (C005: 25); an
  empty unauthorised count stays empty (C003); "lots" is copied for the contract to report.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from neglect_insight.pipelines.read import official, school_census
from neglect_insight.pipelines.read.school_census_terms import academic_year, term_name

FIXTURES = Path(__file__).parents[2] / "fixtures" / "official"
NEVER_READ = ("A9999999990", "Example", "Sam", "Unpseudonymised", "2015-04-12")


def expected(name: str) -> list[dict]:
    with open(FIXTURES / f"{Path(name).stem}.expected.csv", newline="") as f:
        return [{k: (v or None) for k, v in row.items()} for row in csv.DictReader(f)]


def rows(path: Path) -> tuple[list[dict], list]:
    tables, findings = school_census.read(path)
    assert set(tables) == {"attendance"}
    return tables["attendance"].to_dicts(), findings


@pytest.mark.parametrize("name", ["school_census_spring.xml", "school_census_autumn.xml",
                                  "school_census_export.csv"])
def test_rows_are_those_worked_out_by_hand(name):
    assert school_census.detect(FIXTURES / name)
    found, _ = rows(FIXTURES / name)
    assert found == expected(name)
    assert not any(part in str(value) for row in found for value in row.values()
                   for part in NEVER_READ)


def test_a_pupil_without_a_pseudonymised_id_is_left_out_and_reported():
    _, findings = rows(FIXTURES / "school_census_spring.xml")
    assert [(f.rule_id, f.severity, f.source, f.place) for f in findings] == [
        ("school_census.pupil_id_missing", "blocking", "school_census_spring.xml", "line 57")]
    assert "A999999999009" not in findings[0].message


def test_a_workbook_export_is_read_from_the_sheet_with_the_headings(tmp_path):
    path = tmp_path / "attendance export.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Exported from the pupil database"])
    sheet = book.create_sheet("Pupils")
    sheet.append(["Termly attendance, all pupils"])
    sheet.append(["LA Child ID", "UPN", "Attendance Year", "Attendance Term",
                  "TermlySessionsPossible", "TermlySessionsAuthorised",
                  "TermlySessionsUnauthorised"])
    sheet.append(["C001", "A999999999001", 2024, "Spring", 118, 5, 1])  # row 3
    sheet.append([None] * 7)                                            # blank row 4: skipped
    sheet.append(["C002", "A999999999002", "2024/25", "SUM", 150, 0, 0])  # row 5
    book.save(path)
    assert school_census.detect(path)
    found, _ = rows(path)
    assert found == [
        {"child_id": "C001", "academic_year": "2024/25", "term": "spring",
         "possible_sessions": "118", "absence_sessions": "6", "unauthorised_sessions": "1",
         "_source": "attendance export.xlsx", "_place": "sheet Pupils, row 3"},
        {"child_id": "C002", "academic_year": "2024/25", "term": "summer",
         "possible_sessions": "150", "absence_sessions": "0", "unauthorised_sessions": "0",
         "_source": "attendance export.xlsx", "_place": "sheet Pupils, row 5"},
    ]


def test_detected_by_content_among_the_official_formats(tmp_path):
    files = []
    for name in ("school_census_spring.xml", "school_census_export.csv"):
        target = tmp_path / f"renamed_{name.replace('_', '-')}"
        target.write_bytes((FIXTURES / name).read_bytes())
        files.append(target)
    not_census = tmp_path / "notes.csv"
    not_census.write_text("pupil id,term\nC001,autumn\n")
    conversion = official.convert_official_formats(files + [not_census])
    assert conversion.unknown == [not_census]
    assert [t.table.num_rows for t in conversion.tables["attendance"]] == [3, 5]
    assert {s.format for s in conversion.summaries} == {"school census attendance"}
    assert not school_census.detect(FIXTURES / "cin_census.xml")


@pytest.mark.parametrize(("given", "year"), [
    ("2024/25", "2024/25"), ("2024-25", "2024/25"), ("2024/2025", "2024/25"), ("2024", "2024/25"),
    ("1999/00", "1999/00"), ("2024/26", "2024/26"), ("Year 7", "Year 7"), (None, None)])
def test_academic_year(given, year):
    assert academic_year(given) == year


@pytest.mark.parametrize(("given", "term"), [
    ("AUT", "autumn"), ("Autumn term", "autumn"), ("spr", "spring"), ("Summer", "summer"),
    ("Michaelmas", "Michaelmas"), ("", None)])
def test_term_name(given, term):
    assert term_name(given) == term
