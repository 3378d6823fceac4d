"""The termly attendance of a school census XML return, pupil by pupil (element names are the
DfE's; matched on their local name, so a namespaced file reads the same):

    Header/CollectionDetails/ReferenceDate (or Term and Year)  → the term the return reports:
        a census in the autumn term (October) reports the summer term before it, in spring
        (January) the autumn term, in summer (May) the spring term
    Pupil | PupilOnRoll | PupilNoLongerOnRoll
        PupilIdentifiers/LAchildID or PupilPseudonym   → pupil id (the pseudonymised child id)
        Attendance/TermlyAttendance                    → one term: SessionsPossible,
            SessionsAuthorised, SessionsUnauthorised; its own Term / AttendanceTerm and
            AttendanceYear / AcademicYear when given, else the term the return reports
        Attendance/SummerHalfTerm2Attendance           → the rest of the summer term (added to
            the summer term's row)
        SessionDetails/SessionDetail (AttendanceReason, AbsenceSessions), when the two totals
            are not given: reasons G, N, O and U are unauthorised absence, every other reason
            authorised (DfE school attendance codes)

Nothing else is read: not the UPN, former UPN, names, date of birth or address, and not the
school-level modules or AnnualAttendance. The file is streamed (lxml `iterparse`, each pupil
cleared once read); entities and DTDs are not loaded. A pupil's place is the line of its
attendance element.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lxml import etree

from neglect_insight.pipelines.read import cells
from neglect_insight.pipelines.read.school_census_terms import SchoolCensusReadError, TermRecord

PUPILS = ("Pupil", "PupilOnRoll", "PupilNoLongerOnRoll")
PUPIL_IDS = ("LAchildID", "PupilPseudonym")
TERM_BLOCKS = ("TermlyAttendance", "SummerHalfTerm2Attendance")
UNAUTHORISED_REASONS = {"G", "N", "O", "U"}
SCHOOL_CENSUS_COLLECTIONS = {"SC", "SCHOOL CENSUS"}
DETECT_MAX_EVENTS = 20_000
# Census term (in calendar year Year) → the term its attendance covers, in academic year
# (Year - 1)/Year
REPORTED_TERM = {"AUT": "summer", "SPR": "autumn", "SUM": "spring"}

_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False,
                   "huge_tree": True, "remove_comments": True, "remove_pis": True}


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _children(parent: etree._Element | None) -> dict[str, list[etree._Element]]:
    found: dict[str, list[etree._Element]] = {}
    for element in () if parent is None else parent:
        found.setdefault(_local(element), []).append(element)
    return found


def _value(elements: dict[str, list[etree._Element]], *names: str) -> str | None:
    for name in names:
        for element in elements.get(name, ()):
            if text := cells.clean(element.text):
                return text
    return None


def detect(path: Path) -> bool:
    """True for a school census return: a header naming the school census collection, or a
    pupil element near the top. Raises SchoolCensusReadError if the XML is broken first."""
    try:
        with path.open("rb") as source:
            events = etree.iterparse(source, events=("start", "end"), **_PARSER_OPTIONS)
            for count, (event, element) in enumerate(events):
                if count > DETECT_MAX_EVENTS:
                    return False
                name = _local(element)
                if event == "start" and name in PUPILS:
                    return True
                if event == "end" and name == "Collection" and _local(element.getparent()) == \
                        "CollectionDetails":
                    return (cells.clean(element.text) or "").upper() in SCHOOL_CENSUS_COLLECTIONS
    except etree.XMLSyntaxError as err:
        raise SchoolCensusReadError(err.lineno or None, "not well-formed XML") from None
    return False


def records(path: Path) -> list[TermRecord]:
    """Every pupil's term records, in the order of the file."""
    found: list[TermRecord] = []
    reported: tuple[str | None, str | None] = (None, None)
    tags = ["{*}CollectionDetails"] + [f"{{*}}{name}" for name in PUPILS]
    try:
        with path.open("rb") as source:
            for _event, element in etree.iterparse(source, events=("end",), tag=tags,
                                                   **_PARSER_OPTIONS):
                name = _local(element)
                if name == "CollectionDetails":
                    reported = _reported_term(_children(element))
                    continue
                parent = element.getparent()
                if parent is not None and _local(parent) in PUPILS:
                    continue  # a nested element of the same name: read with its pupil
                found.extend(_pupil(element, reported))
                element.clear(keep_tail=False)
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except etree.XMLSyntaxError as err:
        raise SchoolCensusReadError(err.lineno or None, "not well-formed XML") from None
    return found


