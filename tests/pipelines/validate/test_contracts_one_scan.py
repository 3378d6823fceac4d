"""The data contracts answered in one scan per file (`contracts_sql.check_file`: every
expectation without a window in one query over `stg_<stem>`, uniqueness in its own) give the
same findings, in the same order, as one query per expectation
(`contracts_sql.check_file_by_expectation`, the form GX was first compared with).

test_contracts_sql.py compares `check_file` with Great Expectations itself on every broken row,
near miss and generated row, and checks there that it equals the one-query form too; this file
compares the two SQL forms on the fixtures and on all broken rows of a file at once (many rules
failing on one line), and works one attendance file out by hand.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES
from neglect_insight.pipelines.validate.contracts import ContractError, load_suites
from neglect_insight.pipelines.validate.contracts_sql import (
    check_file,
    check_file_by_expectation,
)
from tests.pipelines.validate.conftest import EXTRACT_DATE, VALID_DELIVERY, Delivery
from tests.pipelines.validate.test_contracts import CASES
from tests.pipelines.validate.test_contracts_sql import _copy

PRACTICE = Path(__file__).parents[2] / "fixtures" / "practice"


def _both(delivery: Delivery, stem: str):
    """(one scan, one query per expectation) of one file's whole suite; None if not staged."""
    conn, staged = delivery.stage(only=f"{stem}.csv")
    if stem not in staged.loadable_reads:
        return None
    suite = load_suites([stem])[stem]
    return (check_file(conn, suite, EXTRACT_DATE),
            check_file_by_expectation(conn, suite, EXTRACT_DATE))


def _assert_same(delivery: Delivery, stem: str) -> list:
    both = _both(delivery, stem)
    assert both is not None, f"{stem}.csv did not stage"
    one_scan, by_expectation = both
    assert one_scan == by_expectation
    return one_scan


def test_hand_worked_attendance(delivery):
    # possible, absence, unauthorised sessions; the valid fixture's other files are unchanged
    delivery.write("attendance.csv", "\n".join([
        "child_id,academic_year,term,possible_sessions,absence_sessions,unauthorised_sessions",
        "C001,2023/24,autumn,140,141,-1",  # 2: 141 absent of 140 possible; -1 unauthorised
        "C001,2023/24,AUTUMN,0,0,",  # 3: 0 possible; same child, year and term as line 2
        ",2024/25,winter,142,16,20",  # 4: no child_id; no term WINTER; 20 unauthorised of 16
        "C005,2024/25,autumn,142,40,25",  # 5: passes
    ]) + "\n")
    found = _assert_same(delivery, "attendance")
    # sorted by line, then rule id; a compound key's value joins its columns with " / "
    assert [(f.line, f.rule_id, f.column, f.value) for f in found] == [
        (2, "attendance.absence_not_above_possible", "absence_sessions", "141"),
        (2, "attendance.one_row_per_child_term", "child_id", "C001 / 2023/24 / AUTUMN"),
        (2, "attendance.unauthorised_sessions_not_negative", "unauthorised_sessions", "-1"),
        (3, "attendance.one_row_per_child_term", "child_id", "C001 / 2023/24 / AUTUMN"),
        (3, "attendance.possible_sessions_positive", "possible_sessions", "0"),
        (4, "attendance.child_id_required", "child_id", None),
        (4, "attendance.term_code", "term", "WINTER"),
        (4, "attendance.unauthorised_not_above_absence", "unauthorised_sessions", "20"),
    ]


@pytest.mark.parametrize("stem", sorted(EXTRACT_FILES))
def test_valid_delivery_same(tmp_path, stem):
    assert _assert_same(_copy(VALID_DELIVERY, tmp_path / "d"), stem) == []


@pytest.mark.parametrize("file", sorted(p.name for p in PRACTICE.glob("*.csv")))
def test_practice_delivery_same(tmp_path, file):
    _assert_same(_copy(PRACTICE, tmp_path / "d"), file.removesuffix(".csv"))


@pytest.mark.parametrize("file", sorted({c[0] for c in CASES}))
def test_every_broken_row_of_a_file_at_once_same(delivery, file):
    # all of test_contracts.py's broken rows of one file, applied in turn (a later case may
    # change a row again): many rules fail on the same lines at once
    for case_file, line, cells, _expected in CASES:
        if case_file == file:
            delivery.set(file, line, **cells)
    assert _assert_same(delivery, file.removesuffix(".csv"))


def test_an_expectation_that_cannot_run_is_named(delivery):
    # a bound of text on a whole-number column: DuckDB cannot cast 'many' when the query runs
    conn, _staged = delivery.stage(only="attendance.csv")
    suite = load_suites(["attendance"])["attendance"]
    broken = {"type": "expect_column_values_to_be_between",
              "kwargs": {"column": "possible_sessions", "min_value": "many"},
              "meta": {"rule_id": "attendance.possible_sessions_positive",
                       "severity": "blocking", "message": "possible_sessions is below 1."}}
    suite = dataclasses.replace(suite, expectations=[*suite.expectations, broken])
    errors = []
    for run in (check_file, check_file_by_expectation):
        with pytest.raises(ContractError,
                           match="attendance.possible_sessions_positive could not run") as err:
            run(conn, suite, EXTRACT_DATE)
        errors.append(str(err.value))
    assert errors[0] == errors[1]
