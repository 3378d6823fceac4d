"""Official formats in a delivery folder (CIN census XML, Annex A workbook), detected by content
and converted to the canonical CSV form before staging (extracts.md: "Official formats ... are
converted into exactly this form by the pipeline").

    files that are not a canonical CSV
      → CIN census XML?   root Message → Children → Child → ChildIdentifiers  (cin_census_xml.py)
      → Annex A workbook? a sheet "List <n>" or a list's own header, with "Child Unique ID"
                                                                              (annex_a_xlsx.py)
      → canonical CSVs written to a new temporary folder (never the delivery folder), returned
        by stem; the staging step then checks them like any delivered CSV
      → anything else stays unknown (staging reports it and ignores it)

The extension does not decide what a file is; it decides only how a damaged file is treated.
A file that claims to be XML (`.xml`, or text starting `<?xml`) or a workbook (`.xlsx`, `.xlsm`,
`.xls`) but cannot be read refuses the delivery with a finding naming the file (and the line, for
XML) — never the parser's message, which can quote the data. Other files are only tried, and
stay unknown if they are not an official format. Excel's lock files (`~$name.xlsx`) are skipped.

Each converted source gives a query finding naming the canonical files made from it, because
the findings of the canonical rules name those files (`referrals.csv, line 4`), not the source.
A canonical CSV and a converted file for the same stem (or two official files for one stem) is a
blocking `official.duplicate_source`: the CSV (or the first file by name) is kept.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from neglect_insight.pipelines.read import annex_a_xlsx, cin_census_xml
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES
from neglect_insight.pipelines.validate.findings import Finding, Rule, finding

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
    "An official file was converted to canonical CSV files; findings for those files name the "
    "converted file and its line.")

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


def convert_official_formats(
    others: list[Path], known: dict[str, Path]
) -> tuple[dict[str, Path], list[Path], list[Finding]]:
    """Converted files by stem, the files still unknown, and any conversion findings."""
    converted: dict[str, Path] = {}
    converted_from: dict[str, str] = {}
    still_unknown: list[Path] = []
    findings: list[Finding] = []
    out_dir: Path | None = None
    for path in others:
        outcome = _convert(path, findings)
        if outcome is None:
            still_unknown.append(path)
            continue
        official, tables = outcome
        if not tables:
            continue
        out_dir = out_dir or _new_output_folder()
        folder = out_dir / f"{len(list(out_dir.iterdir())) + 1}-{_safe(path.stem)}"
        folder.mkdir()
        used = []
        for stem, frame in tables.items():
            extract = EXTRACT_FILES[stem]
            if stem in known or stem in converted:
                other = known[stem].name if stem in known else converted_from[stem]
                findings.append(finding(DUPLICATE_SOURCE, path.name, column=None, message=(
                    f"'{path.name}' ({official.label}) gives {extract.file_name}, but the "
                    f"delivery also has '{other}' for it. '{other}' was used and the "
                    f"{extract.file_name} rows of '{path.name}' were ignored. Send one source "
                    "for each file.")))
                continue
            target = folder / extract.file_name
            frame.write_csv(target)
            converted[stem] = target
            converted_from[stem] = path.name
            used.append(f"{extract.file_name} ({frame.height:,} rows)")
        if used:
            findings.append(finding(CONVERTED, path.name, message=(
                f"'{path.name}' ({official.label}) was converted to {', '.join(used)}. Findings "
                "for those files name the converted file and its line; its rows are "
                f"{official.row_order}.")))
    return converted, still_unknown, findings


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


def _safe(stem: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", stem)[:40] or "file"


def _new_output_folder() -> Path:
    """A private temporary folder for this run's converted files, removed when the process
    ends (staging reads the files before it returns; the folder is not the user's)."""
    folder = Path(tempfile.mkdtemp(prefix="neglect-insight-official-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder
