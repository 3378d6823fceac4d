"""Read one canonical extract CSV: check its format, then load it as text into `raw_<stem>`.

The format check is a streaming pass with Python's csv module because it knows the physical
line every record starts on (a quoted field may span lines); those lines travel with the rows
as `_line`, so every later finding can name file and line. Once the format is sound, DuckDB
reads the file itself (fast, no sniffing: columns are given).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
from array import array
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from neglect_insight.pipelines.delivery_types import ExtractRead, Finding, Rule, finding
from neglect_insight.pipelines.read.extract_files import ExtractFile, normalise_column_name
from neglect_insight.pipelines.read.raw_tables import raw_table

MAX_FIELD_CHARS = 10_000

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
    """Check a file against the format rules of extracts.md ("Refusals", "Format")."""
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
    (an absent optional column is empty), extra columns kept, `_line` the record's first line."""
    table = raw_table(extract.stem)
    columns = {c: "VARCHAR" for c in read.columns}
    conn.execute(
        f"create or replace table {table}_load as select * from read_csv(?, header = true, "
        "auto_detect = false, delim = ',', quote = '\"', escape = '\"', strict_mode = true, "
        f"max_line_size = 100000000, columns = {columns!r})",
        [str(read.path)],
    )
    if read.record_lines is not None:
        conn.register("record_lines", pa.table({"line": pa.array(read.record_lines, pa.int64())}))
        conn.execute(
            f"create or replace table {table}_line as select row_number() over () - 1 as rid, "
            "line from record_lines"
        )
        conn.unregister("record_lines")
        line_expr, join = "l.line", f"join {table}_line as l on l.rid = t.rowid"
        order = " order by t.rowid"
    else:  # one record per line: rowid follows insertion order, the header is line 1
        line_expr, join, order = "t.rowid + 2", "", ""
    missing = [c for c in extract.column_names if c not in read.columns]
    select = ", ".join([f't."{c}"' for c in read.columns]
                       + [f'null::varchar as "{c}"' for c in missing])
    conn.execute(
        f"create or replace table {table} as select {select}, ({line_expr})::bigint as _line "
        f"from {table}_load as t {join}{order}"
    )
    conn.execute(f"drop table {table}_load")
    conn.execute(f"drop table if exists {table}_line")
