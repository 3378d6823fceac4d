"""Official formats in a delivery folder, detected by content and staged like canonical CSVs
(pipelines/read/official.py, called by pipelines.delivery.read_delivery).

Expected rows are those worked out by hand in test_cin_census_xml.py and test_annex_a_xlsx.py.
"""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from neglect_insight.pipelines.load.staging import stage
from neglect_insight.pipelines.read import official
from neglect_insight.pipelines.read.official import convert_official_formats
from tests.fixtures.official.annex_a_workbook import write_annex_a

CIN_XML = Path(__file__).parents[2] / "fixtures" / "official" / "cin_census.xml"
UPNS = ("H801200001001", "H80120000999Z", "H801200001003", "H801200001098")
EARLY_HELP = ("episode_id,child_id,start_date,end_date,factors,end_reason,organisation\n"
              "E1,{child},2022-09-01,2023-02-10,16A,stepped_up,school\n")


def delivery(folder: Path, *, xml: str | None = None, annex_a: str | None = None,
             files: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if xml:
        shutil.copy(CIN_XML, folder / xml)
    if annex_a:
        write_annex_a(folder / annex_a)
    for name, text in (files or {}).items():
        (folder / name).write_text(text)
    return folder


def where(findings) -> list[tuple[str, str, str | None]]:
    return [(f.rule_id, f.severity, f.file) for f in findings]


def test_cin_census_xml_is_staged_as_canonical_files(tmp_path):
    folder = delivery(tmp_path / "q4", xml="CIN Census 2025.xml",
                      files={"early_help.csv": EARLY_HELP.format(child="CH1001")})
    before = sorted(p.name for p in folder.iterdir())
    conn = duckdb.connect()
    staged = stage(conn, folder)

    assert where(staged.findings) == [
        ("official.converted", "query", "CIN Census 2025.xml")]  # nothing missing or unknown
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing written beside it
    assert {s: r.rows for s, r in staged.reads.items()} == {
        "children": 3, "early_help": 1, "referrals": 4, "assessments": 3, "cin_plans": 2,
        "cp_plans": 2}
    assert staged.reads["referrals"].path == folder / "CIN Census 2025.xml"  # its source
    assert staged.reads["referrals"].file_name == "referrals.csv"
    assert conn.execute("select referral_id, child_id, referral_date, source, primary_need, nfa, "
                        "closure_date, closure_reason, _line from stg_referrals").fetchall() == [
        ("CH1001-R1", "CH1001", date(2023, 2, 10), "2A", "N1", False, date(2023, 10, 31), "RC7",
         2),
        ("CH1001-R2", "CH1001", date(2024, 11, 4), "6", "N1", False, None, None, 3),
        ("CH1002-R1", "CH1002", date(2025, 1, 8), "3B", "N1", False, None, None, 4),
        ("CH1003-R1", "CH1003", date(2024, 6, 3), "1A", None, True, date(2024, 6, 3), "RC8", 5),
    ]
    assert conn.execute("select child_id, sex, birth_month, expected_birth_month, disabled "
                        "from stg_children").fetchall() == [
        ("CH1001", "M", date(2016, 7, 1), None, False),
        ("CH1002", "U", None, date(2025, 5, 1), None),  # unborn
        ("CH1003", "F", date(2010, 12, 1), None, True),
    ]
    assert conn.execute("select plan_id, previous_plans from stg_cp_plans").fetchall() == [
        ("CH1001-R1-P1", 2), ("CH1001-R2-P1", 3)]
    assert conn.execute("select assessment_id, factors from stg_assessments").fetchall()[0] == (
        "CH1001-R1-A1", "2B;16A")


def test_no_upn_reaches_a_raw_table(tmp_path):
    conn = duckdb.connect()
    staged = stage(conn, delivery(tmp_path / "q4", xml="cin.xml"))
    raw = [str(row) for stem in staged.reads
           for row in conn.execute(f"select * from raw_{stem}").fetchall()]
    assert not [u for u in UPNS + ("UN1",) for t in raw if u in t]


def test_xml_without_early_help_reports_only_the_missing_file(tmp_path):
    staged = stage(duckdb.connect(), delivery(tmp_path / "q4", xml="cin.xml"))
    assert where(staged.findings) == [
        ("official.converted", "query", "cin.xml"),
        ("delivery.missing_file", "blocking", "early_help.csv"),
    ]


def test_annex_a_workbook_is_staged_as_canonical_files(tmp_path):
    conn = duckdb.connect()
    staged = stage(conn, delivery(tmp_path / "q4", annex_a="Annex A March 2025.xlsx",
                                  files={"early_help.csv": EARLY_HELP.format(child="C01")}))
    assert where(staged.findings) == [
        ("annex_a_xlsx.lists_not_used", "query", "Annex A March 2025.xlsx"),
        ("annex_a_xlsx.filled_value", "query", "Annex A March 2025.xlsx"),
        ("official.converted", "query", "Annex A March 2025.xlsx"),
    ]
    assert conn.execute("select plan_id, child_id, referral_id, start_date, end_date, "
                        "initial_category, latest_category, previous_plans from stg_cp_plans"
                        ).fetchall() == [
        ("C01-P1", "C01", "C01-R1", date(2024, 11, 20), None, "NEG", "MUL", 1),
        ("C05-P1", "C05", "C05-R1", date(2023, 7, 1), date(2024, 1, 10), "EMO", "NEG", 0),
        ("C05-P2", "C05", "C05-R1", date(2024, 9, 2), None, "NEG", "NEG", 1),
    ]
    assert conn.execute("select count(*) from stg_referrals").fetchone() == (5,)
    assert conn.execute("select count(*) from stg_cin_plans").fetchone() == (0,)  # not in Annex A


def test_converted_deliveries_pass_the_whole_contract(tmp_path):
    """Identifiers, types, GX suites and cross-file rules all accept the converted files."""
    from neglect_insight.pipelines.ingest import validate_delivery

    for name, kwargs, child in (("xml", {"xml": "cin.xml"}, "CH1001"),
                                ("annex", {"annex_a": "annex.xlsx"}, "C01")):
        folder = delivery(tmp_path / name, files={"early_help.csv": EARLY_HELP.format(
            child=child)}, **kwargs)
        outcome = validate_delivery(folder, tmp_path / "db" / f"{name}.duckdb",
                                    date(2025, 3, 31))
        assert outcome.run.outcome == "valid", outcome.blocking
        assert not [f for f in outcome.queries if not f.rule_id.startswith(
            ("official.", "annex_a_xlsx."))]


def test_other_files_stay_unknown(tmp_path):
    folder = delivery(tmp_path / "q4", files={
        "notes.xml": "<?xml version='1.0'?><Notes><Note>Q4</Note></Notes>",  # XML, not CIN
        "page.html": "<html><body><p>unclosed</body>",  # not well-formed, but never claimed XML
        "readme.txt": "Quarter 4",
        "extra.csv": "a,b\n1,2\n",
    })
    write_budget = folder / "budget.xlsx"
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active.append(["Line", "Cost"])
    wb.save(write_budget)
    (folder / "~$Annex A.xlsx").write_bytes(b"\x04owner")  # Excel's lock file, not a workbook

    converted, unknown, findings = convert_official_formats(sorted(folder.iterdir()), {})
    assert (converted, findings) == ({}, [])
    assert sorted(p.name for p in unknown) == [
        "budget.xlsx", "extra.csv", "notes.xml", "page.html", "readme.txt", "~$Annex A.xlsx"]


def test_a_cin_census_with_another_name_is_found_by_content(tmp_path):
    folder = delivery(tmp_path / "q4", xml="return_2025.dat")
    converted, unknown, _ = convert_official_formats(sorted(folder.iterdir()), {})
    assert (sorted(converted), unknown) == (
        ["assessments", "children", "cin_plans", "cp_plans", "referrals"], [])


def test_broken_xml_refuses_with_file_and_line_and_no_values(tmp_path):
    text = CIN_XML.read_text()
    cut = text.index("<UPN>H801200001003</UPN>") + len("<UPN>H801200001003")  # inside a UPN
    lines_before = text[:cut].count("\n") + 1
    folder = delivery(tmp_path / "q4", files={"cin.xml": text[:cut]})
    converted, unknown, findings = convert_official_formats([folder / "cin.xml"], {})
    assert (converted, unknown) == ({}, [])
    assert [(f.rule_id, f.severity, f.file, f.line) for f in findings] == [
        ("official.unreadable", "blocking", "cin.xml", lines_before)]
    assert "H801200001003" not in findings[0].message and findings[0].value is None


@pytest.mark.parametrize("content", [b"", b"not xml at all", b"<?xml version='1.0'?><Message>"])
def test_damaged_xml_refuses(tmp_path, content):
    (tmp_path / "cin.xml").write_bytes(content)
    _, unknown, findings = convert_official_formats([tmp_path / "cin.xml"], {})
    assert unknown == [] and where(findings) == [("official.unreadable", "blocking", "cin.xml")]


def test_damaged_workbook_refuses(tmp_path):
    (tmp_path / "annex.xlsx").write_bytes(b"PK\x03\x04 cut short")
    _, unknown, findings = convert_official_formats([tmp_path / "annex.xlsx"], {})
    assert unknown == [] and where(findings) == [("official.unreadable", "blocking", "annex.xlsx")]


def test_canonical_csv_wins_over_a_converted_file_and_the_clash_blocks(tmp_path):
    folder = delivery(tmp_path / "q4", xml="cin.xml", files={
        "referrals.csv": "referral_id,child_id,referral_date,source,primary_need,nfa,"
                         "closure_date,closure_reason\n"})
    staged = stage(duckdb.connect(), folder)
    assert staged.reads["referrals"].path == folder / "referrals.csv"
    assert staged.reads["children"].path == folder / "cin.xml"  # the rest still converted
    clashes = [f for f in staged.findings if f.rule_id == "official.duplicate_source"]
    assert [(f.severity, f.file) for f in clashes] == [("blocking", "cin.xml")]
    assert "referrals.csv" in clashes[0].message


def test_two_official_files_for_one_file_keep_the_first(tmp_path):
    folder = delivery(tmp_path / "q4", xml="a.xml", annex_a="b.xlsx")
    converted, _, findings = convert_official_formats(sorted(folder.iterdir()), {})
    assert all(table.source.name == "a.xml" for table in converted.values())
    assert [(f.rule_id, f.file) for f in findings if f.severity == "blocking"] == [
        ("official.duplicate_source", "b.xlsx")] * 4  # children, referrals, assessments, plans


def test_an_unexpected_error_is_a_finding_not_a_traceback(tmp_path, monkeypatch):
    def broken(path):
        raise KeyError("H801200001001")

    cin = dataclasses.replace(official.CIN_CENSUS, read=broken)
    monkeypatch.setattr(official, "FORMATS", (cin, official.ANNEX_A))
    folder = delivery(tmp_path / "q4", xml="cin.xml")
    _, unknown, findings = convert_official_formats([folder / "cin.xml"], {})
    assert unknown == [] and where(findings) == [("official.unreadable", "blocking", "cin.xml")]
    assert "H801200001001" not in findings[0].message
