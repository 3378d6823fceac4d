"""Annex A workbook → canonical tables (pipelines/read/annex_a_xlsx.py).

The workbook is written by `tests/fixtures/official/annex_a_workbook.py` (each child's story is
in its docstring); the expected rows below are worked out by hand from its cells.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from neglect_insight.pipelines.read.annex_a_xlsx import WorkbookReadError, detect, read
from tests.fixtures.official.annex_a_workbook import COMMON, write_annex_a


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    path = write_annex_a(tmp_path_factory.mktemp("annex") / "annex_a.xlsx")
    return read(path)


def test_children_one_per_child_first_value_in_list_order(converted):
    assert converted[0]["children"].rows() == [
        # child_id, sex, birth_month, expected_birth_month, ethnicity, disabled, locality
        ("C01", "M", "2015-03-01", None, "WBRI", "false", None),  # 14 Mar 2015; List 6 "b) No"
        ("C02", "F", "2019-08-01", None, "MWBC", "true", None),  # DOB text "22/08/2019"
        ("C03", "F", "2012-01-01", None, "WBRI", None, None),  # List 3 only: no disability column
        ("C04", "M", "2018-06-01", None, "WOTH", None, None),  # ethnicity by name; c) Unknown
        ("C05", "F", "2009-02-01", None, "APKN", "true", None),  # List 6 Unknown, List 7 "a) Yes"
    ]


def test_referrals_merge_list_3_and_list_6(converted):
    assert converted[0]["referrals"].rows() == [
        # referral_id, child_id, referral_date, source, primary_need, nfa, closure, reason
        ("C01-R1", "C01", "2024-10-07", "2A", "N1", "false", None, None),  # both lists
        ("C02-R1", "C02", "2024-12-02", "6", "N4", "false", "2025-03-10", "RC8"),  # text dates
        ("C03-R1", "C03", "2025-01-20", "1A", None, "true", None, None),  # nfa, List 3 only
        ("C04-R1", "C04", "2025-02-03", "3B", "N0", "false", None, None),  # not in List 6: N0
        ("C05-R1", "C05", "2023-05-02", "10", "N1", "false", None, None),  # List 6 only: 10
    ]


def test_assessments_sit_in_the_latest_episode_before_them(converted):
    assert converted[0]["assessments"].rows() == [
        # assessment_id, referral_id, child_id, start_date, authorised_date, factors
        ("C01-A1", "C01-R1", "C01", "2024-10-08", "2024-11-15", None),
        ("C02-A1", "C02-R1", "C02", "2024-12-03", None, None),  # not yet authorised
        ("C04-A1", "C04-R1", "C04", "2025-02-04", None, None),
    ]


def test_cp_plans_numbered_by_start_date(converted):
    assert converted[0]["cp_plans"].rows() == [
        # plan_id, child_id, referral_id, start, end, initial, latest, previous_plans
        ("C01-P1", "C01", "C01-R1", "2024-11-20", None, "NEG", "MUL", "1"),
        ("C05-P1", "C05", "C05-R1", "2023-07-01", "2024-01-10", "EMO", "NEG", "0"),  # last row
        ("C05-P2", "C05", "C05-R1", "2024-09-02", None, "NEG", "NEG", "1"),
    ]


def test_no_early_help_or_cin_plans_are_made(converted):
    assert set(converted[0]) == {"children", "referrals", "assessments", "cp_plans"}


def test_findings_say_what_was_filled_and_what_was_not_read(converted):
    findings = converted[1]
    assert [(f.rule_id, f.severity, f.file) for f in findings] == [
        ("annex_a_xlsx.lists_not_used", "query", "annex_a.xlsx"),
        ("annex_a_xlsx.filled_value", "query", "annex_a.xlsx"),
    ]
    assert all(s in findings[0].message for s in ("'List 1 - Contacts'", "'List 2 - Early Help'",
                                                  "'List 8 - Children in Care'", "'Notes'"))
    assert "1 episode(s) in List 6" in findings[1].message
    assert "1 referral(s) in List 3" in findings[1].message


def test_worker_names_are_never_read(converted):
    values = [str(v) for frame in converted[0].values() for row in frame.rows() for v in row]
    assert not [v for v in values if "Bloggs" in v or "North" in v]


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


REFERRALS_HEADER = COMMON + ["Date of referral", "Referral Source", "Referral NFA?"]


@pytest.mark.parametrize(("sheets", "expected"), [
    ({"List 3": [REFERRALS_HEADER]}, True),  # the sheet name and Child Unique ID
    ({"Referrals": [["Title"], REFERRALS_HEADER]}, True),  # no List name: List 3's own header
    ({"List 1": [["Item", "Price"], ["Milk", 1]]}, False),  # a shopping list
    ({"Budget": [["Child Unique ID", "Cost"]]}, False),  # a child id, but no list's header
])
def test_detect(tmp_path, sheets, expected):
    assert detect(workbook(tmp_path / "w.xlsx", sheets)) is expected


def test_a_list_without_a_needed_column_is_not_converted(tmp_path):
    header = [h for h in REFERRALS_HEADER if h != "Referral Source"]
    path = workbook(tmp_path / "w.xlsx", {"List 3 - Referrals": [
        ["Title row"], header, ["C1", "a) Male", "a) WBRI", datetime(2015, 1, 2), 9,
                                datetime(2025, 1, 3), "b) No"]]})
    tables, findings = read(path)
    assert tables == {}
    assert [(f.rule_id, f.file, f.line, f.column) for f in findings] == [
        ("annex_a_xlsx.missing_column", "w.xlsx", 2, "Referral Source")]


def test_a_date_of_birth_that_is_not_a_date_is_withheld(tmp_path):
    path = workbook(tmp_path / "w.xlsx", {"List 3": [
        REFERRALS_HEADER,
        ["C1", "M", "WBRI", "31st May 2015", 9, "2025-01-03", "2A", "N"],  # row 2
        ["C2", "F", "WBRI", "45000", 9, "2025-01-03", "2A", "N"]]})  # a date stored as a number
    tables, findings = read(path)
    assert tables["children"]["birth_month"].to_list() == [None, "2023-03-01"]  # 45000 = 15/3/23
    assert [(f.rule_id, f.line) for f in findings] == [("annex_a_xlsx.birth_date", 2)]
    assert "31st May" not in findings[0].message


@pytest.mark.parametrize(("cell", "expected"), [
    ("p1) 5D: LA services", "5D"), ("10", "10"), ("u) 10: Unknown", "10"), ("Schools", "Schools"),
])
def test_referral_source_read_from_its_code(tmp_path, cell, expected):
    path = workbook(tmp_path / "w.xlsx", {"List 3": [
        REFERRALS_HEADER, ["C1", "M", "WBRI", "2015-01-01", 9, "2025-01-03", cell, "N"]]})
    assert read(path)[0]["referrals"]["source"].to_list() == [expected]


def test_an_unreadable_date_is_copied_for_the_date_rule(tmp_path):
    path = workbook(tmp_path / "w.xlsx", {"List 3": [
        REFERRALS_HEADER, ["C1", "M", "WBRI", "2015-01-01", 9, "3rd Jan", "2A", "N"]]})
    assert read(path)[0]["referrals"]["referral_date"].to_list() == ["3rd Jan"]


def test_not_a_workbook_raises(tmp_path):
    path = tmp_path / "w.xlsx"
    path.write_bytes(b"PK\x03\x04 this zip is cut short")
    with pytest.raises(WorkbookReadError):
        detect(path)
