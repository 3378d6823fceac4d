"""Official formats in a delivery folder (CIN census XML, Annex A workbook), detected by content
and converted to the canonical form in memory (extracts.md: "Official formats ... are converted
into exactly this form by the pipeline").

    files that are not a canonical CSV
      → CIN census XML?   root Message → Children → Child → ChildIdentifiers  (cin_census_xml.py)
      → Annex A workbook? a sheet "List <n>" or a list's own header, with "Child Unique ID"
                                                                              (annex_a_xlsx.py)
      → canonical tables (Arrow, all text), returned by stem with the file they came from; the
        staging step checks their columns and loads them as raw_<stem> (`read_converted`),
        nothing is written to disk
      → anything else stays unknown (staging reports it and ignores it)

The extension does not decide what a file is; it decides only how a damaged file is treated.
A file that claims to be XML (`.xml`, or text starting `<?xml`) or a workbook (`.xlsx`, `.xlsm`,
`.xls`) but cannot be read refuses the delivery with a finding naming the file (and the line, for
XML) — never the parser's message, which can quote the data. Other files are only tried, and
stay unknown if they are not an official format. Excel's lock files (`~$name.xlsx`) are skipped.

Each converted source gives a query finding naming the canonical files made from it, because
the findings of the canonical rules name those files (`referrals.csv, line 4`: the row's line
in the canonical CSV, header = line 1), not the source.
A canonical CSV and a converted file for the same stem (or two official files for one stem) is a
blocking `official.duplicate_source`: the CSV (or the first file by name) is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pyarrow as pa

from neglect_insight.pipelines.delivery_types import ExtractRead, Finding, Rule, finding
from neglect_insight.pipelines.read import annex_a_xlsx, cin_census_xml
from neglect_insight.pipelines.read.extract_csv import check_header, sha256
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES, ExtractFile

UNREADABLE = Rule(
    "official.unreadable", "blocking",
    "The file looks like a CIN census XML or a workbook but cannot be read (damaged, not "
    "complete, or not what its name says). Export it again and send it, or remove it.")
DUPLICATE_SOURCE = Rule(
    "official.duplicate_source", "blocking",
    "Two files in the delivery give the same extract file (a CSV and a converted official "
    "file, or two official files). Send one source for each file.")
CONVERTED = Rule(
    "official.converted", "query",
    "An official file was converted to canonical files; findings for those files name the "
    "canonical file and the row's line in it.")

XML_SUFFIXES = (".xml",)
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls
LOCK_FILE_PREFIX = "~$"


def _xml_candidate(path: Path, head: bytes) -> tuple[bool, bool]:
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    claims = path.suffix.lower() in XML_SUFFIXES or text.startswith(b"<?xml")
    return claims or text.startswith(b"<"), claims


def _workbook_candidate(path: Path, head: bytes) -> tuple[bool, bool]:
    claims = path.suffix.lower() in WORKBOOK_SUFFIXES
    return claims or head.startswith((ZIP_MAGIC, OLE2_MAGIC)), claims


@dataclass(frozen=True)
class OfficialFormat:
    label: str
    # (worth trying, claims to be this format: then a damaged file refuses the delivery)
    candidate: Callable[[Path, bytes], tuple[bool, bool]]
    detect: Callable[[Path], bool]
    read: Callable[[Path], tuple[dict[str, pl.DataFrame], list[Finding]]]
    read_error: type[Exception]
    row_order: str  # how converted rows relate to the source, for the findings


CIN_CENSUS = OfficialFormat("CIN census XML", _xml_candidate, cin_census_xml.detect,
                            cin_census_xml.read, cin_census_xml.XmlReadError,
                            "in the order of the XML")
ANNEX_A = OfficialFormat("Annex A workbook", _workbook_candidate, annex_a_xlsx.detect,
                         annex_a_xlsx.read, annex_a_xlsx.WorkbookReadError,
                         "sorted by child and date")
FORMATS = (CIN_CENSUS, ANNEX_A)


@dataclass(frozen=True)
class ConvertedTable:
    """One canonical table made from an official file: all text, canonical column names."""

    source: Path
    source_sha256: str
    source_bytes: int
    table: pa.Table


def convert_official_formats(
    others: list[Path], known: dict[str, Path]
) -> tuple[dict[str, ConvertedTable], list[Path], list[Finding]]:
    """Converted tables by stem, the files still unknown, and any conversion findings."""
    converted: dict[str, ConvertedTable] = {}
    still_unknown: list[Path] = []
    findings: list[Finding] = []
    for path in others:
        outcome = _convert(path, findings)
        if outcome is None:
            still_unknown.append(path)
            continue
        official, tables = outcome
        digest, size = (sha256(path), path.stat().st_size) if tables else ("", 0)
        used = []
        for stem, frame in tables.items():
            extract = EXTRACT_FILES[stem]
            if stem in known or stem in converted:
                other = known[stem].name if stem in known else converted[stem].source.name
                findings.append(finding(DUPLICATE_SOURCE, path.name, column=None, message=(
                    f"'{path.name}' ({official.label}) gives {extract.file_name}, but the "
                    f"delivery also has '{other}' for it. '{other}' was used and the "
                    f"{extract.file_name} rows of '{path.name}' were ignored. Send one source "
                    "for each file.")))
                continue
            converted[stem] = ConvertedTable(path, digest, size, frame.to_arrow())
            used.append(f"{extract.file_name} ({frame.height:,} rows)")
        if used:
            findings.append(finding(CONVERTED, path.name, message=(
                f"'{path.name}' ({official.label}) was converted to {', '.join(used)}. Findings "
                "for those files name the canonical file and the row's line in it (the header "
                f"is line 1); its rows are {official.row_order}.")))
    return converted, still_unknown, findings


def read_converted(converted: ConvertedTable, extract: ExtractFile) -> ExtractRead:
    """What staging records of a converted table: its rows and columns (checked against the
    contract as a CSV header is), and the hash and size of the official file it came from."""
    read = ExtractRead(extract.stem, converted.source, sha256=converted.source_sha256,
                       bytes=converted.source_bytes, rows=converted.table.num_rows,
                       converted_to=extract.file_name)
    check_header(read, converted.table.column_names, extract)
    return read


def _convert(path: Path, findings: list[Finding]
             ) -> tuple[OfficialFormat, dict[str, pl.DataFrame]] | None:
    """The format and tables of an official file; None if it is not one (it stays unknown).
    A damaged file that claims to be an official format gives a blocking finding and {}."""
    if path.name.startswith(LOCK_FILE_PREFIX):
        return None
    try:
        with path.open("rb") as f:
            head = f.read(64)
    except OSError as err:
        findings.append(_unreadable(path, None, type(err).__name__))
        return None
    for official in FORMATS:
        worth_trying, claims = official.candidate(path, head)
        if not worth_trying:
            continue
        try:
            if not official.detect(path):
                continue
        except official.read_error as err:
            if claims:
                findings.append(_unreadable(path, getattr(err, "line", None)))
                return official, {}
            continue
        except OSError as err:
            findings.append(_unreadable(path, None, type(err).__name__))
            return official, {}
        try:
            tables, notes = official.read(path)
        except official.read_error as err:
            findings.append(_unreadable(path, getattr(err, "line", None)))
            return official, {}
        except Exception as err:  # never a traceback, never the data: name the file only
            findings.append(_unreadable(path, None, type(err).__name__))
            return official, {}
        findings.extend(notes)
        return official, tables
    return None


def _unreadable(path: Path, line: int | None, reason: str | None = None) -> Finding:
    where = f", line {line}" if line else ""
    why = f" ({reason})" if reason else ""
    return finding(UNREADABLE, path.name, line, message=(
        f"'{path.name}'{where} cannot be read{why}: it looks like a CIN census XML or a "
        "workbook but is damaged, not complete, or not what its name says. Export it again "
        "and send it, or remove it from the delivery."))
