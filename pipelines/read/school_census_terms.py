"""The canonical attendance rows of school census terms, whichever form the file had (XML or
an export): academic year and term names, whole numbers, two rows of a term added together.
See `school_census.py` for the rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from neglect_insight.pipelines.read import cells
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES

TERMS = {"aut": "autumn", "spr": "spring", "sum": "summer"}
_YEAR = re.compile(r"^(\d{4})\s*(?:[/-]\s*(\d{2}|\d{4}))?$")
_WHOLE = re.compile(r"^\d+(?:\.0+)?$")


class SchoolCensusReadError(Exception):
    """The file cannot be read (not well-formed XML, or a damaged export); `line` is where
    reading stopped, when known."""

    def __init__(self, line: int | None = None, reason: str = "cannot be read"):
        super().__init__(f"{reason} at line {line}" if line else reason)
        self.line = line


@dataclass(slots=True)
class TermRecord:
    """One pupil's attendance for one term as the file gives it (text), and where it is."""

    pupil_id: str | None
    academic_year: str | None
    term: str | None
    possible: str | None
    authorised: str | None
    unauthorised: str | None
    place: str


def academic_year(text: str | None) -> str | None:
    """YYYY/YY from 2024/25, 2024-25, 2024/2025 or 2024 (the year it starts); else as given."""
    text = cells.clean(text)
    match = _YEAR.match(text or "")
    if not match:
        return text
    start, end = int(match.group(1)), match.group(2)
    if end is not None and int(end) % 100 != (start + 1) % 100:
        return text
    return f"{start}/{(start + 1) % 100:02d}"


def term_name(text: str | None) -> str | None:
    """autumn, spring or summer from AUT, Autumn, "autumn term", ...; else as given."""
    text = cells.clean(text)
    return TERMS.get(cells.normalised(text)[:3], text) if text else None


def whole_number(text: str | None) -> int | None:
    """A count written as a whole number (12, or 12.0 from a spreadsheet); else None."""
    text = cells.clean(text)
    return int(float(text)) if text and _WHOLE.match(text) else None


def attendance_frame(records: list[TermRecord], source: str) -> pl.DataFrame:
    """Canonical attendance rows (text, with `_source` and `_place`): one per pupil and term,
    two rows of the same term added together when their counts are whole numbers."""
    rows: dict[tuple, _Row] = {}
    for n, record in enumerate(records):
        given = [cells.clean(v) for v in (record.possible, record.authorised,
                                          record.unauthorised)]
        counts = [whole_number(v) for v in given]
        numeric = all(c is not None or g is None for c, g in zip(counts, given, strict=True))
        year, term = academic_year(record.academic_year), term_name(record.term)
        key = (record.pupil_id, year, term) if numeric else (n,)
        if key in rows:
            rows[key].add(counts, record.place)
        else:
            rows[key] = _Row(record.pupil_id, year, term, counts if numeric else given, numeric,
                             [record.place])
    columns = EXTRACT_FILES["attendance"].column_names + ["_source", "_place"]
    return pl.DataFrame([row.canonical(source) for row in rows.values()],
                        schema={c: pl.String for c in columns}, orient="row")


@dataclass(slots=True)
class _Row:
    child_id: str | None
    academic_year: str | None
    term: str | None
    counts: list  # possible, authorised, unauthorised: ints, or the text given if not numeric
    numeric: bool
    places: list[str]

    def add(self, counts: list[int | None], place: str) -> None:
        self.counts = [_sum(a, b) for a, b in zip(self.counts, counts, strict=True)]
        self.places.append(place)

    def canonical(self, source: str) -> tuple:
        possible, authorised, unauthorised = self.counts
        if self.numeric:
            absence = _sum(authorised, unauthorised)
        else:  # copy the first value that is not a whole number, for the contract to report
            absence = next((v for v in (authorised, unauthorised)
                            if v is not None and whole_number(v) is None), None)
            if absence is None:
                absence = _sum(whole_number(authorised), whole_number(unauthorised))
        place = self.places[0]
        if len(self.places) > 1:
            place += f" (and {', '.join(self.places[1:])})"
        return tuple(None if v is None else str(v) for v in (
            self.child_id, self.academic_year, self.term, possible, absence, unauthorised,
            source, place))


def _sum(a: int | None, b: int | None) -> int | None:
    """a + b, an empty one counting as 0; empty if both are."""
    return None if a is None and b is None else (a or 0) + (b or 0)
