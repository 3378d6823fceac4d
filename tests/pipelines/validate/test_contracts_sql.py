"""The data contracts compiled to DuckDB SQL (`contracts_sql.py`) find exactly what Great
Expectations finds (`contracts.check_file_gx`, the reference) on a corpus:

- the valid delivery (tests/fixtures/valid_delivery) and the practice delivery, every file;
- every broken and near-miss row of test_contracts.py, each run against its file's whole suite;
- the rows of test_check_delivery.py that break a type and a contract together;
- per file, Hypothesis-generated mutations of the valid fixture's rows (cells set to other
  fixture values, boundary dates and numbers, empty or odd text, repeated rows).

"Identical" means the same Finding objects (rule, severity, file, line, column, value,
message) in the same order. Values are kept to what staging can hold exactly in both paths:
whole numbers within ±2^53 (GX reads a whole-number column with empty cells as float64).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES
from neglect_insight.pipelines.validate import contracts
from neglect_insight.pipelines.validate.contracts import ContractError, load_suite, load_suites
from neglect_insight.pipelines.validate.contracts_sql import (
    check_file_by_expectation,
    compile_expectation,
    python_regex_to_re2,
)
from tests.pipelines.validate.conftest import EXTRACT_DATE, VALID_DELIVERY, Delivery
from tests.pipelines.validate.test_contracts import CASES, NEAR_MISSES

PRACTICE = Path(__file__).parents[2] / "fixtures" / "practice"


def _copy(source: Path, folder: Path) -> Delivery:
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("*.md"))
    return Delivery(folder)


def _both(delivery: Delivery, stem: str, extract_date: date = EXTRACT_DATE):
    """(SQL findings, GX findings) of one file's whole suite; None if the file did not stage.
    The SQL findings are also checked to be those of the plain one-query-per-expectation form
    (test_contracts_one_scan.py), so every corpus here tests the one scan too."""
    conn, staged = delivery.stage(only=f"{stem}.csv")
    if stem not in staged.loadable_reads:
        return None
    suite = load_suites([stem])[stem]
    sql = contracts.check_file(conn, suite, extract_date)
    assert sql == check_file_by_expectation(conn, suite, extract_date)
    return sql, contracts.check_file_gx(conn, suite, extract_date)


def _assert_same(delivery: Delivery, stem: str, extract_date: date = EXTRACT_DATE) -> list:
    both = _both(delivery, stem, extract_date)
    assert both is not None, f"{stem}.csv did not stage"
    sql, gx = both
    assert sql == gx
    return sql


# -- fixed corpus -------------------------------------------------------------------------------

@pytest.mark.parametrize("stem", sorted(EXTRACT_FILES))
def test_valid_delivery_same_findings(tmp_path, stem):
    delivery = _copy(VALID_DELIVERY, tmp_path / "d")
    assert _assert_same(delivery, stem) == []  # the valid fixture passes every contract


@pytest.mark.parametrize("file", sorted(p.name for p in PRACTICE.glob("*.csv")))
def test_practice_delivery_same_findings(tmp_path, file):
    _assert_same(_copy(PRACTICE, tmp_path / "d"), file.removesuffix(".csv"))


@pytest.mark.parametrize(("file", "line", "cells", "expected"), CASES,
                         ids=[f"{c[3][0][0]}-line{c[1]}" for c in CASES])
def test_broken_rows_same_findings(delivery, file, line, cells, expected):
    delivery.set(file, line, **cells)
    findings = _assert_same(delivery, file.removesuffix(".csv"))
    # the whole suite sees the case's own findings (other rules may fire too)
    assert set(expected) <= {(f.rule_id, f.line) for f in findings}


@pytest.mark.parametrize(("file", "line", "cells", "why"), NEAR_MISSES,
                         ids=[f"{c[0]}-line{c[1]}-{c[3]}" for c in NEAR_MISSES])
def test_near_misses_same_findings(delivery, file, line, cells, why):
    delivery.set(file, line, **cells)
    assert _assert_same(delivery, file.removesuffix(".csv")) == [], why


def test_mistyped_and_multiline_rows_same_findings(delivery):
    delivery.set("cp_plans.csv", 3, start_date="20/07/2024")  # not ISO: staged as empty
    delivery.set("cp_plans.csv", 2, end_date="2024-01-19", previous_plans="-3")
    delivery.set("early_years.csv", 2, taking_up="many")
    text = delivery.text("children.csv").replace(",North\n", ',"North\nside"\n', 1)
    delivery.write("children.csv", text)
    delivery.set("children.csv", 5, sex="X")
    for stem in ("cp_plans", "early_years", "children"):
        _assert_same(delivery, stem)
    # E002 starts 2024-02-01: the extract date moves findings in both paths alike
    for day in (date(2024, 1, 31), date(2024, 2, 1)):
        _assert_same(delivery, "early_help", day)


def test_header_only_file_same_findings(delivery):
    delivery.write("cin_plans.csv", "child_id,referral_id,start_date,end_date\n")
    assert _assert_same(delivery, "cin_plans") == []


# -- generated corpus ---------------------------------------------------------------------------

def _fixture_values() -> dict[str, list[str]]:
    """Every value of each column name across the valid fixture's files."""
    import csv

    values: dict[str, set[str]] = {}
    for path in VALID_DELIVERY.glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for column, value in row.items():
                    values.setdefault(column, set()).add(value)
    return {c: sorted(v) for c, v in values.items()}


