"""Read a DfE children in need (CIN) census XML return into the canonical extract frames.

The return is `Message` → `Header`, `Children` → `Child` (DfE CIN census schema; the element
names below are the DfE's). One `Child` becomes one row of children.csv; each of its
`CINdetails` one referral (one CIN episode); each `Assessments`, `CINPlanDates` and
`ChildProtectionPlans` inside an episode one assessment, CIN plan and CP plan:

    ChildIdentifiers/LAchildID              → child_id (as given: the LA's own child id)
    ChildIdentifiers/PersonBirthDate        → birth_month (degraded to the first of the month)
    ChildIdentifiers/ExpectedPersonBirthDate→ expected_birth_month (first of the month)
    ChildIdentifiers/GenderCurrent or Sex   → sex (1 → M, 2 → F, 0 and 9 → U)
    ChildCharacteristics/Ethnicity          → ethnicity
    ChildCharacteristics/Disabilities       → disabled (true unless the only code is NONE)
    CINdetails/CINreferralDate, ReferralSource, PrimaryNeedCode, ReferralNFA, CINclosureDate,
        ReasonForClosure                    → referrals.csv
    Assessments/AssessmentActualStartDate, AssessmentAuthorisationDate,
        FactorsIdentifiedAtAssessment/AssessmentFactors (joined with `;`) → assessments.csv
    CINPlanDates/CINPlanStartDate, CINPlanEndDate → cin_plans.csv
    ChildProtectionPlans/CPPstartDate, CPPendDate, InitialCategoryOfAbuse,
        LatestCategoryOfAbuse, NumberOfPreviousCPP → cp_plans.csv

The census has no ids for episodes, assessments or plans; they are made from the child and
the position in the file: `<child>-R1` is the child's first CINdetails, `<child>-R1-A1` its
first assessment, `<child>-R1-P1` its first CP plan. A child that appears twice carries on its
numbering (R3, R4, ...), so only the duplicate child itself is reported.

Never read: UPN, FormerUPN, UPNunknown, PersonDeathDate, the Header (LA number, software), and
Section47, Reviews, DateOfInitialCPC, AssessmentInternalReviewDate and pre-proceedings, which
the contract has no columns for. Values are otherwise copied as text; the canonical rules check
them, so a wrong code is reported like one in a CSV. A birth date that is not a date is never
copied (it would put a full date of birth in the rejects report): it is left empty and reported
by line in the XML.

The file is streamed (lxml `iterparse`; each `Child` is cleared once read), entities and DTDs
are not loaded, and every element is matched on its local name, so a namespaced file reads the
same.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import polars as pl
from lxml import etree

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding
from neglect_insight.pipelines.read import cells
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES

TABLES = ("children", "referrals", "assessments", "cin_plans", "cp_plans")

BIRTH_DATE = Rule(
    "cin_census_xml.birth_date", "blocking",
    "A PersonBirthDate or ExpectedPersonBirthDate is not a date (YYYY-MM-DD). It was left out of "
    "children.csv; correct it in the XML and send it again.")

# How far into a file detection looks before deciding it is not a CIN census return.
DETECT_MAX_EVENTS = 2_000

_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False,
                   "huge_tree": True, "remove_comments": True, "remove_pis": True}


class XmlReadError(Exception):
    """The file is not well-formed XML; `line` is where the parser stopped (None if unknown)."""

    def __init__(self, line: int | None):
        super().__init__(f"not well-formed XML at line {line}")
        self.line = line


_local_names: dict[str, str] = {}


def _local(element: etree._Element) -> str:
    """The element's name without its namespace ("" for a comment)."""
    tag = element.tag
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    name = _local_names.get(tag)
    if name is None:
        name = _local_names[tag] = tag.rpartition("}")[2]
    return name


def _text(element: etree._Element | None) -> str | None:
    return None if element is None else cells.clean(element.text)


class _Elements:
    """An element's child elements by local name, in document order (one pass over them)."""

    def __init__(self, parent: etree._Element | None):
        self.by_name: dict[str, list[etree._Element]] = {}
        for element in () if parent is None else parent:
            self.by_name.setdefault(_local(element), []).append(element)

    def first(self, name: str) -> etree._Element | None:
        found = self.by_name.get(name)
        return found[0] if found else None

    def all(self, name: str) -> list[etree._Element]:
        return self.by_name.get(name, [])

    def value(self, name: str) -> str | None:
        return _text(self.first(name))


def _disabled(characteristics: _Elements) -> str | None:
    disabilities = characteristics.first("Disabilities")
    if disabilities is None:
        return None
    codes = {(_text(d) or "").upper() for d in _Elements(disabilities).all("Disability")} - {""}
    if not codes:
        return None
    return "false" if codes == {"NONE"} else "true"


def detect(path: Path) -> bool:
    """True if the file is a CIN census return: root `Message` holding `Children` → `Child` →
    `ChildIdentifiers`, or a header whose Collection is CIN. Raises XmlReadError if the XML is
    broken before that can be decided."""
    try:
        with path.open("rb") as source:
            return _detect(etree.iterparse(source, events=("start", "end"), **_PARSER_OPTIONS))
    except etree.XMLSyntaxError as err:
        raise XmlReadError(err.lineno or None) from None


