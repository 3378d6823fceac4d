"""A school census attendance export (CSV, or an Excel sheet) recognised by its headings: one row
per pupil and term with pupil id, academic year, term, possible sessions, authorised absence
and unauthorised absence. Headings are matched ignoring case, spaces and punctuation, with the
variants below ("Sessions Possible", "TermlySessionsAuthorised", "Pseudonymised pupil ID", ...).
A CSV's headings are its first line; a workbook's are the first of a sheet's first 20 rows that
has them all (the first such sheet is read). Every other column — UPN, names, date of birth —
is never read.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from neglect_insight.pipelines.read.annex_a_sheets import (
    WorkbookReadError,
    load_sheet,
    open_workbook,
)
from neglect_insight.pipelines.read.school_census_terms import SchoolCensusReadError, TermRecord

HEADINGS: dict[str, tuple[str, ...]] = {
    "pupil_id": ("pupilid", "pupilpseudonym", "pseudonymisedpupilid", "pseudopupilid",
                 "childid", "lachildid", "pseudonymisedchildid"),
    "academic_year": ("academicyear", "attendanceyear"),  # not "Year": the year group
    "term": ("term", "attendanceterm", "termname"),
    "possible": ("possiblesessions", "sessionspossible", "termlysessionspossible"),
    "authorised": ("authorisedabsence", "authorisedabsencesessions", "sessionsauthorised",
                   "termlysessionsauthorised", "authorisedsessions"),
    "unauthorised": ("unauthorisedabsence", "unauthorisedabsencesessions",
                     "sessionsunauthorised", "termlysessionsunauthorised",
                     "unauthorisedsessions"),
}
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
HEADER_SCAN_ROWS = 20
ENCODING = "utf-8-sig"


def _key(heading: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(heading or "").lower().replace("authoriz", "authoris"))


def columns(headings: list) -> dict[str, int] | None:
    """Position of each attendance column in a heading row; None unless all six are there."""
    keys = [_key(h) for h in headings]
    found = {}
    for role, variants in HEADINGS.items():
        position = next((keys.index(v) for v in variants if v in keys), None)
        if position is None:
            return None
        found[role] = position
    return found


def detect(path: Path) -> bool:
    """True if the file is a CSV or workbook with the attendance headings."""
    try:
        if path.suffix.lower() in WORKBOOK_SUFFIXES:
            return _workbook_sheet(path) is not None
        with path.open(newline="", encoding=ENCODING) as f:
            return columns(next(csv.reader(f), [])) is not None
    except (UnicodeDecodeError, csv.Error, SchoolCensusReadError):
        return False


def records(path: Path) -> list[TermRecord]:
    """Every row of the export as a term record (text as given), in file order."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        found = _workbook_sheet(path)
        if found is None:
            return []
        name, header_row, at, rows = found
        return [_record(row, at, f"sheet {name}, row {n}")
                for n, row in enumerate(rows, start=header_row + 1) if any(row)]
    try:
        with path.open(newline="", encoding=ENCODING) as f:
            reader = csv.reader(f)
            at = columns(next(reader, []))
            if at is None:
                return []
            out = []
            for row in reader:
                if any(cell.strip() for cell in row):
                    out.append(_record(row, at, f"line {reader.line_num}"))
            return out
    except (UnicodeDecodeError, csv.Error) as err:
        raise SchoolCensusReadError(None, type(err).__name__) from None


def _record(row: list, at: dict[str, int], place: str) -> TermRecord:
    def cell(role: str) -> str | None:
        position = at[role]
        value = row[position] if position < len(row) else None
        return None if value is None else str(value)

    return TermRecord(cell("pupil_id"), cell("academic_year"), cell("term"), cell("possible"),
                      cell("authorised"), cell("unauthorised"), place)


def _workbook_sheet(path: Path) -> tuple[str, int, dict[str, int], list[list]] | None:
    """(sheet name, header's row number, column positions, data rows) of the first sheet
    with the headings; None if no sheet has them."""
    try:
        reader = open_workbook(path)
        for index, name in enumerate(reader.sheet_names):
            top = load_sheet(reader, index, HEADER_SCAN_ROWS).rows()
            for i, row in enumerate(top):
                at = columns(list(row))
                if at is not None:
                    rows = load_sheet(reader, index, None).rows()[i + 1:]
                    return name, i + 1, at, [list(r) for r in rows]
    except WorkbookReadError as err:
        raise SchoolCensusReadError(None, str(err)) from None
    return None
