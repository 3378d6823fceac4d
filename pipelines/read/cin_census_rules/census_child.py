"""One `Child` of a CIN census return, as the DfE's validation rules need it: every element the
rules read (including those the canonical tables have no column for: death date, Section47,
DateOfInitialCPC, reviews, disability codes), parsed once, each record with the line of its
element (lxml `sourceline`).

The UPN and former UPN are never kept: `parse_child` checks their form on the spot and keeps
only which DfE rules they break (`upn_faults`), so no identifier travels further.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property, lru_cache

from lxml import etree

from neglect_insight.pipelines.read import cells
from neglect_insight.pipelines.read.cin_census_rules import upn


@dataclass(frozen=True)
class Census:
    """One return: its file and census year (1 April to the Header's ReferenceDate)."""

    source: str
    reference_date: date | None = None
    year: str | None = None  # CollectionDetails/Year as written
    line: int | None = None  # the Header's line

    @cached_property
    def start(self) -> date | None:
        """The first day of the census year: the day after the previous ReferenceDate."""
        if self.reference_date is None:
            return None
        end = self.reference_date
        return date(end.year - 1, end.month, end.day) + timedelta(days=1)

    def contains(self, day: date | None) -> bool:
        """Whether `day` falls in the census year (False when either is unknown)."""
        return (day is not None and self.reference_date is not None
                and self.start <= day <= self.reference_date)


@dataclass
class Assessment:
    line: int
    start: date | None
    authorised: date | None
    factors: list[str]


@dataclass
class CinPlan:
    line: int
    start: date | None
    end: date | None


@dataclass
class Section47:
    line: int
    start: date | None
    icpc_target: date | None
    icpc_date: date | None
    icpc_not_required: bool | None


@dataclass
class CpPlan:
    line: int
    start: date | None
    end: date | None
    initial_category: str | None
    latest_category: str | None
    previous_plans: str | None
    reviews: list[date | None]  # None: a review element without a date


@dataclass
class Episode:
    """One CINdetails: a referral and what happened in it."""

    line: int
    referral_date: date | None
    referral_source: str | None
    primary_need: str | None
    closure_date: date | None
    reason_for_closure: str | None
    initial_cpc_date: date | None
    nfa: bool | None
    assessments: list[Assessment] = field(default_factory=list)
    cin_plans: list[CinPlan] = field(default_factory=list)
    section47s: list[Section47] = field(default_factory=list)
    cp_plans: list[CpPlan] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.closure_date is None

    @property
    def later_activity(self) -> list[tuple[str, int]]:
        """(element, line) of everything recorded after the referral stage: CIN plans,
        Section 47 enquiries, CP plans and an initial conference (rules 2990 and 8831)."""
        activity = [("CINPlanDates", p.line) for p in self.cin_plans]
        activity += [("Section47", s.line) for s in self.section47s]
        activity += [("ChildProtectionPlans", p.line) for p in self.cp_plans]
        if self.initial_cpc_date:
            activity.append(("DateOfInitialCPC", self.line))
        return activity


@dataclass
class CensusChild:
    line: int
    child_id: str | None
    upn_faults: frozenset[str]  # DfE codes the UPN / former UPN break; never the UPN itself
    has_upn: bool
    upn_unknown: str | None
    birth_date: date | None
    expected_birth_date: date | None
    death_date: date | None
    sex: str | None  # as written (GenderCurrent or Sex)
    sex_element: str  # "Sex" or "GenderCurrent"
    ethnicity: str | None
    disabilities: list[str]
    episodes: list[Episode]

    @property
    def is_unborn(self) -> bool:
        return self.birth_date is None and self.expected_birth_date is not None


_local_names: dict[str, str] = {}


def _local(element: etree._Element) -> str:
    """The element's name without its namespace ("" for a comment)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    name = _local_names.get(tag)
    if name is None:
        name = _local_names[tag] = tag.rpartition("}")[2]
    return name


class _Parts:
    """An element's child elements by local name (one pass; this is the checker's hot path)."""

    __slots__ = ("by_name",)

    def __init__(self, parent: etree._Element | None):
        by_name: dict[str, list[etree._Element]] = {}
        if parent is not None:
            names = _local_names
            for element in parent:
                name = names.get(element.tag) or _local(element)
                found = by_name.get(name)
                if found is None:
                    by_name[name] = [element]
                else:
                    found.append(element)
        self.by_name = by_name

    def all(self, name: str) -> list[etree._Element]:
        return self.by_name.get(name, [])

    def first(self, name: str) -> etree._Element | None:
        found = self.by_name.get(name)
        return found[0] if found else None

    def text(self, name: str) -> str | None:
        found = self.by_name.get(name)
        return cells.clean(found[0].text) if found else None

    def date(self, name: str) -> date | None:
        found = self.by_name.get(name)
        return _date(found[0].text) if found else None

    def flag(self, name: str) -> bool | None:
        value = cells.true_false(self.text(name))
        return {"true": True, "false": False}.get(value or "")

    def texts(self, name: str) -> list[str]:
        return [text for e in self.all(name) if (text := cells.clean(e.text))]


@lru_cache(maxsize=65_536)  # a return holds a few thousand distinct dates
def _date(text: str | None) -> date | None:
    return cells.parse_date(cells.iso_date(cells.clean(text)))


def parse_child(child: etree._Element) -> CensusChild:
    """The rules' view of one `Child` element."""
    parts = _Parts(child)
    ids = _Parts(parts.first("ChildIdentifiers"))
    characteristics = _Parts(parts.first("ChildCharacteristics"))
    sex_element = "Sex" if ids.first("Sex") is not None else "GenderCurrent"
    return CensusChild(
        line=child.sourceline,
        child_id=ids.text("LAchildID"),
        upn_faults=upn.faults(ids.text("UPN"), ids.text("FormerUPN")),
        has_upn=ids.text("UPN") is not None,
        upn_unknown=ids.text("UPNunknown"),
        birth_date=ids.date("PersonBirthDate"),
        expected_birth_date=ids.date("ExpectedPersonBirthDate"),
        death_date=ids.date("PersonDeathDate"),
        sex=ids.text(sex_element),
        sex_element=sex_element,
        ethnicity=characteristics.text("Ethnicity"),
        disabilities=_Parts(characteristics.first("Disabilities")).texts("Disability"),
        episodes=[_episode(e) for e in parts.all("CINdetails")],
    )


