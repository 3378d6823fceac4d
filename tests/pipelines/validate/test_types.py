"""Column type rules: every date, whole-number and true/false column of extract_files.py."""

from __future__ import annotations

import pytest

from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES
from neglect_insight.pipelines.validate.types import rules_for

# A value of the wrong shape for each type; each is something LAs really send.
BAD = {"date": "31/03/2024", "int": "3.5", "bool": "yes"}
MESSAGES = {"date": "must be a date written YYYY-MM-DD", "int": "must be a whole number",
            "bool": "must be true or false"}
TYPED = [(e.file_name, c.name, c.type) for e in EXTRACT_FILES.values() for c in e.columns
         if c.type in BAD]


@pytest.mark.parametrize(("file", "column", "type_"), TYPED,
                         ids=[f"{f}-{c}" for f, c, _ in TYPED])
def test_a_value_of_the_wrong_type_is_found(delivery, file, column, type_):
    delivery.set(file, 2, **{column: BAD[type_]})  # line 2 is the first row of every file
    [f] = delivery.types(only=file)
    stem = file.removesuffix(".csv")
    assert (f.rule_id, f.severity, f.file, f.line, f.column, f.value) == (
        f"{stem}.{column}.type", "blocking", file, 2, column, BAD[type_])
    assert f.message.startswith(f"{file}, line 2, {column} {MESSAGES[type_]}")


# Near misses: (file, line, cells, why they pass)
NEAR_MISSES = [
    ("cp_plans.csv", 2, {"start_date": " 2024-01-20 "}, "surrounding spaces are trimmed"),
    ("cp_plans.csv", 2, {"previous_plans": "+0"}, "a signed whole number"),
    ("cp_plans.csv", 2, {"previous_plans": "   "}, "blank is empty, not a wrong type"),
    ("referrals.csv", 2, {"nfa": "FALSE"}, "booleans are case-insensitive"),
    ("children.csv", 2, {"disabled": "True"}, "booleans are case-insensitive"),
]


@pytest.mark.parametrize(("file", "line", "cells", "why"), NEAR_MISSES,
                         ids=[n[3] + "-" + n[0] for n in NEAR_MISSES])
def test_near_misses_pass(delivery, file, line, cells, why):
    delivery.set(file, line, **cells)
    assert delivery.types(only=file) == [], why


@pytest.mark.parametrize("value", ["2024-02-30", "2024-2-01", "20240201", "2024-02-01T00:00"])
def test_impossible_or_non_iso_dates_fail(delivery, value):
    delivery.set("cp_plans.csv", 3, start_date=value)  # P002's start_date
    assert [(f.rule_id, f.line, f.value) for f in delivery.types()] == [
        ("cp_plans.start_date.type", 3, value)]


def test_an_absent_optional_column_is_not_a_type_error(delivery):
    delivery.drop_column("early_help.csv", "gcp2_score")  # optional int column
    assert delivery.types() == []


def test_one_rule_per_typed_column():
    ids = [r.id for e in EXTRACT_FILES.values() for r in rules_for(e)]
    assert len(ids) == len(set(ids)) == len(TYPED)
    assert "cp_plans.start_date.type" in ids


def test_findings_come_in_line_order(delivery):
    delivery.set("referrals.csv", 4, closure_date="06/03/2024")  # R003
    delivery.set("referrals.csv", 2, nfa="no", referral_date="1st Dec")  # R001, two columns
    assert [(f.line, f.column) for f in delivery.types()] == [
        (2, "nfa"), (2, "referral_date"), (4, "closure_date")]
