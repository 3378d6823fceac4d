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
UPNS = ("H801200001001", "F801200009990", "L801200001003", "Z801200001098")
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
        ("CH1001/2024-04-10/1", "CH1001", date(2024, 4, 10), "2A", "N1", False,
         date(2024, 10, 31), "RC7", 2),
        ("CH1001/2025-02-03/1", "CH1001", date(2025, 2, 3), "6", "N1", False, None, None, 3),
        ("CH1002/2025-01-08/1", "CH1002", date(2025, 1, 8), "3B", "N1", False, None, None, 4),
        ("CH1003/2024-06-03/1", "CH1003", date(2024, 6, 3), "1A", None, True, date(2024, 6, 3),
         "RC8", 5),
    ]
    assert conn.execute("select child_id, sex, birth_month, expected_birth_month, disabled "
                        "from stg_children").fetchall() == [
        ("CH1001", "M", date(2016, 7, 1), None, False),
        ("CH1002", "U", None, date(2025, 5, 1), None),  # unborn
        ("CH1003", "F", date(2010, 12, 1), None, True),
    ]
    assert conn.execute("select plan_id, previous_plans from stg_cp_plans").fetchall() == [
        ("CH1001/2024-04-10/1/P2024-05-20/1", 2), ("CH1001/2025-02-03/1/P2025-03-03/1", 3)]
    assert conn.execute("select assessment_id, factors from stg_assessments").fetchall()[0] == (
        "CH1001/2024-04-10/1/A2024-04-12/1", "2B;16A")


def test_no_upn_reaches_a_raw_table(tmp_path):
    conn = duckdb.connect()
    staged = stage(conn, delivery(tmp_path / "q4", xml="cin.xml"))
    raw = [str(row) for stem in staged.reads
           for row in conn.execute(f"select * from raw_{stem}").fetchall()]
    assert not [u for u in UPNS + ("UN1",) for t in raw if u in t]


def test_an_xml_alone_is_a_whole_delivery(tmp_path):
    """early_help.csv is expected, not required (issue 8 point 2): nothing is missing."""
    staged = stage(duckdb.connect(), delivery(tmp_path / "q4", xml="cin.xml"))
    assert where(staged.findings) == [("official.converted", "query", "cin.xml")]


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
        ("C01/2024-11-20/P1", "C01", "C01/2024-10-07/1", date(2024, 11, 20), None, "NEG",
         "MUL", 1),
        ("C05/2023-07-01/P1", "C05", "C05/2023-05-02/1", date(2023, 7, 1), date(2024, 1, 10),
         "EMO", "NEG", 0),
        ("C05/2024-09-02/P1", "C05", "C05/2023-05-02/1", date(2024, 9, 2), None, "NEG", "NEG",
         1),
    ]
    assert conn.execute("select count(*) from stg_referrals").fetchone() == (5,)
    assert conn.execute("select count(*) from stg_cin_plans").fetchone() == (0,)  # not in Annex A


def _line_of_nth(text: str, element: str, nth: int) -> int:
    at = -1
    for _ in range(nth):
        at = text.index(f"<{element}>", at + 1)
    return text[:at].count("\n") + 1


def test_converted_deliveries_pass_the_whole_contract(tmp_path):
    """Identifiers, types, GX suites, cross-file and DfE rules all accept the converted files:
    nothing blocking. The queries left are DfE queries that are right about the data, each named
    by its place and child: on the census return, CH1003's nfa referral (its fourth CINdetails)
    closed RC8 with no assessment (8825Q, as the DfE words it); in the workbook, the authorised
    assessments of List 4 give no factors (8897Q: Annex A has no factors column)."""
    from neglect_insight.pipelines.ingest import validate_delivery

    nfa_line = _line_of_nth(CIN_XML.read_text(), "CINdetails", 4)
    list_4 = "sheet List 4 - Assessments"
    for name, kwargs, child, expected in (
            ("xml", {"xml": "cin.xml"}, "CH1001",
             [("dfe.8825Q", "cin.xml", f"line {nfa_line}", "CH1003")]),
            ("annex", {"annex_a": "annex.xlsx"}, "C01",
             [("dfe.8897Q", "annex.xlsx", f"{list_4}, row 2", "C01"),
              ("dfe.8897Q", "annex.xlsx", f"{list_4}, row 3", "C02")])):
        folder = delivery(tmp_path / name, files={"early_help.csv": EARLY_HELP.format(
            child=child)}, **kwargs)
        outcome = validate_delivery(folder, tmp_path / "db" / f"{name}.duckdb",
                                    date(2025, 3, 31))
        assert outcome.run.outcome == "valid", outcome.blocking
        queries = [f for f in outcome.queries if not f.rule_id.startswith(
            ("official.", "annex_a_xlsx."))]
        assert [(f.rule_id, f.source, f.place, f.child_id) for f in queries] == expected
        assert all(f"DfE rule {f.rule_id.removeprefix('dfe.')}:" in f.message for f in queries)


