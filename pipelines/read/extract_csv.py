"""Read one canonical extract CSV: check its format, then load it as text into `raw_<stem>`.

Most files are simple: no quote character, one record a line, one kind of line ending. For
them the check is one chunked pass over the bytes (SHA-256, UTF-8 and, with numpy, the lines
and their commas), and each record's line is its position plus one. Any other file gets the
streaming pass with Python's csv module, which knows the physical line every record starts on
(a quoted field may span lines). Both give the same result; the fast pass only declines files
it cannot be sure of. The lines travel with the rows as `_line`, so every later finding can
name file and line. Once the format is sound, DuckDB reads the file itself (fast, no sniffing:
columns are given).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from neglect_insight.pipelines.delivery_types import ExtractRead, Finding, Rule, finding
from neglect_insight.pipelines.read.extract_files import ExtractFile, normalise_column_name
from neglect_insight.pipelines.read.raw_tables import raw_table

MAX_FIELD_CHARS = 10_000
CHUNK_BYTES = 1 << 20  # the fast pass reads 1 MiB at a time: memory stays flat (and in cache)
BOM = codecs.BOM_UTF8

UTF8 = Rule("csv.utf8", "blocking",
            "The file is not UTF-8 text. Save it as 'CSV UTF-8' and send it again.")
EMPTY_FILE = Rule("csv.empty_file", "blocking",
                  "The file is empty (0 bytes); it needs at least its header row.")
DELIMITER = Rule("csv.delimiter", "blocking",
                 "The header is not separated by commas. Save the file as comma-separated CSV.")
HEADER = Rule("csv.header", "blocking",
              "The header row has an empty or repeated column name. Give every column one name.")
FIELD_COUNT = Rule("csv.field_count", "blocking",
                   "This row has a different number of fields from the header row.")
QUOTING = Rule("csv.quoting", "blocking",
               "A quoted field is not closed or is followed by other text. Check the quotes.")
FIELD_TOO_LONG = Rule("csv.field_too_long", "blocking",
                      f"A field is longer than {MAX_FIELD_CHARS:,} characters.")
LINE_ENDINGS = Rule("csv.line_endings", "blocking",
                    "This line ends differently from the lines before it (Windows and Unix line "
                    "endings mixed). Save the whole file again as CSV.")
MISSING_COLUMN = Rule("csv.missing_column", "blocking",
                      "A required column is missing from the header row.")
EXTRA_COLUMN = Rule("csv.extra_column", "query",
                    "An unknown column was found. It is kept in the raw layer but not used.")

FORMAT_RULES = (UTF8, EMPTY_FILE, DELIMITER, HEADER, FIELD_COUNT, QUOTING, FIELD_TOO_LONG,
                LINE_ENDINGS, MISSING_COLUMN, EXTRA_COLUMN)


def sha256(path: Path) -> str:
    """The file's SHA-256, recorded with each run."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _first_invalid_utf8_line(path: Path) -> int | None:
    """The line holding the first byte that is not UTF-8, or None if the file is UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as err:
                return line + chunk[: err.start].count(b"\n")
            line += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return line
    return None


class _Lines:
    """A text file's lines (newline="" keeps their endings), remembering how the last one read
    ended: the csv module does not say, and DuckDB cannot load a file whose records end in
    different ways."""

    def __init__(self, text: Iterator[str]):
        self.text, self.ending = text, ""

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.text)
        self.ending = line[len(line.rstrip("\r\n")):]
        return line


def check_format(path: Path, extract: ExtractFile) -> ExtractRead:
    """Check a file against the format rules of extracts.md ("Refusals", "Format"): the fast
    pass when the file is simple enough for it, else the csv module's pass (the same result)."""
    read = _check_format_fast(path, extract)
    return read if read is not None else _check_format_slow(path, extract)


@dataclass
class _Scan:
    """What one pass over a simple file's bytes learnt."""

    sha256: str
    header: bytes  # the first line (after a byte-order mark), with its ending
    header_commas: int
    lines: int  # every line, the header's included
    wrong_width: list[tuple[int, int]] = field(default_factory=list)  # (line, commas) of a row


