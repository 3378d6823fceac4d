"""The rows of one CIN census return, read one `Child` element at a time: the canonical tables
(with `_source` and `_place`), the reader's own findings and the return's summary. The element
→ column map and the derived ids are described in `cin_census_xml.py`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from lxml import etree

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding
from neglect_insight.pipelines.read import cells
from neglect_insight.pipelines.read import cin_census_schema as schema
from neglect_insight.pipelines.read.cin_census_elements import Elements, text
from neglect_insight.pipelines.read.cin_census_rules import CensusChecker
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES

TABLES = ("children", "referrals", "assessments", "cin_plans", "cp_plans")

BIRTH_DATE = Rule(
    "cin_census_xml.birth_date", "blocking",
    "A PersonBirthDate or ExpectedPersonBirthDate is not a date (YYYY-MM-DD). It was left out of "
    "children.csv; correct it in the XML and send it again.")
UNKNOWN_FACTOR = Rule(
    "cin_census_xml.unknown_factor", "query",
    "An assessment factor code is not one of the census year's codes. It was kept as given; "
    "check it against the CIN census guide of that year.")
YEAR = Rule(
    "cin_census_xml.schema_year", "query",
    "The return's collection year is not one this reader knows, or does not match the "
    "elements it uses. It was read with the element names of every year.")


@dataclass(frozen=True)
class ReturnSummary:
    """What a return holds, for the ingest summary."""

    file: str
    collection_year: int | None  # 2025 for the 2024/25 census
    year_from: str  # where the year was found
    children: int = 0
    episodes: int = 0
    assessments: int = 0
    cin_plans: int = 0
    cp_plans: int = 0
    pre_proceedings: int = 0

    @property
    def schema_year(self) -> str | None:
        return schema.year_label(self.collection_year)


@dataclass
class CensusReturn:
    summary: ReturnSummary
    tables: dict[str, pl.DataFrame]
    findings: list[Finding] = field(default_factory=list)


class _Columns:
    """Column-wise rows of one canonical table (every value text or None) and the source line
    of each. Every CHUNK_ROWS rows are packed into an Arrow-backed frame, so a large return
    does not hold millions of Python strings."""

    CHUNK_ROWS = 10_000

    def __init__(self, stem: str, file: str):
        self.names, self.file = EXTRACT_FILES[stem].column_names, file
        self.values: dict[str, list[str | None]] = {name: [] for name in self.names}
        self.lines: list[int] = []
        self.chunks: list[pl.DataFrame] = []
        self.rows = 0

    def append(self, line: int, **row: str | None) -> None:
        for name in self.names:
            self.values[name].append(row.get(name))
        self.lines.append(line)
        self.rows += 1
        if len(self.lines) >= self.CHUNK_ROWS:
            self._pack()

    def _pack(self) -> None:
        chunk = pl.DataFrame(self.values, schema={name: pl.String for name in self.names})
        self.chunks.append(chunk.with_columns(
            pl.lit(self.file, pl.String).alias("_source"),
            pl.format("line {}", pl.Series(self.lines, dtype=pl.Int64)).alias("_place")))
        self.values = {name: [] for name in self.names}
        self.lines = []

    def frame(self) -> pl.DataFrame:
        self._pack()
        return pl.concat(self.chunks, rechunk=False)


class ReturnRows:
    """Reads the Child elements of one return, one at a time."""

    def __init__(self, path: Path):
        self.path, self.file = path, path.name
        self.tables = {stem: _Columns(stem, self.file) for stem in TABLES}
        self.findings: list[Finding] = []
        self.dfe_rules = CensusChecker(self.file)  # the DfE's own checks, child by child
        self.counts = dict.fromkeys(("children", "pre_proceedings"), 0)
        self.year_text: tuple[str | None, str | None] = (None, None)  # Year, ReferenceDate
        self.seen = dict.fromkeys(("Sex", "GenderCurrent", "CINPlanDates",
                                   schema.PRE_PROCEEDINGS), False)
        self.same_day: dict[tuple[str, str], int] = {}  # the current child's referrals
        self.factors: dict[str, tuple[int, int]] = {}  # factor code → (first line, count)

    def header(self, details: etree._Element) -> None:
        parts = Elements(details)
        self.year_text = (parts.value("Year"), parts.value("ReferenceDate"))

    def child(self, child: etree._Element) -> None:
        self.dfe_rules.child(child)
        self.counts["children"] += 1
        parts = Elements(child)
        ids = Elements(parts.first("ChildIdentifiers"))
        characteristics = Elements(parts.first("ChildCharacteristics"))
        child_id = ids.value("LAchildID")
        birth_months = {
            column: self._birth_month(ids, element_name, child, child_id)
            for element_name, column in (("PersonBirthDate", "birth_month"),
                                         ("ExpectedPersonBirthDate", "expected_birth_month"))}
        sex_element = "Sex" if ids.first("Sex") is not None else "GenderCurrent"
        self.seen[sex_element] |= ids.first(sex_element) is not None
        self.tables["children"].append(
            child.sourceline, child_id=child_id, sex=schema.sex(ids.value(sex_element)),
            ethnicity=characteristics.value("Ethnicity"),
            disabled=_disabled(characteristics), **birth_months)
        self.same_day.clear()  # ordinals count within one Child (LAchildID is unique)
        for details in parts.all("CINdetails"):
            self._episode(details, child_id)

    def _birth_month(self, ids: Elements, element_name: str, child: etree._Element,
                     child_id: str | None) -> str | None:
        element = ids.first(element_name)
        month, ok = cells.iso_first_of_month(text(element))
        if not ok:
            line = element.sourceline if element is not None else child.sourceline
            self.findings.append(finding(
                BIRTH_DATE, self.file, line, element_name, message=(
                    f"{self.file}, line {line}: {element_name} is not a date (YYYY-MM-DD). It "
                    "was left out of children.csv (a date of birth is never copied into a "
                    "report); correct it in the XML and send it again."),
                source=self.file, place=f"line {line}", child_id=child_id))
        return month

    def _episode(self, element: etree._Element, child_id: str | None) -> None:
        details = Elements(element)
        referral_date = cells.iso_date(details.value("CINreferralDate"))
        key = (child_id or "", referral_date or "")
        self.same_day[key] = self.same_day.get(key, 0) + 1
        referral_id = f"{key[0]}/{key[1]}/{self.same_day[key]}"
        self.tables["referrals"].append(
            element.sourceline, referral_id=referral_id, child_id=child_id,
            referral_date=referral_date, source=details.value("ReferralSource"),
            primary_need=details.value("PrimaryNeedCode"),
            nfa=cells.true_false(details.value("ReferralNFA")),
            closure_date=cells.iso_date(details.value("CINclosureDate")),
            closure_reason=details.value("ReasonForClosure"))
        ids = _Ordinals(referral_id)
        for assessment_element in details.all("Assessments"):
            assessment = Elements(assessment_element)
            start = cells.iso_date(assessment.value("AssessmentActualStartDate"))
            self.tables["assessments"].append(
                assessment_element.sourceline, assessment_id=ids.next("A", start),
                referral_id=referral_id, child_id=child_id, start_date=start,
                authorised_date=cells.iso_date(assessment.value("AssessmentAuthorisationDate")),
                factors=self._factors(assessment, assessment_element.sourceline))
        for plan_element in details.all("CINPlanDates"):
            self.seen["CINPlanDates"] = True
            plan = Elements(plan_element)
            self.tables["cin_plans"].append(
                plan_element.sourceline, child_id=child_id, referral_id=referral_id,
                start_date=cells.iso_date(plan.value("CINPlanStartDate")),
                end_date=cells.iso_date(plan.value("CINPlanEndDate")))
        for plan_element in details.all("ChildProtectionPlans"):
            plan = Elements(plan_element)
            start = cells.iso_date(plan.value("CPPstartDate"))
            self.tables["cp_plans"].append(
                plan_element.sourceline, plan_id=ids.next("P", start), child_id=child_id,
                referral_id=referral_id, start_date=start,
                end_date=cells.iso_date(plan.value("CPPendDate")),
                initial_category=plan.value("InitialCategoryOfAbuse"),
                latest_category=plan.value("LatestCategoryOfAbuse"),
                previous_plans=plan.value("NumberOfPreviousCPP"))
        pre_proceedings = len(details.all(schema.PRE_PROCEEDINGS))
        self.counts["pre_proceedings"] += pre_proceedings
        self.seen[schema.PRE_PROCEEDINGS] |= pre_proceedings > 0

    def _factors(self, assessment: Elements, line: int) -> str | None:
        codes = []
        for element in Elements(assessment.first("FactorsIdentifiedAtAssessment")).all(
                "AssessmentFactors"):
            code = text(element)
            if code:
                code = schema.factor(code)
                codes.append(code)
                first, count = self.factors.get(code, (line, 0))
                self.factors[code] = (first, count + 1)
        return ";".join(codes) or None

    def finish(self) -> CensusReturn:
        year, year_from = self._year()
        summary = ReturnSummary(
            self.file, year, year_from, self.counts["children"],
            *(self.tables[stem].rows
              for stem in ("referrals", "assessments", "cin_plans", "cp_plans")),
            pre_proceedings=self.counts["pre_proceedings"])
        known = schema.factor_codes(year)
        for code, (line, count) in self.factors.items():
            if code not in known:
                self.findings.append(finding(
                    UNKNOWN_FACTOR, self.file, line, "factors", message=(
                        f"{self.file}, line {line}: {schema.printable_code(code)} is not an "
                        f"assessment factor code of the {summary.schema_year or 'CIN'} census "
                        f"({count:,} assessments). It was kept as given; check it against "
                        "the CIN census guide of that year."),
                    source=self.file, place=f"line {line}"))
        self.findings += self.dfe_rules.findings()
        tables = {stem: columns.frame() for stem, columns in self.tables.items()}
        return CensusReturn(summary, tables, self.findings)

    def _year(self) -> tuple[int | None, str]:
        """The collection year, from the header (Year, else ReferenceDate) or the elements."""
        by_content = schema.year_from_content(
            self.seen["Sex"], self.seen["CINPlanDates"], self.seen[schema.PRE_PROCEEDINGS])
        for value, where in zip(self.year_text, ("header Year", "header ReferenceDate"),
                                strict=True):
            year = schema.collection_year(value)
            if year is not None:
                self._check_year(year, by_content)
                return year, where
        return by_content, "the elements used"

    def _check_year(self, year: int, by_content: int | None) -> None:
        label = schema.year_label(year)
        problem = None
        if not schema.FIRST_YEAR <= year <= schema.LAST_YEAR:
            problem = (f"its collection year {label} is not one this reader knows "
                       f"({schema.year_label(schema.FIRST_YEAR)} to "
                       f"{schema.year_label(schema.LAST_YEAR)})")
        elif by_content is not None and by_content > year:
            problem = (f"its header says {label} but it uses elements first used in "
                       f"{schema.year_label(by_content)}")
        elif year >= schema.SEX_FROM and self.seen["GenderCurrent"]:
            problem = (f"its header says {label} but it uses GenderCurrent, replaced by Sex in "
                       f"{schema.year_label(schema.SEX_FROM)}")
        if problem:
            self.findings.append(finding(YEAR, self.file, message=(
                f"{self.file}: {problem}. It was read anyway (GenderCurrent and Sex are both "
                "understood); check that the right file was sent."), source=self.file))


class _Ordinals:
    """Ids of an episode's assessments and plans: referral id, kind, start date, ordinal."""

    def __init__(self, referral_id: str):
        self.referral_id = referral_id
        self.seen: dict[tuple[str, str], int] = {}

    def next(self, kind: str, start: str | None) -> str:
        key = (kind, start or "")
        self.seen[key] = self.seen.get(key, 0) + 1
        return f"{self.referral_id}/{kind}{key[1]}/{self.seen[key]}"


def _disabled(characteristics: Elements) -> str | None:
    disabilities = characteristics.first("Disabilities")
    if disabilities is None:
        return None
    codes = {(text(d) or "").upper() for d in Elements(disabilities).all("Disability")} - {""}
    if not codes:
        return None
    return "false" if codes == {"NONE"} else "true"