def test_the_census_return_rules_are_recorded_as_run_on_the_return(tmp_path):
    """The run record lists every DfE census-return rule as run on the XML, passed or not."""
    from neglect_insight.pipelines.ingest import validate_delivery
    from neglect_insight.pipelines.read.cin_census_rules import rules

    outcome = validate_delivery(delivery(tmp_path / "q4", xml="cin.xml"),
                                tmp_path / "db" / "n.duckdb", date(2025, 3, 31))
    recorded = {r.rule_id: r.failing_rows for r in outcome.run.rules if r.file == "cin.xml"}
    assert {rule.id: recorded.get(rule.id) for rule in rules()} == {
        rule.id: 0 for rule in rules()}  # all run, none failed: a valid return


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

    conversion = convert_official_formats(sorted(folder.iterdir()))
    assert (conversion.tables, conversion.findings) == ({}, [])
    assert sorted(p.name for p in conversion.unknown) == [
        "budget.xlsx", "extra.csv", "notes.xml", "page.html", "readme.txt", "~$Annex A.xlsx"]


def test_a_cin_census_with_another_name_is_found_by_content(tmp_path):
    folder = delivery(tmp_path / "q4", xml="return_2025.dat")
    conversion = convert_official_formats(sorted(folder.iterdir()))
    assert (sorted(conversion.tables), conversion.unknown) == (
        ["assessments", "children", "cin_plans", "cp_plans", "referrals"], [])


def test_broken_xml_refuses_with_file_and_line_and_no_values(tmp_path):
    text = CIN_XML.read_text()
    cut = text.index("<UPN>L801200001003</UPN>") + len("<UPN>L801200001003")  # inside a UPN
    lines_before = text[:cut].count("\n") + 1
    folder = delivery(tmp_path / "q4", files={"cin.xml": text[:cut]})
    conversion = convert_official_formats([folder / "cin.xml"])
    findings = conversion.findings
    assert (conversion.tables, conversion.unknown) == ({}, [])
    assert [(f.rule_id, f.severity, f.file, f.line) for f in findings] == [
        ("official.unreadable", "blocking", "cin.xml", lines_before)]
    assert "L801200001003" not in findings[0].message and findings[0].value is None


@pytest.mark.parametrize("content", [b"", b"not xml at all", b"<?xml version='1.0'?><Message>"])
def test_damaged_xml_refuses(tmp_path, content):
    (tmp_path / "cin.xml").write_bytes(content)
    conversion = convert_official_formats([tmp_path / "cin.xml"])
    assert conversion.unknown == [] and where(conversion.findings) == [
        ("official.unreadable", "blocking", "cin.xml")]


def test_damaged_workbook_refuses(tmp_path):
    (tmp_path / "annex.xlsx").write_bytes(b"PK\x03\x04 cut short")
    conversion = convert_official_formats([tmp_path / "annex.xlsx"])
    assert conversion.unknown == [] and where(conversion.findings) == [
        ("official.unreadable", "blocking", "annex.xlsx")]


def test_a_csv_and_a_converted_file_for_one_file_are_merged_not_refused(tmp_path):
    folder = delivery(tmp_path / "q4", xml="cin.xml", files={
        "referrals.csv": "referral_id,child_id,referral_date,source,primary_need,nfa,"
                         "closure_date,closure_reason\n"})
    conn = duckdb.connect()
    staged = stage(conn, folder)
    assert staged.reads["referrals"].file_name == "referrals.csv"
    assert staged.reads["children"].path == folder / "cin.xml"  # the rest still converted
    assert not [f for f in staged.findings if f.severity == "blocking"
                and f.rule_id != "delivery.missing_file"]
    assert conn.execute("select count(*) from raw_referrals").fetchone() == (4,)  # XML's rows


def test_two_official_files_for_one_file_are_both_kept_for_the_merge(tmp_path):
    folder = delivery(tmp_path / "q4", xml="a.xml", annex_a="b.xlsx")
    conversion = convert_official_formats(sorted(folder.iterdir()))
    assert [t.source.name for t in conversion.tables["children"]] == ["a.xml", "b.xlsx"]
    assert not [f for f in conversion.findings if f.severity == "blocking"]
    assert [s.format for s in conversion.summaries] == ["CIN census XML", "Annex A workbook"]


def test_an_unexpected_error_is_a_finding_not_a_traceback(tmp_path, monkeypatch):
    def broken(path):
        raise KeyError("H801200001001")

    cin = dataclasses.replace(official.CIN_CENSUS, read=broken,
                              read_all=lambda paths: broken(paths[0]))
    monkeypatch.setattr(official, "FORMATS", (cin, official.ANNEX_A))
    folder = delivery(tmp_path / "q4", xml="cin.xml")
    conversion = convert_official_formats([folder / "cin.xml"])
    assert conversion.unknown == [] and where(conversion.findings) == [
        ("official.unreadable", "blocking", "cin.xml")]
    assert "H801200001001" not in conversion.findings[0].message
