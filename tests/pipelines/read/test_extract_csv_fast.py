"""The fast format check and the one-statement raw load (issue 11) give exactly what the csv
module's pass and the old load gave.

`check_format` tries `_check_format_fast` (numpy over chunks of bytes) and falls back to
`_check_format_slow` (the csv module, record by record). The properties below write random
small files (quotes, quoted newlines, mixed endings, blank lines, a byte-order mark, wrong
field counts, long fields, NUL bytes, lone carriage returns, bytes that are not UTF-8) and
assert that whatever the fast pass returns equals the slow pass's ExtractRead field for field
(rows, findings, record_lines, columns, extra_columns, sha256, bytes). The chunk size and the
field limit are made small so that chunk boundaries and long fields are reached.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from neglect_insight.pipelines.read import extract_csv
from neglect_insight.pipelines.read.extract_csv import (
    _check_format_fast,
    _check_format_slow,
    check_format,
    load_raw,
)
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES

CIN_PLANS = EXTRACT_FILES["cin_plans"]
COLUMNS = ["child_id", "referral_id", "start_date", "end_date"]
BOM = b"\xef\xbb\xbf"
PROPERTY = settings(max_examples=300, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Field text: plain ASCII, two-byte and three-byte UTF-8 (é, U+2028 line separator, U+0085),
# and characters str.splitlines() would break on but a CSV reader must not (\x0b, \x0c, \x1c).
PLAIN = [b"a", b"C1", b"2024-01-01", b" ", b";", "é".encode(), "\u2028".encode(),
         "\u0085".encode(), b"\x0b", b"\x0c", b"\x1c", b"\t"]
# What can make a file not simple, or not sound.
ODD = [b'"', b'""', b"\0", b"\r", b"\n", b"\r\n", b"\xff", b"\xe2\x82", b",", BOM]


def read_with(data: bytes, chunk: int, max_field: int):
    """(fast, slow) for `data` as cin_plans.csv, with the given chunk size and field limit."""
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(extract_csv, "CHUNK_BYTES", chunk)
        patch.setattr(extract_csv, "MAX_FIELD_CHARS", max_field)
        path = Path(folder) / "cin_plans.csv"
        path.write_bytes(data)
        fast = _check_format_fast(path, CIN_PLANS)
        slow = _check_format_slow(path, CIN_PLANS)
        chosen = check_format(path, CIN_PLANS)
    return fast, slow, chosen


def assert_same(fast, slow, chosen) -> None:
    assert chosen == slow  # check_format's answer is the csv module's answer
    if fast is not None:
        for name in ("rows", "findings", "record_lines", "columns", "extra_columns", "sha256",
                     "bytes", "stem", "path"):
            assert getattr(fast, name) == getattr(slow, name), name
        assert fast == slow


@st.composite
def fields(draw, odd: list[bytes]) -> bytes:
    text = b"".join(draw(st.lists(st.sampled_from(PLAIN * 3 + odd), max_size=12)))
    if odd and draw(st.integers(0, 5)) == 0:  # a quoted field, possibly over lines
        text = b'"' + text.replace(b'"', b'""') + b'"'
    return text


@st.composite
def csv_files(draw, anything: bool) -> bytes:
    """A small CSV file. With `anything`, the file may hold a few odd things (ODD), blank
    lines, mixed or lone line endings; otherwise it is simple (the fast pass must take it):
    one ending, no quote, no blank line, UTF-8. Field counts may be wrong in either."""
    header = draw(st.one_of(
        st.just(COLUMNS), st.just([*COLUMNS, "worker"]), st.just(COLUMNS[:3]),
        st.just([c.upper() for c in COLUMNS]),
        st.lists(st.sampled_from([*COLUMNS, "worker", "Child_ID", "", "a;b"]), min_size=1,
                 max_size=6)))
    ending = draw(st.sampled_from([b"\n", b"\r\n"]))
    odd = draw(st.lists(st.sampled_from(ODD), max_size=3, unique=True)) \
        if anything and draw(st.booleans()) else []
    mixed = anything and draw(st.booleans())
    lines = [b",".join(h.encode() for h in header)]
    for _ in range(draw(st.integers(0, 6))):
        width = len(header) + draw(st.sampled_from([0, 0, 0, 0, -1, 1]))
        lines.append(b",".join(draw(fields(odd)) for _ in range(max(width, 1))))
    if not anything:  # a simple file has no blank line
        lines = [line or b"x" for line in lines]
    data = b""
    for i, line in enumerate(lines):
        end = ending
        if mixed and draw(st.integers(0, 3)) == 0:
            end = draw(st.sampled_from([b"\n", b"\r\n", b"\r", b"\n\n", b"\r\n\r\n"]))
        data += line + (b"" if i == len(lines) - 1 and draw(st.booleans()) else end)
    if draw(st.booleans()):
        data = BOM + data
    if odd and draw(st.integers(0, 2)) == 0:  # a stray odd thing anywhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(odd)) + data[at:]
    return data


CHUNKS = st.sampled_from([1, 2, 3, 4, 5, 7, 16, 64, 1 << 23])
LIMITS = st.one_of(st.just(10_000), st.integers(3, 80))  # the header is 40 bytes


@PROPERTY
@given(data=csv_files(anything=True), chunk=CHUNKS, max_field=LIMITS)
@example(data=b"", chunk=1, max_field=10_000)
@example(data=BOM, chunk=1, max_field=10_000)
@example(data=BOM + b"\n", chunk=2, max_field=10_000)
@example(data=b"child_id\r", chunk=3, max_field=10_000)
@example(data=b"child_id,referral_id,start_date,end_date\nC\xff,R,,\n", chunk=7,
         max_field=10_000)
def test_any_file_gets_the_same_read_by_either_pass(data, chunk, max_field):
    assert_same(*read_with(data, chunk, max_field))


@PROPERTY
@given(data=csv_files(anything=False), chunk=CHUNKS)
def test_a_simple_file_takes_the_fast_pass_and_gets_the_same_read(data, chunk):
    fast, slow, chosen = read_with(data, chunk, 10_000)
    assert fast is not None
    assert_same(fast, slow, chosen)


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "cin_plans.csv"
    path.write_bytes(data)
    return path


def test_every_chunk_boundary_in_a_crlf_file_with_a_bom(tmp_path, monkeypatch):
    # Chunk sizes 1..len cut the file inside the byte-order mark, inside lines, between a \r
    # and its \n, and after the last \n; the read must not change.
    data = (BOM + b"child_id,referral_id,start_date,end_date\r\n"
            b"C001,R001,2024-01-01,\r\n"  # line 2
            b"C002,R002,2024-02-01\r\n"  # line 3: three fields
            b"C003,R003,,2024-03-01")  # line 4, no line ending
    path = write(tmp_path, data)
    slow = _check_format_slow(path, CIN_PLANS)
    assert [(f.rule_id, f.line) for f in slow.findings] == [("csv.field_count", 3)]
    assert slow.rows == 3
    for chunk in range(1, len(data) + 2):
        monkeypatch.setattr(extract_csv, "CHUNK_BYTES", chunk)
        assert _check_format_fast(path, CIN_PLANS) == slow, chunk


def test_a_line_ending_split_from_its_return_is_not_a_lone_return(tmp_path, monkeypatch):
    data = b"child_id,referral_id,start_date,end_date\r\nC001,R001,2024-01-01,\r\n"
    path = write(tmp_path, data)
    monkeypatch.setattr(extract_csv, "CHUNK_BYTES", data.index(b"\n"))  # ends on the \r
    fast = _check_format_fast(path, CIN_PLANS)
    assert fast is not None and (fast.rows, fast.findings) == (1, [])


def test_the_fast_pass_counts_rows_and_names_wrong_widths_by_hand(tmp_path):
    path = write(tmp_path, b"child_id,referral_id,start_date,end_date\n"  # line 1
                 b"C001,R001,2024-01-01,\n"  # 2: four fields
                 b"C002,R002,2024-02-01,,x\n"  # 3: five
                 b"C003\n"  # 4: one
                 b"C004,R004,2024-04-01,2024-05-01\n")  # 5: four
    fast = _check_format_fast(path, CIN_PLANS)
    assert fast is not None
    assert fast.rows == 4 and fast.record_lines is None
    assert [(f.rule_id, f.line, f.message) for f in fast.findings] == [
        ("csv.field_count", 3, "This row has 5 fields but the header has 4."),
        ("csv.field_count", 4, "This row has 1 fields but the header has 4.")]
    assert fast.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_endings_that_change_between_chunks_are_found(tmp_path, monkeypatch):
    # \n lines, then \r\n lines: with small chunks each chunk alone holds one kind of ending
    data = (b"child_id,referral_id,start_date,end_date\nC001,R001,2024-01-01,\n"
            b"C002,R002,2024-02-01,\r\nC003,R003,2024-03-01,\r\n")
    path = write(tmp_path, data)
    slow = _check_format_slow(path, CIN_PLANS)
    assert [(f.rule_id, f.line) for f in slow.findings] == [("csv.line_endings", 3)]
    for chunk in range(1, len(data) + 2):
        monkeypatch.setattr(extract_csv, "CHUNK_BYTES", chunk)
        assert _check_format_fast(path, CIN_PLANS) is None, chunk
        assert check_format(path, CIN_PLANS) == slow


def test_a_field_of_exactly_the_limit_takes_the_fast_pass(tmp_path):
    path = write(tmp_path, b"child_id,referral_id,start_date,end_date\n"
                 + b"x" * 10_000 + b"\n")  # one field, so a field count finding at line 2
    fast = _check_format_fast(path, CIN_PLANS)
    assert fast is not None and fast == _check_format_slow(path, CIN_PLANS)
    assert [(f.rule_id, f.line) for f in fast.findings] == [("csv.field_count", 2)]


@pytest.mark.parametrize("data", [
    b'child_id,referral_id,start_date,end_date\nC001,"R001",,\n',  # a quote
    b"child_id,referral_id,start_date,end_date\nC001,R001,,\n\nC002,R002,,\n",  # blank line
    b"child_id,referral_id,start_date,end_date\r\nC001,R001,,\n",  # endings mixed
    b"child_id,referral_id,start_date,end_date\nC001,R\r001,,\n",  # a lone \r
    b"child_id,referral_id,start_date,end_date\nC\r1,R,,\r\nC2,R,,\r\n",  # as many \r as \n
    b"child_id,referral_id,start_date,end_date\n" + b"x" * 10_001 + b"\n",  # one long field
    b"child_id,referral_id,start_date,end_date\nC001,R\x00,,\n",  # NUL
    b"child_id,referral_id,start_date,end_date\nZo\xeb,R,,\n",  # not UTF-8
    b"child_id,referral_id,start_date,end_date\nC001," + b"x" * 10_001 + b",,\n",  # long
    b"", BOM,
])
def test_files_the_fast_pass_declines(tmp_path, data):
    assert _check_format_fast(write(tmp_path, data), CIN_PLANS) is None


ATTENDANCE = EXTRACT_FILES["attendance"]


def test_the_one_statement_load_numbers_every_row_by_its_line(tmp_path):
    # 300,000 rows: several DuckDB row groups read by four threads. The row on line n holds
    # child_id "C<n>", so `_line` must be the number in child_id on every row. The optional
    # unauthorised_sessions is absent (loaded empty) and an extra column is kept.
    rows = 300_000
    body = "".join(f"C{line},2023/24,autumn,100,{line % 9},x\n" for line in range(2, rows + 2))
    path = tmp_path / "attendance.csv"
    path.write_bytes(b"child_id,academic_year,term,possible_sessions,absence_sessions,note\n"
                     + body.encode())
    read = check_format(path, ATTENDANCE)
    assert read.loadable and read.record_lines is None and read.rows == rows
    conn = duckdb.connect()
    conn.execute("set threads = 4")
    load_raw(conn, read, ATTENDANCE)
    assert conn.execute(
        "select count(*), min(_line), max(_line), count(*) filter (where child_id <> 'C' || "
        "_line), count(unauthorised_sessions), count(*) filter (where _line <> rowid + 2) "
        "from raw_attendance").fetchall() == [(rows, 2, rows + 1, 0, 0, 0)]
    assert [c for c, *_ in conn.execute("describe raw_attendance").fetchall()] == [
        "child_id", "academic_year", "term", "possible_sessions", "absence_sessions", "note",
        "unauthorised_sessions", "_line"]
    assert conn.execute("show tables").fetchall() == [("raw_attendance",)]
