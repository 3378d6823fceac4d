"""Annex A workbook → canonical tables (pipelines/read/annex_a_xlsx.py).

The workbook is written by `tests/fixtures/official/annex_a_workbook.py` (each child's story is
in its docstring); the expected rows below are worked out by hand from its cells.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from neglect_insight.pipelines.read.annex_a_columns import sheet_number
from neglect_insight.pipelines.read.annex_a_xlsx import WorkbookReadError, detect, read
from neglect_insight.pipelines.read.cells import normalised
from tests.fixtures.official import annex_a_workbook as awkward
from tests.fixtures.official.annex_a_workbook import COMMON, write_annex_a


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    path = write_annex_a(tmp_path_factory.mktemp("annex") / "annex_a.xlsx")
    return read(path)


def rows(frame) -> list[tuple]:
    """The canonical columns of a converted table (without `_source` and `_place`)."""
    return frame.drop("_source", "_place").rows()


def test_children_one_per_child_first_value_in_list_order(converted):
    assert rows(converted[0]["children"]) == [
        # child_id, sex, birth_month, expected_birth_month, ethnicity, disabled, locality
        ("C01", "M", "2015-03-01", None, "WBRI", "false", None),  # 14 Mar 2015; List 6 "b) No"
        ("C02", "F", "2019-08-01", None, "MWBC", "true", None),  # DOB text "22/08/2019"
        ("C03", "F", "2012-01-01", None, "WBRI", None, None),  # List 3 only: no disability column
        ("C04", "M", "2018-06-01", None, "WOTH", None, None),  # ethnicity by name; c) Unknown
        ("C05", "F", "2009-02-01", None, "APKN", "true", None),  # List 6 Unknown, List 7 "a) Yes"
    ]


def test_referrals_merge_list_3_and_list_6(converted):
    assert rows(converted[0]["referrals"]) == [
        # referral_id, child_id, referral_date, source, primary_need, nfa, closure, reason
        ("C01/2024-10-07/1", "C01", "2024-10-07", "2A", "N1", "false", None, None),  # both lists
        ("C02/2024-12-02/1", "C02", "2024-12-02", "6", "N4", "false", "2025-03-10", "RC8"),
        ("C03/2025-01-20/1", "C03", "2025-01-20", "1A", None, "true", None, None),  # nfa, List 3
        ("C04/2025-02-03/1", "C04", "2025-02-03", "3B", "N0", "false", None, None),  # N0 filled
        ("C05/2023-05-02/1", "C05", "2023-05-02", "10", "N1", "false", None, None),  # List 6 only
    ]


def test_assessments_sit_in_the_latest_episode_before_them(converted):
    assert rows(converted[0]["assessments"]) == [
        # assessment_id, referral_id, child_id, start_date, authorised_date, factors
        ("C01/2024-10-08/A1", "C01/2024-10-07/1", "C01", "2024-10-08", "2024-11-15", None),
        ("C02/2024-12-03/A1", "C02/2024-12-02/1", "C02", "2024-12-03", "2025-02-28", None),
        ("C04/2025-02-04/A1", "C04/2025-02-03/1", "C04", "2025-02-04", None, None),  # open
    ]


def test_cp_plans_sorted_by_start_date(converted):
    assert rows(converted[0]["cp_plans"]) == [
        # plan_id, child_id, referral_id, start, end, initial, latest, previous_plans
        ("C01/2024-11-20/P1", "C01", "C01/2024-10-07/1", "2024-11-20", None, "NEG", "MUL", "1"),
        ("C05/2023-07-01/P1", "C05", "C05/2023-05-02/1", "2023-07-01", "2024-01-10", "EMO",
         "NEG", "0"),  # the sheet's last row
        ("C05/2024-09-02/P1", "C05", "C05/2023-05-02/1", "2024-09-02", None, "NEG", "NEG", "1"),
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


@pytest.mark.parametrize("workbook_read", ["converted", "edited"])
def test_worker_names_are_never_read(request, workbook_read):
    tables = request.getfixturevalue(workbook_read)[0]
    values = [str(v) for frame in tables.values() for row in frame.rows() for v in row]
    assert not [v for v in values if "Bloggs" in v or "North" in v]


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """The LA-edited workbook: awkward sheet names, two heading styles, every date kind."""
    return read(awkward.write_awkward_annex_a(tmp_path_factory.mktemp("annex") / "edited.xlsx"))


@pytest.mark.parametrize(("stem", "sheet_rows"), [
    ("referrals", awkward.AWKWARD_REFERRALS),  # sheet "List_3", LA headings, same-day pair
    ("assessments", awkward.AWKWARD_ASSESSMENTS),  # "List 4 - Assessments", template headings
    ("cp_plans", awkward.AWKWARD_CP_PLANS),  # "CP", one "Category of abuse" column
    ("cin_plans", awkward.AWKWARD_CIN),  # "CIN" with CIN plan dates
    ("early_help", awkward.AWKWARD_EARLY_HELP),  # "Early Help" with end dates
])
def test_edited_workbook_gives_the_rows_written_beside_its_cells(edited, stem, sheet_rows):
    assert rows(edited[0][stem]) == [expected for _cells, expected in sheet_rows if expected]


def test_edited_workbook_children_from_every_list(edited):
    assert rows(edited[0]["children"]) == awkward.AWKWARD_CHILDREN


def test_every_row_names_its_workbook_sheet_and_row(edited):
    tables = edited[0]
    assert set(tables["referrals"]["_source"]) == {"edited.xlsx"}
    assert tables["referrals"]["_place"].to_list() == [
        f"sheet List_3, row {n}" for n in range(3, 9)]  # a title row above the header
    assert tables["assessments"]["_place"].to_list() == [
        f"sheet List 4 - Assessments, row {n}" for n in (2, 3, 4)]
    assert tables["cin_plans"]["_place"].to_list() == ["sheet CIN, row 2", "sheet CIN, row 4"]
    assert tables["children"]["_place"].to_list()[-2:] == [
        "sheet Early Help, row 4", "sheet List 5 - S47, row 2"]


def test_an_assessment_that_cannot_be_placed_is_a_query_with_sheet_and_row(edited):
    sheet, row, child = awkward.UNPLACED
    unlinked = [f for f in edited[1] if f.rule_id == "annex_a_xlsx.unlinked"]
    assert [(f.severity, f.file, f.line, f.source, f.place, f.child_id) for f in unlinked] == [
        ("query", "edited.xlsx", row, "edited.xlsx", f"sheet {sheet}, row {row}", child)]
    assert "on or before 20 July 2024" in unlinked[0].message
    assert all(r is not None for r in edited[0]["assessments"]["referral_id"])


def test_edited_workbook_findings(edited):
    assert [(f.rule_id, f.severity) for f in edited[1]] == [
        ("annex_a_xlsx.lists_not_used", "query"),  # List_1
        ("annex_a_xlsx.filled_value", "query"),  # A03's referral is not in CIN: N0
        ("annex_a_xlsx.unlinked", "query"),
        ("annex_a_xlsx.filled_end_reason", "query"),  # A03's early help ended, no reason
    ]
    assert "'List_1' (List 1, contacts)" in edited[1][0].message


@pytest.mark.parametrize(("events", "expected"), [
    # (start dates of the child's assessments) → the referral each is linked to; the child's
    # referrals: 1 Jan 2024 closed 31 Jan, nfa 1 Mar (no closure date), 1 Mar open
    (["2024-01-15"], ["C1/2024-01-01/1"]),  # inside the first episode
    (["2024-02-15"], ["C1/2024-01-01/1"]),  # in none: the latest before
    (["2024-03-01"], ["C1/2024-03-01/2"]),  # both March referrals contain it: not the nfa one
    (["2024-06-01"], ["C1/2024-03-01/2"]),  # the open episode
    (["2023-12-31"], []),  # before every referral: left out
])
def test_linking_rules(tmp_path, events, expected):
    header = ["Child ID", "Referral Date", "Source", "NFA"]
    cin = ["Child ID", "CIN Start Date", "Primary Need", "CIN Closure Date", "Reason for closure"]
    path = workbook(tmp_path / "w.xlsx", {
        "Referrals": [header, ["C1", "2024-01-01", "2A", "No"], ["C1", "2024-03-01", "2A", "Yes"],
                      ["C1", "2024-03-01", "2A", "No"]],
        "CIN": [cin, ["C1", "2024-01-01", "N1", "2024-01-31", "RC7"],
                ["C1", "2024-03-01", "N1", None, None]],
        "Assessments": [["Child ID", "Assessment start date", "Date of authorisation"]]
        + [["C1", start, None] for start in events]})
    assert read(path)[0]["assessments"]["referral_id"].to_list() == expected


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
    ({"List_7": [["Child ID", "Gender"]]}, True),  # "List_7", the LA's child id heading
    ({"CP": [["Unique Child ID", "Category of abuse"]]}, True),  # List 7 by its short name
])
def test_detect(tmp_path, sheets, expected):
    assert detect(workbook(tmp_path / "w.xlsx", sheets)) is expected


@pytest.mark.parametrize(("name", "number"), [
    ("List 1", 1), ("List_1", 1), ("list1", 1), ("LIST 3 - Referrals", 3), ("List 10", 10),
    ("Referrals", 3), ("Early Help", 2), ("S47", 5), ("CIN", 6), ("CP", 7), ("Notes", None),
    ("Referrals 2024", None),  # not a known name: its headings decide
])
def test_sheet_names_are_read_by_known_variants(name, number):
    assert sheet_number(normalised(name)) == number


def test_a_list_without_a_needed_column_is_not_converted(tmp_path):
    header = [h for h in REFERRALS_HEADER if h != "Referral Source"]
    path = workbook(tmp_path / "w.xlsx", {"List 3 - Referrals": [
        ["Title row"], header, ["C1", "a) Male", "a) WBRI", datetime(2015, 1, 2), 9,
                                datetime(2025, 1, 3), "b) No"]]})
    tables, findings = read(path)
    assert tables == {}
    assert [(f.rule_id, f.file, f.line, f.column, f.place) for f in findings] == [
        ("annex_a_xlsx.missing_column", "w.xlsx", 2, "Referral Source",
         "sheet List 3 - Referrals, row 2")]
    assert "sheet 'List 3 - Referrals'" in findings[0].message


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
