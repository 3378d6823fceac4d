"""The canonical extract files of shared spec `extracts.md`: names, columns, types, and which
are required.

One place says which files and columns exist; the reader, the staging SQL and the data
contracts all follow it (a test keeps `sql/staging/` and `data_contracts/` in step with it).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # text | date | int | bool
    optional: bool = False  # the column itself may be absent from the file


@dataclass(frozen=True)
class ExtractFile:
    stem: str
    required: bool
    columns: tuple[Column, ...] = field(default_factory=tuple)
    label: str = ""
    subject: str = ""  # optional files: what is missing without it ("early help not supplied")

    @property
    def file_name(self) -> str:
        return f"{self.stem}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if not c.optional]


def _cols(*specs: str) -> tuple[Column, ...]:
    """`"name:type"`, with a trailing `?` on the type for an optional column."""
    out = []
    for spec in specs:
        name, type_ = spec.split(":")
        out.append(Column(name, type_.rstrip("?"), optional=type_.endswith("?")))
    return tuple(out)


EXTRACT_FILES: dict[str, ExtractFile] = {
    f.stem: f
    for f in (
        ExtractFile(
            "children", True,
            _cols("child_id:text", "sex:text", "birth_month:date", "expected_birth_month:date?",
                  "ethnicity:text", "disabled:bool?", "locality:text?"),
            "Children",
        ),
        ExtractFile(  # expected, not required: without it, figures needing it say so
            "early_help", False,
            _cols("episode_id:text", "child_id:text", "start_date:date", "end_date:date",
                  "factors:text", "end_reason:text", "organisation:text", "gcp2_score:int?"),
            "Early help episodes", "early help",
        ),
        ExtractFile(
            "referrals", True,
            _cols("referral_id:text", "child_id:text", "referral_date:date", "source:text",
                  "primary_need:text", "nfa:bool", "closure_date:date", "closure_reason:text"),
            "Referrals (children in need episodes)",
        ),
        ExtractFile(
            "assessments", True,
            _cols("assessment_id:text", "referral_id:text", "child_id:text", "start_date:date",
                  "authorised_date:date", "factors:text"),
            "Assessments",
        ),
        ExtractFile(
            "cin_plans", False,
            _cols("child_id:text", "referral_id:text", "start_date:date", "end_date:date"),
            "Child in need plans",
        ),
        ExtractFile(
            "cp_plans", True,
            _cols("plan_id:text", "child_id:text", "referral_id:text", "start_date:date",
                  "end_date:date", "initial_category:text", "latest_category:text",
                  "previous_plans:int?"),
            "Child protection plans",
        ),
        ExtractFile(
            "attendance", False,
            _cols("child_id:text", "academic_year:text", "term:text", "possible_sessions:int",
                  "absence_sessions:int", "unauthorised_sessions:int?"),
            "School attendance", "school attendance",
        ),
        ExtractFile(
            "attendance_all_pupils", False,
            _cols("academic_year:text", "term:text", "pupils:int", "possible_sessions:int",
                  "absence_sessions:int", "persistent_absentees:int", "severe_absentees:int"),
            "School attendance, all pupils", "all-pupils attendance",
        ),
        ExtractFile(
            "population", False,
            _cols("mid_year:int", "population_0_17:int"),
            "Population aged 0 to 17", "population",
        ),
        ExtractFile(
            "early_years", False,
            _cols("term_start:date", "eligible_2yo:int", "taking_up:int"),
            "Funded early education for two-year-olds", "early years take-up",
        ),
        ExtractFile(
            "gcp2", False,
            _cols("assessment_id:text", "child_id:text", "completed_date:date", "agency:text",
                  "physical_care:int", "safety:int", "emotional_care:int",
                  "developmental_care:int", "overall:int"),
            "Graded Care Profile 2 assessments", "Graded Care Profile 2",
        ),
        ExtractFile(
            "case_audits", False,
            _cols("audit_id:text", "audit_date:date", "theme:text", "child_id:text",
                  "grade:text", "agencies:text"),
            "Multi-agency case audits", "case audits",
        ),
    )
}


def normalise_column_name(name: str) -> str:
    """Column names are case-insensitive and surrounding whitespace is ignored (extracts.md)."""
    return name.strip().lower()