FIXTURE_VALUES = _fixture_values()
BOUNDARIES = ["", " ", "0", "1", "-1", "5", "6", "140", "141", "9007199254740992",
              "2025-03-31", "2025-04-01", "2025-03-01", "2025-02-15", "1999-12-01", "2024-01-19",
              "true", "false", "M", "f", "x", "N9", "n1", "16A", "16a;3B", ";", " ; ",
              "2024/25", "2024/26", "1999/00", "2024-25", "LA;police", "la; ;school",
              "other\u00a0", "16A\u2003;\u30002", "16A\x0b", "autumn", "AUTUMN", "C001", "R001"]
TEXT = st.text(alphabet=st.sampled_from(list("0123456789AaBbNnCc;/- _\u00a0\u2003\x0b.")),
               max_size=10)


def _suite_values() -> dict[str, list[str]]:
    """Per column, the values at each edge of its suites' rules: bounds and their neighbours,
    the extract date and the days either side, set members in lower case."""
    day = EXTRACT_DATE.toordinal()
    dates = [date.fromordinal(day + d).isoformat() for d in (-1, 0, 1)]
    values: dict[str, set[str]] = {}
    for suite in load_suites().values():
        for e in suite.expectations:
            kwargs = e["kwargs"]
            edge = values.setdefault(kwargs.get("column", ""), set())
            for bound in (kwargs.get("min_value"), kwargs.get("max_value")):
                if isinstance(bound, int):
                    edge.update(str(bound + d) for d in (-1, 0, 1))
                elif bound == "$extract_date":
                    edge.update(dates)
            for member in kwargs.get("value_set", []):
                edge.update({str(member), str(member).lower()})
    return {c: sorted(v) for c, v in values.items() if v}


SUITE_VALUES = _suite_values()


def _value(column: str) -> st.SearchStrategy[str]:
    edges = SUITE_VALUES.get(column, BOUNDARIES)
    return st.one_of(st.sampled_from(FIXTURE_VALUES[column]), st.sampled_from(edges),
                     st.sampled_from(BOUNDARIES), TEXT, st.integers(-3, 3_000_000).map(str))


@st.composite
def _mutations(draw, stem: str):
    columns = list(EXTRACT_FILES[stem].column_names)
    edits = []
    for _ in range(draw(st.integers(1, 6))):
        column = draw(st.sampled_from(columns))
        edits.append((draw(st.integers(0, 20)), column, draw(_value(column))))
    return draw(st.integers(0, 3)), edits


def mutated(mutation: tuple, file: str, folder: Path) -> Delivery:
    """The valid delivery with a `_mutations` draw applied to `file`: some of its rows repeated
    as new lines (uniqueness), then cells edited."""
    copies, edits = mutation
    delivery = _copy(VALID_DELIVERY, folder)
    rows = delivery._read(file)
    for i in range(copies):  # repeated rows (uniqueness) as new lines
        delivery.append(file, **dict(zip(rows[0], rows[1 + i % (len(rows) - 1)], strict=True)))
    lines = len(delivery._read(file))
    for row, column, value in edits:
        if lines > 1:
            delivery.set(file, 2 + row % (lines - 1), **{column: value})
    return delivery


@pytest.mark.parametrize("stem", sorted(EXTRACT_FILES))
def test_generated_rows_same_findings(tmp_path_factory, stem):
    file = f"{stem}.csv"
    seen_findings = []

    @settings(max_examples=15, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(_mutations(stem))
    def check(mutation):
        delivery = mutated(mutation, file, tmp_path_factory.mktemp("gen"))
        both = _both(delivery, stem)
        assume(both is not None)
        sql, gx = both
        assert sql == gx
        seen_findings.extend(sql)

    check()
    assert seen_findings, "the generated rows should break some rule"


# -- the compiler refuses what it cannot run exactly --------------------------------------------

@pytest.mark.parametrize(("type_", "kwargs", "match"), [
    ("expect_column_values_to_be_nice", {"column": "plan_id"}, "expect_column_values_to_be_nice"),
    ("expect_column_values_to_not_be_null", {"column": "plan_id", "mostly": 0.9}, "mostly"),
    ("expect_column_values_to_not_be_null",
     {"column": "plan_id", "row_condition": "plan_id.str.len() > 2",
      "condition_parser": "pandas"}, "row_condition"),
    ("expect_column_values_to_match_regex", {"column": "plan_id", "regex": r"^\d+$"}, r"\\d"),
    ("expect_column_values_to_match_regex", {"column": "plan_id", "regex": "^(?=P)"},
     "look-around"),
    ("expect_column_pair_values_a_to_be_greater_than_b",
     {"column_A": "end_date", "column_B": "start_date", "ignore_row_if": "neither"},
     "ignore_row_if"),
])
def test_an_expectation_without_sql_form_raises_at_load(type_, kwargs, match):
    with pytest.raises(ContractError, match=match):
        compile_expectation(type_, kwargs, {"rule_id": "cp_plans.x"}, "test")


def test_every_suite_compiles():
    # load_suite compiles every expectation to SQL (the same check as at run time)
    for stem in EXTRACT_FILES:
        suite = load_suite(contracts.suite_path(stem))
        for e in suite.expectations:
            compile_expectation(e["type"], contracts.fill_placeholders(e["kwargs"],
                                                                        EXTRACT_DATE),
                                e["meta"], stem)


def test_python_regex_meanings_are_kept():
    import re

    import duckdb

    pattern = r"^[\s;]*[0-9]{1,2}[A-Z]?(?:\s*;[\s;]*[0-9]{1,2}[A-Z]?)*[\s;]*$"
    conn = duckdb.connect()
    for text in ["16A", "16A\n", "16A\n\n", "\u00a016A", "16A\x0b;2", "16A;\u3000", "16AB",
                 "a16A", "16A$"]:
        [(sql,)] = conn.execute("select regexp_matches(?, ?)",
                                [text, python_regex_to_re2(pattern)]).fetchall()
        assert sql == (re.search(pattern, text) is not None), repr(text)
