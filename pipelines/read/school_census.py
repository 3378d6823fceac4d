"""Read school census attendance (termly, pupil level) into the canonical `attendance.csv` rows.

Two forms are read, each detected by content (`detect`), never by its name:

- the school census XML (`school_census_xml.py`): `Pupil`/`PupilOnRoll`/`PupilNoLongerOnRoll`
  → `Attendance` → `TermlyAttendance` (and `SummerHalfTerm2Attendance`) with SessionsPossible,
  SessionsAuthorised and SessionsUnauthorised (or their SessionDetails by reason code);
- a CSV or Excel export (`school_census_export.py`) recognised by its headings: pupil id,
  academic year, term, possible sessions, authorised absence, unauthorised absence (heading
  variants matched ignoring case, spaces and punctuation).

The pupil id must be the LA's pseudonymised child id (`child_id` in children.csv): the LA
replaces each pupil's UPN with the pseudonym it gives the same child in its social care and
early help extracts (the same keyed hash, applied to the UPN matched to the child's record), so
a pupil and a child are one person when the ids are equal. The XML's `PupilIdentifiers/LAchildID`
or `PupilPseudonym` holds it. UPN, former UPN, names, date of birth and address are never
read, so they are never stored, logged or echoed; a pupil without a pseudonymised id is left
out and counted in a blocking finding.

Each term becomes one row: absence_sessions = authorised + unauthorised (an empty one of the
two counts as 0; both empty leaves it empty, for the contract to report), unauthorised_sessions
= unauthorised. Terms are written autumn/spring/summer (AUT, "Autumn term", ... accepted), the
academic year YYYY/YY (2024/25, 2024-25, 2024/2025 or the starting year 2024 accepted). Two
rows of one pupil for the same term (two schools in the term, or the summer term's second half
given apart) are added together. Rows carry `_source` (the file) and `_place` (`line 12`, or
`sheet Pupils, row 14`), as every converted table does.

Whether the file holds all pupils or only children known to services is decided once the
delivery's children are known (`all_pupils.py`): this module only converts.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding
from neglect_insight.pipelines.read import school_census_export, school_census_xml
from neglect_insight.pipelines.read.school_census_terms import (
    SchoolCensusReadError,
    attendance_frame,
)

__all__ = ["SchoolCensusReadError", "candidate", "detect", "read"]

PUPIL_ID_MISSING = Rule(
    "school_census.pupil_id_missing", "blocking",
    "Pupils in the school census file have no pseudonymised pupil id, so their attendance was "
    "left out. Replace each UPN with the child's pseudonymised id (as in children.csv) and "
    "send the file again.")

SUFFIXES = (".xml", ".csv", ".txt", ".xlsx", ".xlsm")


def candidate(path: Path, head: bytes) -> tuple[bool, bool]:
    """Worth trying: an XML, CSV or workbook. Never claimed: a damaged XML or workbook is
    already refused by the CIN census and Annex A readers, tried first."""
    return path.suffix.lower() in SUFFIXES or head.lstrip().startswith(b"<"), False


def detect(path: Path) -> bool:
    """True for a school census XML or an export with the attendance headings."""
    if _is_xml(path):
        return school_census_xml.detect(path)
    return school_census_export.detect(path)


def read(path: Path) -> tuple[dict[str, pl.DataFrame], list[Finding]]:
    """attendance (all text, with `_source` and `_place`) and the conversion's findings."""
    records = (school_census_xml.records(path) if _is_xml(path)
               else school_census_export.records(path))
    findings: list[Finding] = []
    missing = [r.place for r in records if not r.pupil_id]
    if missing:
        findings.append(finding(PUPIL_ID_MISSING, path.name, message=(
            f"{path.name}: {len(missing):,} term row{'' if len(missing) == 1 else 's'} of pupils "
            f"without a pseudonymised pupil id (first at {missing[0]}) were left out. Replace "
            "each UPN with the child's pseudonymised id, as in children.csv, and send the file "
            "again."), source=path.name, place=missing[0]))
    return {"attendance": attendance_frame([r for r in records if r.pupil_id], path.name)}, \
        findings


def _is_xml(path: Path) -> bool:
    with path.open("rb") as f:
        head = f.read(64).removeprefix(b"\xef\xbb\xbf").lstrip()
    return path.suffix.lower() == ".xml" or head.startswith(b"<")