class _Simple:
    """The state of the fast pass between chunks: the lines so far, the line ending they all
    share, and the unfinished line the last chunk ended in."""

    def __init__(self) -> None:
        self.carry, self.bom_pending = b"", True
        self.crlf: bool | None = None
        self.header: bytes | None = None
        self.header_commas = 0
        self.lines = 0
        self.wrong_width: list[tuple[int, int]] = []

    def feed(self, chunk: bytes) -> bool:
        """Take the next chunk; False if the file is not simple."""
        buf = self.carry + chunk if self.carry else chunk
        if self.bom_pending:
            if len(buf) < len(BOM) and BOM.startswith(buf):
                self.carry = buf  # wait for the rest of a possible byte-order mark
                return True
            buf, self.bom_pending = buf.removeprefix(BOM), False
        end = buf.rfind(b"\n") + 1
        self.carry = buf[end:]
        if len(self.carry) > MAX_FIELD_CHARS + 1:  # a line too long for the fast pass
            return False
        return end == 0 or self._lines(memoryview(buf)[:end], b"\r" in buf)

    def _lines(self, view: memoryview, maybe_cr: bool) -> bool:
        """Whole lines, each ending in \\n: one ending, none blank or long, commas counted."""
        data = np.frombuffer(view, np.uint8)
        ends = np.flatnonzero(data == 10)
        if maybe_cr and (data == 13).any():
            returns = np.flatnonzero(data == 13)
            if returns.size != ends.size or not np.array_equal(returns + 1, ends):
                return False  # a lone \r, or \n and \r\n mixed
            crlf = True
        else:
            crlf = False
        if self.crlf is not None and crlf != self.crlf:
            return False
        self.crlf = crlf
        starts = np.empty_like(ends)
        starts[0], starts[1:] = 0, ends[:-1] + 1
        lengths = ends - starts - int(crlf)
        if lengths.min() == 0 or lengths.max() > MAX_FIELD_CHARS:
            return False  # a blank line, or a line that might hold a field too long
        commas = np.diff(np.searchsorted(np.flatnonzero(data == 44), ends), prepend=0)
        first = 0
        if self.header is None:
            self.header, self.header_commas, first = bytes(view[: ends[0] + 1]), int(commas[0]), 1
        wrong = np.flatnonzero(commas[first:] != self.header_commas) + first
        self.wrong_width.extend(zip((wrong + self.lines + 1).tolist(),
                                    commas[wrong].tolist(), strict=True))
        self.lines += ends.size
        return True

    def finish(self) -> bool:
        """The last line, if the file does not end in a line ending."""
        last = self.carry.removeprefix(BOM) if self.bom_pending else self.carry
        if not last:
            return self.header is not None
        if b"\r" in last or len(last) > MAX_FIELD_CHARS:
            return False
        commas = last.count(b",")
        if self.header is None:
            self.header, self.header_commas = last, commas
        elif commas != self.header_commas:
            self.wrong_width.append((self.lines + 1, commas))
        self.lines += 1
        return True