def _episode(element: etree._Element) -> Episode:
    parts = _Parts(element)
    return Episode(
        line=element.sourceline,
        referral_date=parts.date("CINreferralDate"),
        referral_source=parts.text("ReferralSource"),
        primary_need=parts.text("PrimaryNeedCode"),
        closure_date=parts.date("CINclosureDate"),
        reason_for_closure=parts.text("ReasonForClosure"),
        initial_cpc_date=parts.date("DateOfInitialCPC"),
        nfa=parts.flag("ReferralNFA"),
        assessments=[_assessment(e) for e in parts.all("Assessments")],
        cin_plans=[_cin_plan(e) for e in parts.all("CINPlanDates")],
        section47s=[_section47(e) for e in parts.all("Section47")],
        cp_plans=[_cp_plan(e) for e in parts.all("ChildProtectionPlans")],
    )


def _assessment(element: etree._Element) -> Assessment:
    parts = _Parts(element)
    factors = _Parts(parts.first("FactorsIdentifiedAtAssessment")).texts("AssessmentFactors")
    return Assessment(element.sourceline, parts.date("AssessmentActualStartDate"),
                      parts.date("AssessmentAuthorisationDate"), factors)


def _cin_plan(element: etree._Element) -> CinPlan:
    parts = _Parts(element)
    return CinPlan(element.sourceline, parts.date("CINPlanStartDate"),
                   parts.date("CINPlanEndDate"))


def _section47(element: etree._Element) -> Section47:
    parts = _Parts(element)
    return Section47(element.sourceline, parts.date("S47ActualStartDate"),
                     parts.date("InitialCPCtarget"), parts.date("DateOfInitialCPC"),
                     parts.flag("ICPCnotRequired"))


def _cp_plan(element: etree._Element) -> CpPlan:
    parts = _Parts(element)
    reviews: list[date | None] = []
    for element_ in parts.all("Reviews"):
        dates = [_date(d.text) for d in _Parts(element_).all("CPPreviewDate")]
        reviews.extend(dates or [None])
    return CpPlan(element.sourceline, parts.date("CPPstartDate"), parts.date("CPPendDate"),
                  parts.text("InitialCategoryOfAbuse"), parts.text("LatestCategoryOfAbuse"),
                  parts.text("NumberOfPreviousCPP"), reviews)
