"""Read one DfE children in need (CIN) census XML return into the canonical extract tables.

The return is `Message` → `Header`, `Children` → `Child` (DfE CIN census schema; the element
names below are the DfE's, the same in every year 2016/17 to 2025/26 except for what
`cin_census_schema.py` lists). One `Child` becomes one row of children.csv; each of its
`CINdetails` one referral (one CIN episode); each `Assessments`, `CINPlanDates` and
`ChildProtectionPlans` inside an episode one assessment, CIN plan and CP plan:

    ChildIdentifiers/LAchildID              → child_id (as given: the LA's own child id)
    ChildIdentifiers/PersonBirthDate        → birth_month (degraded to the first of the month)
    ChildIdentifiers/ExpectedPersonBirthDate→ expected_birth_month (first of the month)
    ChildIdentifiers/GenderCurrent (to 2023/24: 1 → M, 2 → F, 0 and 9 → U) or Sex (from
        2024/25: M, F, U)                   → sex
    ChildCharacteristics/Ethnicity          → ethnicity
    ChildCharacteristics/Disabilities       → disabled (true unless the only code is NONE)
    CINdetails/CINreferralDate, ReferralSource, PrimaryNeedCode, ReferralNFA, CINclosureDate,
        ReasonForClosure                    → referrals.csv
    Assessments/AssessmentActualStartDate, AssessmentAuthorisationDate,
        FactorsIdentifiedAtAssessment/AssessmentFactors (joined with `;`) → assessments.csv
    CINPlanDates/CINPlanStartDate, CINPlanEndDate → cin_plans.csv
    ChildProtectionPlans/CPPstartDate, CPPendDate, InitialCategoryOfAbuse,
        LatestCategoryOfAbuse, NumberOfPreviousCPP → cp_plans.csv

Every row also carries `_source` (the file's name) and `_place` (`line N`: the line of the
Child, CINdetails, Assessments, CINPlanDates or ChildProtectionPlans element it came from).

The census has no ids for episodes, assessments or plans; they are derived from what does not
change between returns, so the same episode has the same id in every year's return:
`C0012/2024-06-10/1` is child C0012's first referral (in document order) dated 10 June 2024,
`C0012/2024-06-10/1/A2024-06-12/1` that referral's first assessment starting 12 June 2024,
`C0012/2024-06-10/1/P2024-07-01/1` its first CP plan starting 1 July 2024.

Never read: UPN, FormerUPN, UPNunknown, PersonDeathDate, any name or address, the Header's LA
number and software, and Section47, Reviews, DateOfInitialCPC, AssessmentInternalReviewDate
and the 2025/26 pre-proceedings elements (counted only), which the contract has no columns
for. Values are otherwise copied as text; the canonical rules check them, so a wrong code is
reported like one in a CSV. A factor code not in the return's year is kept and listed as a
query. A birth date that is not a date is never copied (it would put a full date of birth in
the rejects report): it is left empty and reported by line. No message quotes a value other
than a short code.

Each `Child` is also checked, before it is cleared, by the DfE's census-return validation
rules (`cin_census_rules.CensusChecker`, run by `cin_census_rows.ReturnRows`): they read the
elements above that are never copied (the UPN's form, death date, Section47, reviews ...) and
keep only the DfE number of what is wrong, with the file, line and LAchildID.

The file is streamed (lxml `iterparse`; each `Child` is cleared once read), entities and DTDs
are not loaded. A file that is not well-formed, or that has the CIN census's shape under a root
or namespace the census does not use, raises `XmlReadError` with the line and a plain reason.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from lxml import etree

from neglect_insight.pipelines.delivery_types import Finding
from neglect_insight.pipelines.read import cin_census_schema as schema
from neglect_insight.pipelines.read.cin_census_elements import (
    clear_read,
    local_name,
    namespace,
    text,
)
from neglect_insight.pipelines.read.cin_census_rows import (
    TABLES,
    CensusReturn,
    ReturnRows,
    ReturnSummary,
)

__all__ = ["TABLES", "CensusReturn", "ReturnSummary", "XmlReadError", "describe", "detect",
           "read", "read_return"]

# How far into a file detection looks before deciding it is not a CIN census return.
DETECT_MAX_EVENTS = 2_000
CIN_SHAPE = ["Children", "Child", "ChildIdentifiers"]  # under the root

_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False,
                   "huge_tree": True, "remove_comments": True, "remove_pis": True}


class XmlReadError(Exception):
    """The file cannot be read as a CIN census: `line` is where (None if unknown) and `reason`
    says why in plain English, never quoting the data."""

    def __init__(self, line: int | None, reason: str = "not well-formed XML",
                 path: Path | None = None):
        super().__init__(f"{reason} at line {line}")
        self.line, self.reason, self.path = line, reason, path


def _syntax_error(err: etree.XMLSyntaxError, path: Path) -> XmlReadError:
    if not err.lineno:  # lxml gives no line for a file with no element at all
        return XmlReadError(1, "the file holds no XML element", path)
    reason = ("the XML stops before it is complete" if "end of data" in str(err.msg)
              else "not well-formed XML")
    return XmlReadError(err.lineno, reason, path)


def detect(path: Path) -> bool:
    """True if the file is a CIN census return: root `Message` holding `Children` → `Child` →
    `ChildIdentifiers`, or a header whose Collection is CIN. Raises XmlReadError if the XML is
    broken before that can be decided, or has the census's shape under another root or in a
    namespace the census does not use."""
    try:
        with path.open("rb") as source:
            events = etree.iterparse(source, events=("start", "end"), **_PARSER_OPTIONS)
            return _detect(events, path)
    except etree.XMLSyntaxError as err:
        raise _syntax_error(err, path) from None


def _detect(events: etree.iterparse, path: Path) -> bool:
    stack: list[str] = []
    root: etree._Element | None = None
    for count, (event, element) in enumerate(events):
        if count > DETECT_MAX_EVENTS:
            return False
        name = local_name(element)
        if event == "start":
            root = element if root is None else root
            stack.append(name)
            if stack[1:] == CIN_SHAPE:
                return _known_root(root, path)
            continue
        if stack == ["Message", "Header", "CollectionDetails", "Collection"]:
            return (text(element) or "").upper() == "CIN" and _known_root(root, path)
        stack.pop()
    return False


def _known_root(root: etree._Element, path: Path) -> bool:
    if local_name(root) != "Message":
        raise XmlReadError(root.sourceline, f"it has the shape of a CIN census but its root "
                           f"element is <{local_name(root)}>, not <Message>", path)
    if namespace(root) not in schema.KNOWN_NAMESPACES:
        raise XmlReadError(root.sourceline, "it has the shape of a CIN census but its root "
                           "element is in an XML namespace the CIN census does not use", path)
    return True


_summaries: dict[tuple[Path, int, int], ReturnSummary] = {}


def describe(path: Path) -> ReturnSummary:
    """The summary of a return: what the last reading of this file learnt, or read it now."""
    stat = path.stat()
    known = _summaries.get((path.resolve(), stat.st_size, stat.st_mtime_ns))
    return known if known is not None else read_return(path).summary


def read(path: Path) -> tuple[dict[str, pl.DataFrame], list[Finding]]:
    """The five canonical tables of one CIN census return (all text, with `_source` and
    `_place`), and the findings of the conversion itself. Raises XmlReadError."""
    census = read_return(path)
    return census.tables, census.findings


def read_return(path: Path) -> CensusReturn:
    """One return: its tables, findings and summary. Raises XmlReadError."""
    reader = ReturnRows(path)
    try:
        with path.open("rb") as source:
            for _event, element in etree.iterparse(
                    source, events=("end",), tag=("{*}Child", "{*}CollectionDetails"),
                    **_PARSER_OPTIONS):
                parent = element.getparent()
                if local_name(element) == "CollectionDetails":
                    reader.header(element)  # kept: the DfE rules read the header too
                    continue
                if parent is not None and local_name(parent) == "Children":
                    if reader.counts["children"] == 0:
                        _known_root(element.getroottree().getroot(), path)
                    reader.child(element)
                clear_read(element)
    except etree.XMLSyntaxError as err:
        raise _syntax_error(err, path) from None
    census = reader.finish()
    stat = path.stat()
    _summaries[(path.resolve(), stat.st_size, stat.st_mtime_ns)] = census.summary
    return census
