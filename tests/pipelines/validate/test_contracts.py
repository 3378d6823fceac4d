"""The GX suites in `data_contracts/`: every rule fires on a crafted row and near misses pass;
suites load strictly.

Each case changes cells of one row of the valid delivery (tests/fixtures/valid_delivery, rows
explained in its README.md; extract date 2025-03-31) and runs only that file's suite.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES
from neglect_insight.pipelines.validate import contracts
from neglect_insight.pipelines.validate.contracts import ContractError, load_suite, load_suites

GRADES = ("physical_care", "safety", "emotional_care", "developmental_care", "overall")

# (file, line, cells to set, expected (rule id, line) findings of that file's suite) — the first
# expected rule is the one the case is for. Each comment says why the row fails.
CASES = [
    # children.csv: 2 C001 born 2015-04 | 3 C002 | 4 C003 | 5 C004 unborn | 6 C005
    ("children.csv", 4, {"child_id": ""}, [("children.child_id_required", 4)]),  # no id
    ("children.csv", 3, {"child_id": "C001"},  # C001 twice: both rows are listed
     [("children.child_id_unique", 2), ("children.child_id_unique", 3)]),
    ("children.csv", 2, {"sex": ""}, [("children.sex_required", 2)]),  # empty sex
    ("children.csv", 2, {"sex": "X"}, [("children.sex_code", 2)]),  # not M/F/U or 1/2/0/9
    ("children.csv", 2, {"birth_month": "2015-04-02"},  # dates of birth are the 1st of a month
     [("children.birth_month_first_of_month", 2)]),
    ("children.csv", 3, {"birth_month": "2025-04-01"},  # a month after the extract date
     [("children.birth_month_not_future", 3)]),
    ("children.csv", 5, {"expected_birth_month": ""},  # unborn C004 loses its expected month
     [("children.birth_or_expected_month", 5)]),
    ("children.csv", 5, {"expected_birth_month": "2025-06-15"},  # not the 1st of a month
     [("children.expected_birth_month_first_of_month", 5)]),
    ("children.csv", 2, {"ethnicity": ""}, [("children.ethnicity_required", 2)]),  # empty
    ("children.csv", 2, {"ethnicity": "WHITE"}, [("children.ethnicity_code", 2)]),  # not DfE

    # early_help.csv: 2 E001 closed | 3 E002 open | 4 E003 open (unborn) | 5 E004 closed
    ("early_help.csv", 2, {"episode_id": ""}, [("early_help.episode_id_required", 2)]),
    ("early_help.csv", 3, {"episode_id": "E001"},  # E001 twice
     [("early_help.episode_id_unique", 2), ("early_help.episode_id_unique", 3)]),
    ("early_help.csv", 2, {"child_id": ""}, [("early_help.child_id_required", 2)]),
    ("early_help.csv", 3, {"start_date": ""}, [("early_help.start_date_required", 3)]),
    ("early_help.csv", 3, {"start_date": "2025-04-01"},  # the day after the extract date
     [("early_help.start_date_not_future", 3)]),
    ("early_help.csv", 2, {"end_date": "2025-04-01"}, [("early_help.end_date_not_future", 2)]),
    ("early_help.csv", 2, {"end_date": "2023-05-09"},  # ends the day before it starts
     [("early_help.end_not_before_start", 2)]),
    ("early_help.csv", 2, {"factors": "16A;neglect"},  # a word, not a DfE code (query)
     [("early_help.factors_code_form", 2)]),
    ("early_help.csv", 2, {"end_reason": "finished"}, [("early_help.end_reason_code", 2)]),
    ("early_help.csv", 2, {"end_reason": ""},  # closed but no end_reason
     [("early_help.end_reason_exactly_when_ended", 2)]),
    ("early_help.csv", 3, {"end_reason": "other"},  # open but has an end_reason
     [("early_help.end_reason_exactly_when_ended", 3)]),
    ("early_help.csv", 2, {"organisation": ""}, [("early_help.organisation_required", 2)]),
    ("early_help.csv", 2, {"organisation": "charity"}, [("early_help.organisation_code", 2)]),
    ("early_help.csv", 2, {"gcp2_score": "6"}, [("early_help.gcp2_score_range", 2)]),  # 1–5
    ("early_help.csv", 5, {"gcp2_score": "0"}, [("early_help.gcp2_score_range", 5)]),  # 1–5

    # referrals.csv: 2 R001 closed | 3 R002 open | 4 R003 nfa | 5 R004 closed | 6 R005 | 7 R006
    ("referrals.csv", 2, {"referral_id": ""}, [("referrals.referral_id_required", 2)]),
    ("referrals.csv", 3, {"referral_id": "R001"},  # R001 twice
     [("referrals.referral_id_unique", 2), ("referrals.referral_id_unique", 3)]),
    ("referrals.csv", 2, {"child_id": ""}, [("referrals.child_id_required", 2)]),
    ("referrals.csv", 3, {"referral_date": ""}, [("referrals.referral_date_required", 3)]),
    ("referrals.csv", 3, {"referral_date": "2025-04-01"},
     [("referrals.referral_date_not_future", 3)]),
    ("referrals.csv", 2, {"source": ""}, [("referrals.source_required", 2)]),
    ("referrals.csv", 2, {"source": "5E"}, [("referrals.source_code", 2)]),  # 5A–5D only
    ("referrals.csv", 2, {"primary_need": "N10"}, [("referrals.primary_need_code", 2)]),
    ("referrals.csv", 2, {"primary_need": ""},  # empty on a referral that is not nfa
     [("referrals.primary_need_required_unless_nfa", 2)]),
    ("referrals.csv", 2, {"nfa": ""}, [("referrals.nfa_required", 2)]),
    ("referrals.csv", 2, {"closure_date": "2025-04-01"},
     [("referrals.closure_date_not_future", 2)]),
    ("referrals.csv", 2, {"closure_date": "2023-11-30"},  # closes the day before the referral
     [("referrals.closure_not_before_referral", 2)]),
    ("referrals.csv", 2, {"closure_reason": "RC10"}, [("referrals.closure_reason_code", 2)]),
    ("referrals.csv", 2, {"closure_reason": ""},  # closed without a reason
     [("referrals.closure_reason_exactly_when_closed", 2)]),
    ("referrals.csv", 3, {"closure_reason": "RC1"},  # open with a reason
     [("referrals.closure_reason_exactly_when_closed", 3)]),

    # assessments.csv: 2 A001 | 3 A002 | 4 A003 | 5 A004 not authorised | 6 A005
    ("assessments.csv", 2, {"assessment_id": ""}, [("assessments.assessment_id_required", 2)]),
    ("assessments.csv", 3, {"assessment_id": "A001"},
     [("assessments.assessment_id_unique", 2), ("assessments.assessment_id_unique", 3)]),
    ("assessments.csv", 2, {"referral_id": ""}, [("assessments.referral_id_required", 2)]),
    ("assessments.csv", 2, {"child_id": ""}, [("assessments.child_id_required", 2)]),
    ("assessments.csv", 2, {"start_date": ""}, [("assessments.start_date_required", 2)]),
    ("assessments.csv", 5, {"start_date": "2025-04-01"},
     [("assessments.start_date_not_future", 5)]),
    ("assessments.csv", 2, {"authorised_date": "2025-04-01"},
     [("assessments.authorised_date_not_future", 2)]),
    ("assessments.csv", 2, {"authorised_date": "2023-12-03"},  # the day before it starts
     [("assessments.authorised_not_before_start", 2)]),
    ("assessments.csv", 2, {"factors": "16AA"},  # two letters: not the DfE form (query)
     [("assessments.factors_code_form", 2)]),
    ("assessments.csv", 5, {"factors": "16A"},  # factors before authorisation (query)
     [("assessments.factors_only_when_authorised", 5)]),

    # cin_plans.csv: 2 C001 closed | 3 C005 open
    ("cin_plans.csv", 2, {"child_id": ""}, [("cin_plans.child_id_required", 2)]),
    ("cin_plans.csv", 2, {"referral_id": ""}, [("cin_plans.referral_id_required", 2)]),
    ("cin_plans.csv", 3, {"start_date": ""}, [("cin_plans.start_date_required", 3)]),
    ("cin_plans.csv", 3, {"start_date": "2025-04-01"}, [("cin_plans.start_date_not_future", 3)]),
    ("cin_plans.csv", 2, {"end_date": "2025-04-01"}, [("cin_plans.end_date_not_future", 2)]),
    ("cin_plans.csv", 2, {"end_date": "2024-08-14"},  # the day before it starts
     [("cin_plans.end_not_before_start", 2)]),

    # cp_plans.csv: 2 P001 closed | 3 P002 open | 4 P003 open
    ("cp_plans.csv", 2, {"plan_id": ""}, [("cp_plans.plan_id_required", 2)]),
    ("cp_plans.csv", 3, {"plan_id": "P001"},
     [("cp_plans.plan_id_unique", 2), ("cp_plans.plan_id_unique", 3)]),
    ("cp_plans.csv", 2, {"child_id": ""}, [("cp_plans.child_id_required", 2)]),
    ("cp_plans.csv", 2, {"referral_id": ""}, [("cp_plans.referral_id_required", 2)]),
    ("cp_plans.csv", 3, {"start_date": ""}, [("cp_plans.start_date_required", 3)]),
    ("cp_plans.csv", 4, {"start_date": "2025-04-01"}, [("cp_plans.start_date_not_future", 4)]),
    ("cp_plans.csv", 2, {"end_date": "2025-04-01"}, [("cp_plans.end_date_not_future", 2)]),
    ("cp_plans.csv", 2, {"end_date": "2024-01-19"},  # the day before it starts
     [("cp_plans.end_not_before_start", 2)]),
    ("cp_plans.csv", 2, {"initial_category": ""}, [("cp_plans.initial_category_required", 2)]),
    ("cp_plans.csv", 2, {"initial_category": "N1"}, [("cp_plans.initial_category_code", 2)]),
    ("cp_plans.csv", 3, {"latest_category": "NEGLECT"}, [("cp_plans.latest_category_code", 3)]),
    ("cp_plans.csv", 2, {"previous_plans": "-1"}, [("cp_plans.previous_plans_not_negative", 2)]),

    # attendance.csv: 2 C001 23/24 autumn 140/12/4 | 3 C001 23/24 spring | 4 C001 24/25 autumn
    # 142/16/empty | 5 C005 24/25 autumn
    ("attendance.csv", 2, {"child_id": ""}, [("attendance.child_id_required", 2)]),
    ("attendance.csv", 5, {"academic_year": ""}, [("attendance.academic_year_required", 5)]),
    ("attendance.csv", 5, {"academic_year": "2024/26"},  # years not consecutive
     [("attendance.academic_year_form", 5)]),
    ("attendance.csv", 5, {"academic_year": "2024-25"},  # a dash, not a slash
     [("attendance.academic_year_form", 5)]),
    ("attendance.csv", 5, {"term": ""}, [("attendance.term_required", 5)]),
    ("attendance.csv", 5, {"term": "winter"}, [("attendance.term_code", 5)]),
    ("attendance.csv", 4, {"possible_sessions": ""},
     [("attendance.possible_sessions_required", 4)]),
    ("attendance.csv", 4, {"possible_sessions": "0", "absence_sessions": "0"},  # must be > 0
     [("attendance.possible_sessions_positive", 4)]),
    ("attendance.csv", 4, {"absence_sessions": ""}, [("attendance.absence_sessions_required", 4)]),
    ("attendance.csv", 4, {"absence_sessions": "-1"},  # negative (unauthorised is empty)
     [("attendance.absence_sessions_not_negative", 4)]),
    ("attendance.csv", 2, {"absence_sessions": "141"},  # 141 absent of 140 possible
     [("attendance.absence_not_above_possible", 2)]),
    ("attendance.csv", 2, {"unauthorised_sessions": "-1"},
     [("attendance.unauthorised_sessions_not_negative", 2)]),
    ("attendance.csv", 2, {"unauthorised_sessions": "13"},  # 13 unauthorised of 12 absent
     [("attendance.unauthorised_not_above_absence", 2)]),
    ("attendance.csv", 3, {"term": "autumn"},  # C001 2023/24 autumn twice: both rows listed
     [("attendance.one_row_per_child_term", 2), ("attendance.one_row_per_child_term", 3)]),

    # attendance_all_pupils.csv: 2 2023/24 autumn | 3 2023/24 spring | 4 2024/25 autumn
    ("attendance_all_pupils.csv", 2, {"academic_year": ""},
     [("attendance_all_pupils.academic_year_required", 2)]),
    ("attendance_all_pupils.csv", 2, {"academic_year": "2023/25"},
     [("attendance_all_pupils.academic_year_form", 2)]),
    ("attendance_all_pupils.csv", 2, {"term": ""}, [("attendance_all_pupils.term_required", 2)]),
    ("attendance_all_pupils.csv", 2, {"term": "easter"}, [("attendance_all_pupils.term_code", 2)]),
    ("attendance_all_pupils.csv", 2, {"pupils": ""},
     [("attendance_all_pupils.pupils_required", 2)]),
    ("attendance_all_pupils.csv", 2, {"pupils": "-1"},
     [("attendance_all_pupils.pupils_not_negative", 2)]),
    ("attendance_all_pupils.csv", 2, {"possible_sessions": ""},
     [("attendance_all_pupils.possible_sessions_required", 2)]),
    ("attendance_all_pupils.csv", 2, {"possible_sessions": "0", "absence_sessions": "0"},
     [("attendance_all_pupils.possible_sessions_positive", 2)]),
    ("attendance_all_pupils.csv", 2, {"absence_sessions": ""},
     [("attendance_all_pupils.absence_sessions_required", 2)]),
    ("attendance_all_pupils.csv", 2, {"absence_sessions": "-5"},
     [("attendance_all_pupils.absence_sessions_not_negative", 2)]),
    ("attendance_all_pupils.csv", 2, {"absence_sessions": "3010001"},  # one above possible
     [("attendance_all_pupils.absence_not_above_possible", 2)]),
    ("attendance_all_pupils.csv", 2, {"persistent_absentees": ""},
     [("attendance_all_pupils.persistent_absentees_required", 2)]),
    ("attendance_all_pupils.csv", 2, {"persistent_absentees": "-1"},
     [("attendance_all_pupils.persistent_absentees_not_negative", 2)]),
    ("attendance_all_pupils.csv", 2, {"severe_absentees": ""},
     [("attendance_all_pupils.severe_absentees_required", 2)]),
    ("attendance_all_pupils.csv", 2, {"severe_absentees": "-1"},
     [("attendance_all_pupils.severe_absentees_not_negative", 2)]),
    ("attendance_all_pupils.csv", 3, {"term": "autumn"},  # 2023/24 autumn twice
     [("attendance_all_pupils.one_row_per_term", 2),
      ("attendance_all_pupils.one_row_per_term", 3)]),

    # population.csv: 2 mid-2023 | 3 mid-2024
    ("population.csv", 2, {"mid_year": ""}, [("population.mid_year_required", 2)]),
    ("population.csv", 3, {"mid_year": "2023"},
     [("population.mid_year_unique", 2), ("population.mid_year_unique", 3)]),
    ("population.csv", 2, {"population_0_17": ""}, [("population.population_0_17_required", 2)]),
    ("population.csv", 2, {"population_0_17": "0"}, [("population.population_0_17_positive", 2)]),

    # early_years.csv: 2 2024-09-02 410/300 | 3 2025-01-06 420/310
    ("early_years.csv", 2, {"term_start": ""}, [("early_years.term_start_required", 2)]),
    ("early_years.csv", 3, {"term_start": "2025-04-01"},
     [("early_years.term_start_not_future", 3)]),
    ("early_years.csv", 2, {"eligible_2yo": ""}, [("early_years.eligible_2yo_required", 2)]),
    ("early_years.csv", 2, {"eligible_2yo": "-1", "taking_up": "0"},  # 0 taking up of -1
     [("early_years.eligible_2yo_not_negative", 2),
      ("early_years.taking_up_not_above_eligible", 2)]),
    ("early_years.csv", 2, {"taking_up": ""}, [("early_years.taking_up_required", 2)]),
    ("early_years.csv", 2, {"taking_up": "-1"}, [("early_years.taking_up_not_negative", 2)]),
    ("early_years.csv", 2, {"taking_up": "411"},  # 411 taking up of 410 eligible
     [("early_years.taking_up_not_above_eligible", 2)]),

    # gcp2.csv: 2 G001 C001 school 3/2/3/3/3 | 3 G002 C001 la | 4 G003 C002 Health
    ("gcp2.csv", 2, {"assessment_id": ""}, [("gcp2.assessment_id_required", 2)]),
    ("gcp2.csv", 3, {"assessment_id": "G001"},  # G001 twice
     [("gcp2.assessment_id_unique", 2), ("gcp2.assessment_id_unique", 3)]),
    ("gcp2.csv", 2, {"child_id": ""}, [("gcp2.child_id_required", 2)]),
    ("gcp2.csv", 2, {"completed_date": ""}, [("gcp2.completed_date_required", 2)]),
    ("gcp2.csv", 3, {"completed_date": "2025-04-01"},  # the day after the extract date
     [("gcp2.completed_date_not_future", 3)]),
    ("gcp2.csv", 2, {"agency": ""}, [("gcp2.agency_required", 2)]),
    ("gcp2.csv", 2, {"agency": "nhs_trust"}, [("gcp2.agency_code", 2)]),  # not an agency type
    *[("gcp2.csv", 4, {column: ""}, [(f"gcp2.{column}_required", 4)]) for column in GRADES],
    *[("gcp2.csv", 3, {column: "6"}, [(f"gcp2.{column}_range", 3)]) for column in GRADES],
    ("gcp2.csv", 2, {"overall": "0"}, [("gcp2.overall_range", 2)]),  # below grade 1

    # case_audits.csv: 2 CA01 neglect C001 good | 3 CA02 other, no child | 4 CA03 Neglect C002
    ("case_audits.csv", 2, {"audit_id": ""}, [("case_audits.audit_id_required", 2)]),
    ("case_audits.csv", 3, {"audit_id": "CA01"},  # CA01 twice
     [("case_audits.audit_id_unique", 2), ("case_audits.audit_id_unique", 3)]),
    ("case_audits.csv", 2, {"audit_date": ""}, [("case_audits.audit_date_required", 2)]),
    ("case_audits.csv", 4, {"audit_date": "2025-04-01"},
     [("case_audits.audit_date_not_future", 4)]),
    ("case_audits.csv", 2, {"theme": ""}, [("case_audits.theme_required", 2)]),
    ("case_audits.csv", 2, {"theme": "neglected"}, [("case_audits.theme_code", 2)]),
    ("case_audits.csv", 3, {"grade": ""}, [("case_audits.grade_required", 3)]),
    ("case_audits.csv", 3, {"grade": "adequate"}, [("case_audits.grade_code", 3)]),
    ("case_audits.csv", 2, {"agencies": "la;social_care"},  # not an agency type
     [("case_audits.agencies_code", 2)]),
]

# Rows that come close to a rule and must pass: (file, line, cells, why).
NEAR_MISSES = [
    ("children.csv", 2, {"sex": "9"}, "DfE GenderCurrent 9 (not specified) is U"),
    ("children.csv", 2, {"sex": " f "}, "codes are trimmed and case-insensitive"),
    ("children.csv", 3, {"birth_month": "2025-03-01"}, "the extract's own month is not future"),
    ("children.csv", 2, {"expected_birth_month": "2015-04-01"},
     "a born child may keep its expected month"),
    ("children.csv", 5, {"expected_birth_month": "2026-01-01"},
     "an expected birth month may be after the extract date"),
    ("children.csv", 2, {"ethnicity": "wbri"}, "ethnicity codes are case-insensitive"),
    ("early_help.csv", 3, {"start_date": "2025-03-31"}, "on the extract date is not future"),
    ("early_help.csv", 2, {"end_date": "2023-05-10"}, "ends the day it starts"),
    ("early_help.csv", 2, {"factors": "16a; 3B ;"}, "lower case, spaces, a trailing ';'"),
    ("early_help.csv", 2, {"gcp2_score": "5"}, "5 is the top grade"),
    ("early_help.csv", 2, {"gcp2_score": "1"}, "1 is the bottom grade"),
    ("early_help.csv", 2, {"end_reason": "Moved_Away"}, "codes are case-insensitive"),
    ("referrals.csv", 2, {"source": "10"}, "two-digit source code"),
    ("referrals.csv", 2, {"source": "5d"}, "lower case source code"),
    ("referrals.csv", 2, {"primary_need": "n9"}, "N9 in lower case"),
    ("referrals.csv", 4, {"closure_date": "2024-03-05"}, "closed the day of the referral"),
    ("assessments.csv", 2, {"authorised_date": "2023-12-04"}, "authorised the day it starts"),
    ("assessments.csv", 2, {"factors": "1A;24A;9"}, "one or two digits, optional letter"),
    ("cp_plans.csv", 2, {"end_date": "2024-01-20"}, "ends the day it starts"),
    ("cp_plans.csv", 3, {"previous_plans": "0"}, "0 previous plans"),
    ("cp_plans.csv", 3, {"latest_category": "emo"}, "lower case category"),
    ("attendance.csv", 5, {"academic_year": "2099/00"}, "a century boundary is consecutive"),
    ("attendance.csv", 5, {"term": "Summer"}, "term is case-insensitive"),
    ("attendance.csv", 2, {"absence_sessions": "140", "unauthorised_sessions": "140"},
     "absent every possible session, all unauthorised"),
    ("attendance.csv", 4, {"absence_sessions": "0"}, "no absence"),
    ("early_years.csv", 2, {"taking_up": "410"}, "every eligible child taking up"),
    ("early_years.csv", 2, {"eligible_2yo": "0", "taking_up": "0"}, "none eligible"),
    ("gcp2.csv", 2, {"overall": "5", "safety": "1"}, "1 and 5 are grades"),
    ("gcp2.csv", 2, {"agency": " Police "}, "agency is trimmed and case-insensitive"),
    ("gcp2.csv", 2, {"completed_date": "2025-03-31"}, "on the extract date is not future"),
    ("case_audits.csv", 2, {"child_id": ""}, "an audit may name no child"),
    ("case_audits.csv", 2, {"agencies": "other;police;voluntary"}, "every agency type"),
    ("case_audits.csv", 2, {"grade": "Requires_Improvement"}, "grade is case-insensitive"),
]


def _stem(file: str) -> str:
    return file.removesuffix(".csv")


@pytest.mark.parametrize(("file", "line", "cells", "expected"), CASES,
                         ids=[f"{c[3][0][0]}-line{c[1]}" for c in CASES])
def test_rule_fires_on_its_row(delivery, file, line, cells, expected):
    delivery.set(file, line, **cells)
    findings = delivery.contract(_stem(file), touching=cells)
    assert [(f.rule_id, f.line) for f in findings] == expected
    assert all(f.file == file for f in findings)
    first = findings[0]
    column = first.column
    assert f"{file}, line {first.line}, {column}:" in first.message
    assert first.severity == contracts.load_suite(
        contracts.suite_path(_stem(file))).rules[first.rule_id].severity


@pytest.mark.parametrize(("file", "line", "cells", "why"), NEAR_MISSES,
                         ids=[f"{c[0]}-line{c[1]}-{c[3]}" for c in NEAR_MISSES])
def test_near_miss_passes(delivery, file, line, cells, why):
    delivery.set(file, line, **cells)
    assert delivery.contract(_stem(file), touching=cells) == [], why


def test_every_contract_rule_has_a_case():
    tested = {rule_id for *_, expected in CASES for rule_id, _ in expected}
    in_suites = {rule_id for suite in load_suites().values() for rule_id in suite.rules}
    assert in_suites - tested == set()
    assert tested - in_suites == set()


def test_finding_names_file_line_column_and_value(delivery):
    delivery.set("cp_plans.csv", 2, end_date="2024-01-19")  # P001 ends the day before it starts
    [f] = delivery.contract("cp_plans")
    assert (f.rule_id, f.severity, f.file, f.line, f.column, f.value) == (
        "cp_plans.end_not_before_start", "blocking", "cp_plans.csv", 2, "end_date", "2024-01-19")
    assert f.message.startswith("cp_plans.csv, line 2, end_date: end_date is before start_date")


def test_values_are_written_as_in_the_file(delivery):
    delivery.set("cp_plans.csv", 2, previous_plans="-3")  # an int column with empty cells
    delivery.set("attendance.csv", 3, term="autumn")  # compound: all three values
    [plans] = delivery.contract("cp_plans")
    assert plans.value == "-3"
    assert [f.value for f in delivery.contract("attendance")] == [
        "C001 / 2023/24 / AUTUMN", "C001 / 2023/24 / AUTUMN"]


def test_lines_are_file_lines_after_a_multiline_field(delivery):
    # A quoted locality spanning two lines (2-3) pushes C002 to line 4 and C003 to line 5.
    delivery.set("children.csv", 4, sex="X")  # C003, line 4 before the change below
    text = delivery.text("children.csv").replace(",North\n", ',"North\nside"\n', 1)
    delivery.write("children.csv", text)
    assert [(f.rule_id, f.line) for f in delivery.contract("children")] == [
        ("children.sex_code", 5)]


def test_not_future_uses_the_extract_date(delivery):
    # E002 starts 2024-02-01: after an extract date of 2024-01-31, not after 2024-02-01.
    assert ("early_help.start_date_not_future", 3) in [
        (f.rule_id, f.line) for f in delivery.contract("early_help", date(2024, 1, 31))]
    assert ("early_help.start_date_not_future", 3) not in [
        (f.rule_id, f.line) for f in delivery.contract("early_help", date(2024, 2, 1))]


def test_header_only_file_passes(delivery):
    delivery.write("cin_plans.csv", "child_id,referral_id,start_date,end_date\n")
    assert delivery.contract("cin_plans") == []


# -- strict loading ---------------------------------------------------------------------------

def test_every_extract_file_has_exactly_one_suite():
    on_disk = {p.stem for p in contracts.SUITES_DIR.glob("*.json")}
    assert on_disk == set(EXTRACT_FILES)
    suites = load_suites()
    assert all(s.expectations for s in suites.values())


def _write_suite(tmp_path: Path, stem: str, doc: object) -> Path:
    path = tmp_path / f"{stem}.json"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc))
    return path


def _suite_with(expectation: dict) -> dict:
    return {"name": "cp_plans", "expectations": [expectation]}


GOOD = {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "plan_id"},
        "meta": {"rule_id": "cp_plans.plan_id_required", "severity": "blocking",
                 "message": "plan_id is empty."}}


def test_a_minimal_suite_loads(tmp_path):
    suite = load_suite(_write_suite(tmp_path, "cp_plans", _suite_with(GOOD)))
    assert list(suite.rules) == ["cp_plans.plan_id_required"]


def test_malformed_json_raises(tmp_path):
    path = _write_suite(tmp_path, "cp_plans", '{"name": "cp_plans", "expectations": [')
    with pytest.raises(ContractError, match="cannot be read as JSON"):
        load_suite(path)


def test_unknown_expectation_type_raises(tmp_path):
    # GX itself only logs an unknown type and drops the expectation; the loader must refuse.
    path = _write_suite(tmp_path, "cp_plans", _suite_with(
        {**GOOD, "type": "expect_column_values_to_be_nice"}))
    with pytest.raises(ContractError, match="expect_column_values_to_be_nice"):
        load_suite(path)


@pytest.mark.parametrize(("change", "match"), [
    ({"kwargs": {"column": "surname"}}, "no column 'surname'"),
    ({"kwargs": {"colum": "plan_id"}}, "not a valid expectation"),
    ({"meta": {"rule_id": "cp_plans.x", "severity": "fatal", "message": "m"}}, "severity"),
    ({"meta": {"rule_id": "children.x", "severity": "query", "message": "m"}}, "start 'cp_plans.'"),
    ({"meta": {"rule_id": "cp_plans.x", "severity": "query"}}, "meta"),
    ({"kwargs": {"column": "end_date", "max_value": "$today"}}, "unknown placeholder"),
    ({"extra": 1}, "nothing unknown"),
])
def test_doubtful_expectation_raises(tmp_path, change, match):
    with pytest.raises(ContractError, match=match):
        load_suite(_write_suite(tmp_path, "cp_plans", _suite_with({**GOOD, **change})))


def test_wrong_suite_name_or_empty_suite_raises(tmp_path):
    with pytest.raises(ContractError, match="'name' must be"):
        load_suite(_write_suite(tmp_path, "cp_plans", {"name": "plans", "expectations": [GOOD]}))
    with pytest.raises(ContractError, match="non-empty"):
        load_suite(_write_suite(tmp_path, "cp_plans", {"name": "cp_plans", "expectations": []}))


def test_one_broken_suite_stops_every_check(delivery, tmp_path, monkeypatch):
    # population.csv is not even in this delivery: the broken suite still raises at once.
    suites = tmp_path / "suites"
    shutil.copytree(contracts.SUITES_DIR, suites)
    (suites / "population.json").write_text("{not json")
    monkeypatch.setattr(contracts, "SUITES_DIR", suites)
    delivery.remove("population.csv")
    with pytest.raises(ContractError, match="population.json"):
        delivery.check()


def test_an_expectation_that_cannot_run_raises(delivery, tmp_path):
    # A row condition naming a column that is not there fails inside GX: never a silent pass.
    path = _write_suite(tmp_path, "cp_plans", _suite_with(
        {**GOOD, "kwargs": {"column": "plan_id", "row_condition": "no_such_column.isnull()",
                            "condition_parser": "pandas"}}))
    conn, _ = delivery.stage(only="cp_plans.csv")
    with pytest.raises(ContractError, match="could not run"):
        contracts.check_file(conn, load_suite(path), date(2025, 3, 31))