def _reported_term(details: dict[str, list[etree._Element]]) -> tuple[str | None, str | None]:
    """(term, academic year YYYY/YY) whose attendance the return reports, from its header."""
    reference = cells.parse_date(_value(details, "ReferenceDate"))
    if reference is not None:
        return _term_before(reference)
    census_term = (_value(details, "Term") or "").upper()[:3]
    year = _value(details, "Year")
    if census_term not in REPORTED_TERM or not (year or "").isdigit():
        return None, None
    start = int(year) - 1
    return REPORTED_TERM[census_term], f"{start}/{(start + 1) % 100:02d}"


def _term_before(day: date) -> tuple[str, str]:
    """The term before the one holding `day` (autumn Sep-Dec, spring Jan-Mar, summer Apr-Aug):
    all three are in the academic year starting the year before `day`'s calendar year."""
    term = "summer" if day.month >= 9 else "autumn" if day.month <= 3 else "spring"
    start = day.year - 1
    return term, f"{start}/{(start + 1) % 100:02d}"


def _pupil(pupil: etree._Element, reported: tuple[str | None, str | None]) -> list[TermRecord]:
    parts = _children(pupil)
    identifiers = _children(parts["PupilIdentifiers"][0]) if "PupilIdentifiers" in parts \
        else parts
    pupil_id = _value(identifiers, *PUPIL_IDS)
    out = []
    for attendance in parts.get("Attendance", ()):
        for block_name, blocks in _children(attendance).items():
            if block_name not in TERM_BLOCKS:
                continue
            for block in blocks:
                out.append(_term(pupil_id, block_name, _children(block), reported,
                                 f"line {block.sourceline}"))
    return out


def _term(pupil_id: str | None, block_name: str, block: dict[str, list[etree._Element]],
          reported: tuple[str | None, str | None], place: str) -> TermRecord:
    term = _value(block, "Term", "AttendanceTerm") or (
        "summer" if block_name == "SummerHalfTerm2Attendance" else reported[0])
    year = _value(block, "AttendanceYear", "AcademicYear") or reported[1]
    authorised = _value(block, "SessionsAuthorised")
    unauthorised = _value(block, "SessionsUnauthorised")
    if authorised is None and unauthorised is None and "SessionDetails" in block:
        authorised, unauthorised = _by_reason(_children(block["SessionDetails"][0]))
    return TermRecord(pupil_id, year, term, _value(block, "SessionsPossible"), authorised,
                      unauthorised, place)


def _by_reason(details: dict[str, list[etree._Element]]) -> tuple[str | None, str | None]:
    """Authorised and unauthorised sessions summed over SessionDetail reasons (text kept as
    given when a count is not a whole number, for the contract to report)."""
    totals = {"authorised": 0, "unauthorised": 0}
    for detail in details.get("SessionDetail", ()):
        parts = _children(detail)
        sessions = _value(parts, "AbsenceSessions")
        if sessions is None:
            continue
        if not sessions.isdigit():
            return sessions, None
        kind = ("unauthorised" if (_value(parts, "AttendanceReason") or "").upper()
                in UNAUTHORISED_REASONS else "authorised")
        totals[kind] += int(sessions)
    return str(totals["authorised"]), str(totals["unauthorised"])