def _scan_simple(path: Path) -> _Scan | None:
    """One read of the file: its SHA-256, whether it is UTF-8, and its lines if it is simple
    (no quote character or NUL, no lone \\r, one kind of line ending, no blank line, no line
    over MAX_FIELD_CHARS bytes, and so no field over MAX_FIELD_CHARS characters). None when
    the file is empty, not UTF-8 or not simple: the csv module's pass then decides."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    simple = _Simple()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(CHUNK_BYTES), b""):
            digest.update(chunk)
            if not chunk.isascii() or decoder.getstate()[0]:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    return None
            if b'"' in chunk or b"\0" in chunk or not simple.feed(chunk):
                return None
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    if not simple.finish() or simple.header is None:
        return None
    return _Scan(digest.hexdigest(), simple.header, simple.header_commas, simple.lines,
                 simple.wrong_width)


def _check_format_fast(path: Path, extract: ExtractFile) -> ExtractRead | None:
    """check_format for a simple file, without a Python step per record; None if the file is
    not simple. The header is still parsed by the csv module."""
    scan = _scan_simple(path)
    if scan is None:
        return None
    read = ExtractRead(extract.stem, path, sha256=scan.sha256, bytes=path.stat().st_size)
    csv.field_size_limit(MAX_FIELD_CHARS)
    header = next(csv.reader([scan.header.decode("utf-8")], delimiter=",", quotechar='"',
                             doublequote=True, strict=True))
    check_header(read, header, extract)
    if not read.loadable:
        return read
    width = len(header)
    for line, commas in scan.wrong_width:
        read.findings.append(finding(
            FIELD_COUNT, path.name, line,
            message=f"This row has {commas + 1} fields but the header has {width}."))
    read.rows = scan.lines - 1
    return read


def _check_format_slow(path: Path, extract: ExtractFile) -> ExtractRead:
    """check_format by the csv module, record by record: any file."""
    read = ExtractRead(extract.stem, path, bytes=path.stat().st_size)
    name = path.name
    read.sha256 = sha256(path)
    if read.bytes == 0:
        read.findings.append(finding(EMPTY_FILE, name, 1))
        return read
    bad_line = _first_invalid_utf8_line(path)
    if bad_line is not None:
        read.findings.append(finding(UTF8, name, bad_line))
        return read

    csv.field_size_limit(MAX_FIELD_CHARS)
    record_lines = array("q")
    spans_lines = False
    with path.open("r", encoding="utf-8-sig", newline="") as text:
        lines = _Lines(text)
        reader = csv.reader(lines, delimiter=",", quotechar='"', doublequote=True, strict=True)
        try:
            header = next(reader)
        except StopIteration:  # only a byte-order mark, or only blank lines
            read.findings.append(finding(EMPTY_FILE, name, 1, message=(
                "The file has no header row (it holds only blank lines or a byte-order mark).")))
            return read
        except csv.Error as err:
            read.findings.append(_csv_error_finding(err, name, reader.line_num))
            return read
        check_header(read, header, extract)
        if not read.loadable:
            return read
        width, ending = len(header), lines.ending
        previous_end = reader.line_num
        while True:
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                read.findings.append(_csv_error_finding(err, name, reader.line_num))
                return read
            start = previous_end + 1
            previous_end = reader.line_num
            if lines.ending and ending and lines.ending != ending:
                read.findings.append(finding(LINE_ENDINGS, name, previous_end))
                return read
            ending = ending or lines.ending
            if not record:  # a blank line is not a record
                continue
            if previous_end != start:
                spans_lines = True
            record_lines.append(start)
            if len(record) != width:
                read.findings.append(finding(
                    FIELD_COUNT, name, start,
                    message=f"This row has {len(record)} fields but the header has {width}."))
    read.rows = len(record_lines)
    read.record_lines = record_lines if spans_lines else None
    return read


def _csv_error_finding(err: csv.Error, file: str, line: int) -> Finding:
    rule = FIELD_TOO_LONG if "field larger than field limit" in str(err) else QUOTING
    return finding(rule, file, line)


def check_header(read: ExtractRead, header: list[str], extract: ExtractFile) -> None:
    """Column names against the contract (a CSV's header row, or a converted table's columns):
    one delimiter, every name given once, required columns present, extra columns reported."""
    name = read.file_name
    if len(header) == 1 and any(sep in header[0] for sep in (";", "\t", "|")):
        read.findings.append(finding(DELIMITER, name, 1))
        return
    columns = [normalise_column_name(c) for c in header]
    if any(c == "" for c in columns) or len(set(columns)) != len(columns):
        read.findings.append(finding(HEADER, name, 1))
        return
    read.columns = columns
    for missing in (c for c in extract.required_columns if c not in columns):
        read.findings.append(finding(
            MISSING_COLUMN, name, 1, missing,
            message=f"The required column '{missing}' is missing from the header row."))
    read.extra_columns = [c for c in columns if c not in extract.column_names]
    for extra in read.extra_columns:
        read.findings.append(finding(
            EXTRA_COLUMN, name, 1, extra,
            message=f"The column '{extra}' is not in the contract. It is kept in the raw layer "
                    "but not used."))


def load_raw(conn: duckdb.DuckDBPyConnection, read: ExtractRead, extract: ExtractFile) -> None:
    """Load a format-checked file as text into raw_<stem>, every contract column present
    (an absent optional column is empty), extra columns kept, `_line` the record's first line.

    With one record a line, one statement: DuckDB's CSV reader keeps the file's order (the
    default `preserve_insertion_order`), and `row_number() over ()` numbers rows in that order
    (DuckDB's "Order Preservation" page), so the header is line 1 and the nth record line n+1.
    Otherwise the file is read into a table first and its rows joined to their lines by rowid."""
    table = raw_table(extract.stem)
    columns = {c: "VARCHAR" for c in read.columns}
    source = ("read_csv(?, header = true, auto_detect = false, delim = ',', quote = '\"', "
              "escape = '\"', strict_mode = true, max_line_size = 100000000, "
              f"columns = {columns!r})")
    missing = [c for c in extract.column_names if c not in read.columns]
    select = ", ".join([f't."{c}"' for c in read.columns]
                       + [f'null::varchar as "{c}"' for c in missing])
    if read.record_lines is None:
        conn.execute(
            f"create or replace table {table} as select {select}, "
            f"(row_number() over () + 1)::bigint as _line from {source} as t",
            [str(read.path)],
        )
        return
    conn.execute(f"create or replace table {table}_load as select * from {source}",
                 [str(read.path)])
    conn.register("record_lines", pa.table({"line": pa.array(read.record_lines, pa.int64())}))
    conn.execute(
        f"create or replace table {table}_line as select row_number() over () - 1 as rid, "
        "line from record_lines"
    )
    conn.unregister("record_lines")
    conn.execute(
        f"create or replace table {table} as select {select}, (l.line)::bigint as _line "
        f"from {table}_load as t join {table}_line as l on l.rid = t.rowid order by t.rowid"
    )
    conn.execute(f"drop table {table}_load")
    conn.execute(f"drop table {table}_line")
