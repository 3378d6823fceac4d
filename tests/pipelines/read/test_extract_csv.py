"""Format rules of one extract CSV (extracts.md, "Refusals", "Format") and the raw load's lines.

Files are written byte by byte into tmp_path; cin_plans.csv (four columns) is the example.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from neglect_insight.pipelines.read.extract_csv import MAX_FIELD_CHARS, check_format, load_raw
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES

CIN_PLANS = EXTRACT_FILES["cin_plans"]
HEADER = b"child_id,referral_id,start_date,end_date\n"


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "cin_plans.csv"
    path.write_bytes(data)
    return path


def found(path: Path) -> list[tuple[str, int | None]]:
    return [(f.rule_id, f.line) for f in check_format(path, CIN_PLANS).findings]


def raw_lines(path: Path) -> list[tuple]:
    read = check_format(path, CIN_PLANS)
    assert read.loadable, read.findings
    conn = duckdb.connect()
    load_raw(conn, read, CIN_PLANS)
    return conn.execute("select child_id, start_date, _line from raw_cin_plans order by _line"
                        ).fetchall()


def test_a_sound_file_has_no_findings(tmp_path):
    path = write(tmp_path, HEADER + b"C001,R001,2024-01-01,\nC002,R002,2024-02-01,2024-03-01\n")
    read = check_format(path, CIN_PLANS)
    assert (read.findings, read.rows, read.columns) == (
        [], 2, ["child_id", "referral_id", "start_date", "end_date"])


def test_not_utf8_is_refused_at_its_line(tmp_path):
    # line 3 holds "Zoë" in Windows-1252 (0xEB), which is not UTF-8
    path = write(tmp_path, HEADER + b"C001,R001,2024-01-01,\nZo\xeb,R002,2024-02-01,\n")
    assert found(path) == [("csv.utf8", 3)]


def test_a_bom_is_accepted_and_not_part_of_the_first_column(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + HEADER + b"C001,R001,2024-01-01,\n")
    read = check_format(path, CIN_PLANS)
    assert read.findings == [] and read.columns[0] == "child_id"
    assert raw_lines(path) == [("C001", "2024-01-01", 2)]


def test_column_names_are_case_insensitive_and_trimmed(tmp_path):
    path = write(tmp_path, b" Child_ID ,REFERRAL_ID,Start_Date,end_date\nC001,R001,2024-01-01,\n")
    assert found(path) == []


@pytest.mark.parametrize("separator", [b";", b"\t", b"|"])
def test_another_delimiter_is_refused(tmp_path, separator):
    path = write(tmp_path, HEADER.replace(b",", separator) + b"C001" + separator + b"R001\n")
    assert found(path) == [("csv.delimiter", 1)]


def test_a_row_with_too_many_or_too_few_fields_is_refused(tmp_path):
    path = write(tmp_path, HEADER + b"C001,R001,2024-01-01,\n"  # line 2: sound
                 b"C002,R002,2024-02-01,,extra\n"  # line 3: five fields
                 b"C003,R003\n")  # line 4: two fields
    findings = check_format(path, CIN_PLANS).findings
    assert [(f.rule_id, f.line) for f in findings] == [("csv.field_count", 3),
                                                      ("csv.field_count", 4)]
    assert "5 fields but the header has 4" in findings[0].message


def test_an_unclosed_quote_is_refused(tmp_path):
    path = write(tmp_path, HEADER + b"C001,R001,2024-01-01,\n"
                 b'C002,"R002,2024-02-01,\nC003,R003,2024-03-01,\n')  # quote opened on line 3
    assert [rule for rule, _ in found(path)] == ["csv.quoting"]


def test_text_after_a_closing_quote_is_refused(tmp_path):
    path = write(tmp_path, HEADER + b'C001,"R0"01,2024-01-01,\n')
    assert found(path) == [("csv.quoting", 2)]


def test_a_field_over_10000_characters_is_refused(tmp_path):
    long = b"x" * (MAX_FIELD_CHARS + 1)
    path = write(tmp_path, HEADER + b"C001,R001,2024-01-01,\nC002," + long + b",2024-01-01,\n")
    assert found(path) == [("csv.field_too_long", 3)]


def test_a_field_of_exactly_10000_characters_passes(tmp_path):
    path = write(tmp_path, HEADER + b"C002," + b"x" * MAX_FIELD_CHARS + b",2024-01-01,\n")
    assert found(path) == []


def test_a_zero_byte_file_is_refused(tmp_path):
    assert found(write(tmp_path, b"")) == [("csv.empty_file", 1)]


def test_a_header_only_file_is_a_valid_empty_file(tmp_path):
    path = write(tmp_path, HEADER)
    read = check_format(path, CIN_PLANS)
    assert (read.findings, read.rows) == ([], 0)
    assert raw_lines(path) == []


def test_a_multiline_quoted_field_keeps_line_numbers_right(tmp_path):
    path = write(tmp_path, HEADER
                 + b"C001,R001,2024-01-01,\n"  # line 2
                 + b'C002,"R002\nsecond line\nthird",2024-02-01,\n'  # lines 3-5: one record
                 + b"C003,R003,2024-03-01,\n")  # line 6
    assert found(path) == []
    assert raw_lines(path) == [("C001", "2024-01-01", 2), ("C002", "2024-02-01", 3),
                               ("C003", "2024-03-01", 6)]


def test_a_field_count_error_after_a_multiline_field_names_its_physical_line(tmp_path):
    path = write(tmp_path, HEADER + b'C001,"R001\nmore",2024-01-01,\n'  # lines 2-3
                 + b"C002,R002\n")  # line 4: two fields
    assert found(path) == [("csv.field_count", 4)]


def test_crlf_line_endings_are_sound(tmp_path):
    path = write(tmp_path, HEADER.replace(b"\n", b"\r\n") + b"C001,R001,2024-01-01,\r\n"
                 b"C002,R002,2024-02-01,\r\n")
    assert found(path) == []
    assert [line for *_, line in raw_lines(path)] == [2, 3]


def test_a_missing_required_column_is_refused(tmp_path):
    path = write(tmp_path, b"child_id,referral_id,start_date\nC001,R001,2024-01-01\n")
    read = check_format(path, CIN_PLANS)
    assert [(f.rule_id, f.line, f.column) for f in read.findings] == [
        ("csv.missing_column", 1, "end_date")]


def test_an_extra_column_is_a_query_and_kept(tmp_path):
    path = write(tmp_path, b"child_id,referral_id,start_date,end_date,worker\n"
                 b"C001,R001,2024-01-01,,T1\n")
    read = check_format(path, CIN_PLANS)
    assert [(f.rule_id, f.severity, f.column) for f in read.findings] == [
        ("csv.extra_column", "query", "worker")]
    assert read.loadable and read.extra_columns == ["worker"]


def test_a_repeated_column_is_refused(tmp_path):
    path = write(tmp_path, b"child_id,referral_id,start_date,end_date,Child_ID\nC1,R1,,,C1\n")
    assert found(path) == [("csv.header", 1)]
