"""Property-based fuzzing of the delivery readers (issue 10, point 10): whatever bytes a delivery
holds, reading it never raises, and every refusal names the file (and the line, where there is
one). Each example is read as the delivery reader reads it (`read_delivery`: CSV format check
and load, official-format detection and conversion), in a fresh temporary folder.

Bounded so the file runs in well under a minute on a busy machine; `EXAMPLES` counts what ran.
"""

from __future__ import annotations

import io
import random
import re
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

import duckdb
import openpyxl
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.delivery import read_delivery
from neglect_insight.pipelines.delivery_types import Finding
from tests.fixtures.official.annex_a_workbook import write_annex_a

OFFICIAL = Path(__file__).parents[2] / "fixtures" / "official"
CIN_XML = (OFFICIAL / "cin_census.xml").read_bytes()
SCHOOL_XML = (OFFICIAL / "school_census_autumn.xml").read_bytes()
SCHOOL_EXPORT = (OFFICIAL / "school_census_export.csv").read_bytes()
REFERRALS_HEADER = (b"referral_id,child_id,referral_date,source,primary_need,nfa,"
                    b"closure_date,closure_reason\r\n")
LINE_RULES = ("csv.",)  # rules about a place in a canonical CSV: they must give a line

EXAMPLES: Counter[str] = Counter()
FUZZ = settings(max_examples=120, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def read_file(name: str, data: bytes) -> list[Finding]:
    """The findings of reading a delivery holding only `name` (never raises, or the test
    fails with the traceback)."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / name).write_bytes(data)
        staged = read_delivery(duckdb.connect(), Path(folder))
    return staged.findings


def assert_refusals_placed(findings: list[Finding], name: str) -> None:
    for f in findings:
        if f.severity != "blocking" or f.rule_id == "delivery.missing_file":
            continue
        assert f.file, f
        if f.rule_id.startswith(LINE_RULES):
            assert f.line is not None and f.line >= 1, f
        if f.rule_id == "official.unreadable":
            assert f.file == name, f
            if name.endswith(".xml"):
                assert f.line is not None and f.line >= 1, f
        assert "Traceback" not in f.message


# --- 1. canonical CSV -------------------------------------------------------------------------

CSV_PIECES = st.sampled_from([
    b",", b'"', b'""', b"\r\n", b"\n", b"\r", b"\x00", b"\xef\xbb\xbf", b"\xff", b"\xc3",
    b"R1", b"C1", b"2024-01-05", b"N1", b"true", b";", b"\t", b"caf\xc3\xa9", b" ",
    b"x" * 10_001,
])
CSV_BODY = st.lists(st.one_of(CSV_PIECES, st.binary(max_size=20)), max_size=40).map(b"".join)


@FUZZ
@given(body=CSV_BODY, with_header=st.booleans())
@example(body=b"", with_header=False)
@example(body=b"R1,C1\r\n\x00,\r", with_header=True)
@example(body=b'"unclosed\n', with_header=True)
@example(body=b"\r\n\n", with_header=True)  # was a DuckDB traceback: line endings mixed
@example(body=b"R1,C1,2024-01-05,10,N1,false,,\n", with_header=True)
def test_csv_reader_never_crashes(body: bytes, with_header: bool) -> None:
    EXAMPLES["csv"] += 1
    data = (REFERRALS_HEADER if with_header else b"") + body
    assert_refusals_placed(read_file("referrals.csv", data), "referrals.csv")


@FUZZ
@given(data=st.binary(max_size=400))
@example(data=b"\xef\xbb\xbf")  # was a StopIteration traceback: no header row at all
@example(data=b"\r\n\r\n")
def test_csv_reader_arbitrary_bytes(data: bytes) -> None:
    EXAMPLES["csv bytes"] += 1
    assert_refusals_placed(read_file("referrals.csv", data), "referrals.csv")


def test_mixed_line_endings_are_refused_at_their_line() -> None:
    data = REFERRALS_HEADER + b"R1,C1,2024-01-05,10,N1,false,,\r\nR2,C2,2024-01-06,10,N1,false,,\n"
    found = [(f.rule_id, f.line) for f in read_file("referrals.csv", data)
             if f.file == "referrals.csv"]
    assert found == [("csv.line_endings", 3)]


# --- 2. CIN census XML ------------------------------------------------------------------------

ELEMENTS = re.compile(rb"<(CINdetails|Assessments|ChildProtectionPlans|Child)>.*?</\1>", re.S)
DATES = re.compile(rb"\d{4}-\d{2}-\d{2}")
XXE = (b'<?xml version="1.0"?>\n<!DOCTYPE Message [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
       b'<!ENTITY big "aaaaaaaaaa">]>\n')


def mutate_xml(source: bytes, how: str, rnd: random.Random, junk: bytes) -> bytes:
    """One damaged copy of a return: truncated, an element dropped or doubled, a date replaced,
    an entity/DOCTYPE added."""
    if how == "truncate":
        return source[: rnd.randrange(len(source))]
    spans = [m.span() for m in ELEMENTS.finditer(source)]
    if how in ("delete", "duplicate") and spans:
        start, end = rnd.choice(spans)
        middle = b"" if how == "delete" else source[start:end] * 2
        return source[:start] + middle + source[end:]
    if how == "date":
        dates = [m.span() for m in DATES.finditer(source)]
        start, end = rnd.choice(dates)
        return source[:start] + junk + source[end:]
    body = source.split(b"?>", 1)[1]
    return XXE + body.replace(b"<LAchildID>", b"<LAchildID>&xxe;&big;", 1)


@FUZZ
@given(how=st.sampled_from(["truncate", "delete", "duplicate", "date", "xxe"]),
       seed=st.integers(0, 2**32), junk=st.binary(max_size=30))
@example(how="xxe", seed=0, junk=b"")
@example(how="date", seed=0, junk=b"<")
def test_cin_census_mutations(how: str, seed: int, junk: bytes) -> None:
    EXAMPLES["cin census xml"] += 1
    data = mutate_xml(CIN_XML, how, random.Random(seed), junk)
    findings = read_file("cin_census_2025.xml", data)
    assert_refusals_placed(findings, "cin_census_2025.xml")
    assert not any("root:" in (f.message or "") for f in findings)  # XXE never resolved


@FUZZ
@given(data=st.one_of(st.binary(max_size=300),
                      st.binary(max_size=200).map(lambda b: b"<?xml version='1.0'?>" + b)))
@example(data=b"")  # was a refusal without a line: lxml gives line 0 for an empty file
@example(data=b"\xef\xbb\xbf")
def test_xml_arbitrary_bytes(data: bytes) -> None:
    EXAMPLES["xml bytes"] += 1
    assert_refusals_placed(read_file("cin_census_2025.xml", data), "cin_census_2025.xml")


# --- 3. Annex A workbook ----------------------------------------------------------------------

def _annex_a_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return write_annex_a(Path(folder) / "annex_a.xlsx").read_bytes()


ANNEX_A = _annex_a_bytes()
CELL_VALUES = st.one_of(st.text(max_size=30), st.integers(-10**12, 10**12),
                        st.floats(allow_nan=True, allow_infinity=True), st.dates(), st.none())


def _zip_with(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    return buffer.getvalue()


@FUZZ
@given(data=st.one_of(
    st.binary(max_size=300),
    st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b),
    st.dictionaries(st.sampled_from(["[Content_Types].xml", "xl/workbook.xml",
                                     "xl/worksheets/sheet1.xml", "junk.bin"]),
                    st.binary(max_size=100), max_size=4).map(_zip_with),
    st.integers(0, len(ANNEX_A)).map(lambda n: ANNEX_A[:n])))
@example(data=b"")
def test_workbook_arbitrary_bytes(data: bytes) -> None:
    EXAMPLES["xlsx bytes"] += 1
    assert_refusals_placed(read_file("annex_a.xlsx", data), "annex_a.xlsx")


def _cleanable(value: object) -> object:
    """openpyxl refuses control characters in cells; an LA's Excel cannot hold them either."""
    if isinstance(value, str):
        return openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


@settings(FUZZ, max_examples=60)
@given(changes=st.lists(st.tuples(st.integers(0, 10), st.integers(1, 12), st.integers(1, 14),
                                  CELL_VALUES), min_size=1, max_size=8))
@example(changes=[(4, 3, 7, -10**12)])  # was a Rust panic (not an Exception) in calamine
def test_annex_a_random_cells(changes: list[tuple[int, int, int, object]]) -> None:
    EXAMPLES["annex a cells"] += 1
    workbook = openpyxl.load_workbook(io.BytesIO(ANNEX_A))
    for sheet_index, row, column, value in changes:
        sheet = workbook.worksheets[sheet_index % len(workbook.worksheets)]
        sheet.cell(row, column).value = _cleanable(value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert_refusals_placed(read_file("annex_a.xlsx", buffer.getvalue()), "annex_a.xlsx")


# --- 4. school census (XML and export) --------------------------------------------------------

@settings(FUZZ, max_examples=60)
@given(cut=st.integers(0, len(SCHOOL_XML)), junk=st.binary(max_size=30),
       export=st.booleans())
def test_school_census_mutations(cut: int, junk: bytes, export: bool) -> None:
    EXAMPLES["school census"] += 1
    if export:
        data = SCHOOL_EXPORT[: cut % (len(SCHOOL_EXPORT) + 1)] + junk
        name = "attendance_export.csv"
    else:
        data = SCHOOL_XML[:cut] + junk + SCHOOL_XML[cut:]
        name = "school_census_autumn.xml"
    assert_refusals_placed(read_file(name, data), name)


# --- the end-to-end promise -------------------------------------------------------------------

def test_validate_refuses_corrupted_deliveries_without_a_traceback(tmp_path: Path) -> None:
    corrupted = {
        "referrals.csv": REFERRALS_HEADER + b'R1,"C1\x00\r\n\xff\xfe',
        "cin_census_2025.xml": CIN_XML[: len(CIN_XML) // 2],
        "annex_a.xlsx": ANNEX_A[: len(ANNEX_A) // 2],
        "school_census_autumn.xml": SCHOOL_XML.replace(b"<", b"<<", 3),
    }
    for name, data in corrupted.items():
        folder = tmp_path / name.replace(".", "_")
        folder.mkdir()
        (folder / name).write_bytes(data)
        result = CliRunner().invoke(app, ["validate", str(folder), "--db",
                                          str(tmp_path / "none.duckdb")])
        assert result.exit_code in (0, 1), (name, result.output, result.exception)
        assert "Traceback" not in result.output, name
        assert result.exception is None or isinstance(result.exception, SystemExit), name


def test_zz_examples_counted() -> None:
    """Reports how many examples ran (shown with `pytest -s`)."""
    print(f"\nfuzz examples run: {sum(EXAMPLES.values())} {dict(EXAMPLES)}")