def _detect(events: etree.iterparse) -> bool:
    stack: list[str] = []
    for count, (event, element) in enumerate(events):
        if count > DETECT_MAX_EVENTS:
            return False
        name = _local(element)
        if event == "start":
            stack.append(name)
            if stack[0] != "Message":
                return False
            if stack == ["Message", "Children", "Child", "ChildIdentifiers"]:
                return True
            continue
        if stack == ["Message", "Header", "CollectionDetails", "Collection"]:
            return (_text(element) or "").upper() == "CIN"
        stack.pop()
    return False


class _Columns:
    """Column-wise rows of one canonical table (every value text or None)."""

    def __init__(self, stem: str):
        self.names = EXTRACT_FILES[stem].column_names
        self.values: dict[str, list[str | None]] = {name: [] for name in self.names}

    def append(self, **row: str | None) -> None:
        for name in self.names:
            self.values[name].append(row.get(name))

    def frame(self) -> pl.DataFrame:
        return pl.DataFrame(self.values, schema={name: pl.String for name in self.names})


def read(path: Path) -> tuple[dict[str, pl.DataFrame], list[Finding]]:
    """The five canonical tables of a CIN census return (all text), and the findings of the
    conversion itself. Raises XmlReadError if the file is not well-formed XML."""
    tables = {stem: _Columns(stem) for stem in TABLES}
    findings: list[Finding] = []
    episodes_seen: dict[str, int] = defaultdict(int)
    try:
        with path.open("rb") as source:
            for _event, child in etree.iterparse(source, events=("end",), tag="{*}Child",
                                                 **_PARSER_OPTIONS):
                parent = child.getparent()
                if parent is not None and _local(parent) == "Children":
                    _read_child(child, path.name, tables, findings, episodes_seen)
                child.clear(keep_tail=False)
                while child.getprevious() is not None:
                    del child.getparent()[0]
    except etree.XMLSyntaxError as err:
        raise XmlReadError(err.lineno or None) from None
    return {stem: columns.frame() for stem, columns in tables.items()}, findings


def _read_child(child: etree._Element, file: str, tables: dict[str, _Columns],
                findings: list[Finding], episodes_seen: dict[str, int]) -> None:
    parts = _Elements(child)
    ids = _Elements(parts.first("ChildIdentifiers"))
    characteristics = _Elements(parts.first("ChildCharacteristics"))
    child_id = ids.value("LAchildID")

    birth_months = {}
    for element_name, column in (("PersonBirthDate", "birth_month"),
                                 ("ExpectedPersonBirthDate", "expected_birth_month")):
        element = ids.first(element_name)
        month, ok = cells.iso_first_of_month(_text(element))
        if not ok:
            line = element.sourceline if element is not None else child.sourceline
            findings.append(finding(BIRTH_DATE, file, line, element_name, message=(
                f"{file}, line {line}: {element_name} is not a date (YYYY-MM-DD). It was left "
                "out of children.csv (a date of birth is never copied into a report); correct "
                "it in the XML and send it again.")))
        birth_months[column] = month
    sex = ids.value("GenderCurrent") or ids.value("Sex")
    tables["children"].append(
        child_id=child_id,
        sex=cells.sex_code(sex),
        ethnicity=characteristics.value("Ethnicity"),
        disabled=_disabled(characteristics),
        **birth_months,
    )

    key = child_id or ""
    for details_element in parts.all("CINdetails"):
        details = _Elements(details_element)
        episodes_seen[key] += 1
        referral_id = f"{key}-R{episodes_seen[key]}"
        tables["referrals"].append(
            referral_id=referral_id,
            child_id=child_id,
            referral_date=cells.iso_date(details.value("CINreferralDate")),
            source=details.value("ReferralSource"),
            primary_need=details.value("PrimaryNeedCode"),
            nfa=cells.true_false(details.value("ReferralNFA")),
            closure_date=cells.iso_date(details.value("CINclosureDate")),
            closure_reason=details.value("ReasonForClosure"),
        )
        for n, assessment_element in enumerate(details.all("Assessments"), start=1):
            assessment = _Elements(assessment_element)
            factors = [code for code in (
                _text(f) for f in _Elements(assessment.first("FactorsIdentifiedAtAssessment"))
                .all("AssessmentFactors")) if code]
            tables["assessments"].append(
                assessment_id=f"{referral_id}-A{n}",
                referral_id=referral_id,
                child_id=child_id,
                start_date=cells.iso_date(assessment.value("AssessmentActualStartDate")),
                authorised_date=cells.iso_date(assessment.value("AssessmentAuthorisationDate")),
                factors=";".join(factors) or None,
            )
        for plan_element in details.all("CINPlanDates"):
            plan = _Elements(plan_element)
            tables["cin_plans"].append(
                child_id=child_id,
                referral_id=referral_id,
                start_date=cells.iso_date(plan.value("CINPlanStartDate")),
                end_date=cells.iso_date(plan.value("CINPlanEndDate")),
            )
        for n, plan_element in enumerate(details.all("ChildProtectionPlans"), start=1):
            plan = _Elements(plan_element)
            tables["cp_plans"].append(
                plan_id=f"{referral_id}-P{n}",
                child_id=child_id,
                referral_id=referral_id,
                start_date=cells.iso_date(plan.value("CPPstartDate")),
                end_date=cells.iso_date(plan.value("CPPendDate")),
                initial_category=plan.value("InitialCategoryOfAbuse"),
                latest_category=plan.value("LatestCategoryOfAbuse"),
                previous_plans=plan.value("NumberOfPreviousCPP"),
            )
