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

Each converted source gives a query finding naming the canonical files made from it. The
canonical rules report a converted row by the canonical file and the row's line in it
(`referrals.csv, line 4`, header = line 1); each converted row also carries `_source` and
`_place`, so findings name the delivered file and the place in it as well.
A canonical CSV and a converted file for the same stem (or two official files for one stem) are
merged by key in the staging step (`merge.py`): the official file's values win.

Each file also gets a `FileSummary` (format, the reader's detail such as the schema year, rows
given to each canonical file) from what conversion learnt: nothing is parsed twice. A format
may give a `detail(path, tables)` hook for it; formats register by appending to `FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import polars as pl
import pyarrow as pa

from neglect_insight.pipelines.delivery_types import (
    ExtractRead,
    FileSummary,
    Finding,
    Rule,
    finding,
)
from neglect_insight.pipelines.read import (
    annex_a_xlsx,
    cin_census_returns,
    cin_census_xml,
    school_census,
)
from neglect_insight.pipelines.read.cin_census_rules import rules as census_rules
from neglect_insight.pipelines.read.extract_csv import check_header, sha256
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES, ExtractFile
from neglect_insight.pipelines.read.raw_tables import data_columns

UNREADABLE = Rule(
    "official.unreadable", "blocking",
    "The file looks like a CIN census XML or a workbook but cannot be read (damaged, not "
    "complete, or not what its name says). Export it again and send it, or remove it.")
CONVERTED = Rule(
    "official.converted", "query",
    "An official file was converted to canonical files; findings for those files name the "
    "official file and the place in it, and the canonical file and the row's line in it.")

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
    # What the reader knows about a file beyond its tables, e.g. "schema year 2024/25"; given
    # the tables it read, so it never parses the file again.
    detail: Callable[[Path, dict[str, pl.DataFrame]], str | None] | None = None
    # Reads every file of this format in a delivery at once (several years' returns are
    # combined: see cin_census_returns.py); its rows carry `_source`. An error names its file
    # in `err.path`.
    read_all: Callable[[list[Path]], tuple[dict[str, pl.DataFrame], list[Finding]]] | None = None
    # Rules the reader itself checks on each file (the DfE census-return rules), recorded in the
    # run as run on that file, so the ones that pass are listed too.
    rules: tuple[Rule, ...] = ()

    def describe(self, path: Path, tables: dict[str, pl.DataFrame]) -> FileSummary:
        """The summary line's facts for one converted file (`tables` may hold other files' rows
        too, told apart by `_source`)."""
        return FileSummary(path.name, self.label, _feeds(path, tables),
                           self.detail(path, tables) if self.detail else None)


def _feeds(path: Path, tables: dict[str, pl.DataFrame]) -> dict[str, int]:
    """Rows a file gives each canonical file."""
    feeds = {}
    for stem, frame in tables.items():
        rows = frame.height if "_source" not in frame.columns else \
            frame.filter(pl.col("_source") == path.name).height
        if rows or "_source" not in frame.columns:
            feeds[EXTRACT_FILES[stem].file_name] = rows
    return feeds


def _census_detail(path: Path, _tables: dict[str, pl.DataFrame]) -> str | None:
    year = cin_census_xml.describe(path).schema_year
    return f"schema year {year}" if year else None


CIN_CENSUS = OfficialFormat("CIN census XML", _xml_candidate, cin_census_xml.detect,
                            cin_census_xml.read, cin_census_xml.XmlReadError,
                            "in the order of the XML", _census_detail,
                            cin_census_returns.read_all, census_rules())
ANNEX_A = OfficialFormat("Annex A workbook", _workbook_candidate, annex_a_xlsx.detect,
                         annex_a_xlsx.read, annex_a_xlsx.WorkbookReadError,
                         "sorted by child and date")
SCHOOL_CENSUS = OfficialFormat("school census attendance", school_census.candidate,
                               school_census.detect, school_census.read,
                               school_census.SchoolCensusReadError, "in the order of the file")
FORMATS = (CIN_CENSUS, ANNEX_A, SCHOOL_CENSUS)


@dataclass(frozen=True)
class ConvertedTable:
    """One canonical table made from an official file (or from several files of one format
    read together: `also`): all text, canonical column names, maybe `_source` and `_place`."""

    source: Path
    source_sha256: str
    source_bytes: int
    table: pa.Table
    also: tuple[Path, ...] = ()

    @property
    def names(self) -> str:
        return ", ".join(p.name for p in (self.source, *self.also))


@dataclass
class Conversion:
    """What converting a delivery's other files gave: canonical tables by stem (one per official
    file that gives that stem, in file-name order), the files still unknown, the findings of
    conversion, and a summary of every official file."""

    tables: dict[str, list[ConvertedTable]] = field(default_factory=dict)
    unknown: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    summaries: list[FileSummary] = field(default_factory=list)
    rules: list[tuple[Rule, str]] = field(default_factory=list)  # (rule, file) run by readers


def convert_official_formats(others: list[Path]) -> Conversion:
    """Convert every official file among `others`; the rest stay unknown."""
    out = Conversion()
    found: dict[str, tuple[OfficialFormat, list[Path]]] = {}
    for path in others:
        official = _detect(path, out.findings)
        if official is None:
            out.unknown.append(path)
        elif official is _FAILED:
            out.summaries.append(FileSummary(path.name, "cannot be read (see the refusal)"))
        else:
            found.setdefault(official.label, (official, []))[1].append(path)
    for official, paths in found.values():
        for read_paths, tables in _read(official, paths, out.findings):
            _add(out, official, read_paths, tables)
    return out


def _add(out: Conversion, official: OfficialFormat, paths: list[Path],
         tables: dict[str, pl.DataFrame]) -> None:
    """Record the tables read from `paths` (one file, or several read together)."""
    digest = ", ".join(sha256(p) for p in paths) if tables else ""
    size = sum(p.stat().st_size for p in paths) if tables else 0
    for stem, frame in tables.items():
        out.tables.setdefault(stem, []).append(
            ConvertedTable(paths[0], digest, size, frame.to_arrow(), tuple(paths[1:])))
    for path in paths:
        summary = official.describe(path, tables)
        out.summaries.append(summary)
        out.rules.extend((rule, path.name) for rule in official.rules)
        if summary.feeds:
            used = ", ".join(f"{name} ({n:,} rows)" for name, n in summary.feeds.items())
            out.findings.append(finding(CONVERTED, path.name, message=(
                f"'{path.name}' ({official.label}) was converted to {used}. Findings on its rows "
                f"name '{path.name}' and the place in it, and the canonical file and the row's "
                f"line in it (the header is line 1); its rows are {official.row_order}.")))


def read_converted(converted: ConvertedTable, extract: ExtractFile) -> ExtractRead:
    """What staging records of a converted table: its rows and columns (checked against the
    contract as a CSV header is), and the hash and size of the official file it came from."""
    read = ExtractRead(extract.stem, converted.source, sha256=converted.source_sha256,
                       bytes=converted.source_bytes, rows=converted.table.num_rows,
                       converted_to=extract.file_name)
    check_header(read, data_columns(converted.table), extract)
    # Header findings are about the official file's conversion, not a canonical CSV's header.
    read.findings = [replace(f, source=converted.source.name) for f in read.findings]
    return read


_FAILED = OfficialFormat("", _xml_candidate, bool, bool, Exception, "")  # damaged, refused


def _detect(path: Path, findings: list[Finding]) -> OfficialFormat | None:
    """The official format of a file; None if it is not one (it stays unknown); `_FAILED`, with
    a blocking finding, if it claims to be one but is damaged."""
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
            if official.detect(path):
                return official
        except official.read_error as err:
            if claims:
                findings.append(_unreadable(path, getattr(err, "line", None),
                                            getattr(err, "reason", None)))
                return _FAILED
        except OSError as err:
            findings.append(_unreadable(path, None, type(err).__name__))
            return _FAILED
    return None


def _read(official: OfficialFormat, paths: list[Path], findings: list[Finding]
          ) -> list[tuple[list[Path], dict[str, pl.DataFrame]]]:
    """The tables of each file (or of all files at once, for a format that reads them together).
    A file that cannot be read gives a blocking finding and no tables."""
    if official.read_all is None:
        return [([path], tables) for path in paths
                if (tables := _attempt(official, official.read, path, [path], findings))
                is not None]
    remaining = list(paths)
    while remaining:
        tables = _attempt(official, official.read_all, remaining, remaining, findings)
        if tables is not None:
            return [(remaining, tables)]
    return []


def _attempt(official: OfficialFormat, read: Callable, argument: object, paths: list[Path],
             findings: list[Finding]) -> dict[str, pl.DataFrame] | None:
    """Call a reader; on failure report the file at fault (removed from `paths`) and give
    None. Never a traceback, never the data: the file, line and a plain reason only."""
    try:
        tables, notes = read(argument)
    except Exception as err:
        path = getattr(err, "path", None)
        at_fault = [path] if path in paths else list(paths)
        for bad in at_fault:
            known = isinstance(err, official.read_error)
            findings.append(_unreadable(
                bad, getattr(err, "line", None) if known else None,
                getattr(err, "reason", None) if known else type(err).__name__))
            paths.remove(bad)
        return None
    findings.extend(notes)
    return tables


def _unreadable(path: Path, line: int | None, reason: str | None = None) -> Finding:
    where = f", line {line}" if line else ""
    why = f" ({reason})" if reason else ""
    return finding(UNREADABLE, path.name, line, message=(
        f"'{path.name}'{where} cannot be read{why}: it looks like a CIN census XML or a "
        "workbook but is damaged, not complete, or not what its name says. Export it again "
        "and send it, or remove it from the delivery."))
