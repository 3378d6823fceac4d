"""The data contracts run as set-based DuckDB SQL: each expectation of a suite in
`data_contracts/<stem>.json` is compiled to a condition over `stg_<stem>` that picks the file
line (`_line`) and the value of every failing row, exactly as Great Expectations' pandas path
reports them (`contracts.check_file_gx`, kept as the reference;
tests/pipelines/validate/test_contracts_sql.py proves identical findings on a corpus).

`check_file` answers all of a file's expectations but uniqueness in ONE scan of the staged
view (one true/false column per expectation), so the view's casts run once per file, not once
per expectation; each uniqueness expectation (a window) is its own query.
`check_file_by_expectation` runs one query per expectation: the plain form, which
test_contracts_one_scan.py shows gives the same findings in the same order.

Only the expectation types and keyword arguments below compile. Anything else raises
`ContractError` when the suite is loaded — a rule is never silently skipped. GX semantics kept:

- map expectations ignore empty (null) values, except `..._to_not_be_null` / `..._to_be_null`;
- `row_condition` (pandas parser) is one of `col.isnull()`, `col.notnull()`,
  `col == True|False`; it narrows the rows an expectation looks at;
- `..._match_regex` searches the value as text (`str.contains`, Python `re`): `\\s` is given
  Python's Unicode whitespace and `$` also matches before a final newline, as in Python;
- `..._to_be_unique` / compound uniqueness list every row of a repeated value.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule
from neglect_insight.pipelines.validate.contracts import (
    ContractError,
    Suite,
    _text,
    fill_placeholders,
)

CONDITION_KWARGS = {"row_condition", "condition_parser"}
KWARGS = {
    "expect_column_values_to_not_be_null": {"column"},
    "expect_column_values_to_be_null": {"column"},
    "expect_column_values_to_be_between": {"column", "min_value", "max_value", "strict_min",
                                           "strict_max"},
    "expect_column_values_to_be_in_set": {"column", "value_set"},
    "expect_column_values_to_be_unique": {"column"},
    "expect_column_values_to_match_regex": {"column", "regex"},
    "expect_column_pair_values_a_to_be_greater_than_b": {"column_A", "column_B", "or_equal",
                                                         "ignore_row_if"},
    "expect_compound_columns_to_be_unique": {"column_list", "ignore_row_if"},
}
REQUIRED = {
    "expect_column_values_to_be_in_set": {"value_set"},
    "expect_column_values_to_match_regex": {"regex"},
    "expect_column_pair_values_a_to_be_greater_than_b": {"column_A", "column_B"},
    "expect_compound_columns_to_be_unique": {"column_list"},
}
# Python's `\s` for str (re.match(r"\s", c) over every code point), for RE2.
PY_WHITESPACE = ("\\x{9}-\\x{d}\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}"
                 "\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}")
_CONDITION = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\.\s*(isnull|notnull)\s*\(\s*\)|"
                        r"==\s*(True|False))\s*$")


@dataclass(frozen=True)
class Compiled:
    """One expectation as SQL: `where` picks the failing rows of `stg_<stem>`, or `qualify`
    (uniqueness) does, after `where` has dropped the rows the expectation ignores."""

    where: str
    qualify: str | None = None


def _q(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _literal(value: Any, where: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise ContractError(f"{where}: cannot compare with {value!r} in SQL")


def _condition(kwargs: dict, where: str) -> str | None:
    if "row_condition" not in kwargs:
        if "condition_parser" in kwargs:
            raise ContractError(f"{where}: condition_parser without a row_condition")
        return None
    if kwargs.get("condition_parser") != "pandas":
        raise ContractError(f"{where}: a row_condition needs condition_parser 'pandas'")
    match = _CONDITION.match(str(kwargs["row_condition"]))
    if not match:
        raise ContractError(f"{where}: row_condition {kwargs['row_condition']!r} is not one of "
                            "'col.isnull()', 'col.notnull()', 'col == True|False'")
    column, test, flag = match.groups()
    if test == "isnull":
        return f"{_q(column)} is null"
    if test == "notnull":
        return f"{_q(column)} is not null"
    return f"{_q(column)} = {flag.lower()}"


def python_regex_to_re2(pattern: str, where: str = "regex") -> str:
    """A Python `re` search pattern as RE2 with the same matches on text (see module doc);
    a construct whose meaning differs and is not translated raises ContractError."""
    try:
        re.compile(pattern)
    except re.error as err:
        raise ContractError(f"{where}: regex does not compile: {err}") from err
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            nxt = pattern[i + 1:i + 2]
            if nxt == "s":
                out.append(PY_WHITESPACE if in_class else f"[{PY_WHITESPACE}]")
            elif nxt.isalnum() and nxt not in "tnrfv":
                raise ContractError(f"{where}: regex escape \\{nxt} is not supported in SQL")
            else:
                out.append(c + nxt)
            i += 2
            continue
        if in_class:
            if c == "]" and not (out and out[-1] in ("[", "[^")):
                in_class = False
            out.append(c)
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "^":
                out.append("[^")
                i += 1
            else:
                out.append("[")
        elif c == "$":
            out.append("(?:\\n?\\z)")
        elif c == "(" and pattern[i + 1:i + 3] in ("?=", "?!", "?<", "?P"):
            raise ContractError(f"{where}: regex look-arounds and named groups are not "
                                "supported in SQL")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def compile_expectation(type_: str, kwargs: dict, meta: dict, where: str) -> Compiled:
    """The SQL of one expectation (placeholders already filled); ContractError if it has no
    exact SQL form here."""
    at = f"{where} ({meta.get('rule_id')})"
    if type_ not in KWARGS:
        raise ContractError(f"{at}: not a valid expectation '{type_}': this type has no SQL "
                            "form in pipelines/validate/contracts_sql.py")
    unknown = set(kwargs) - KWARGS[type_] - CONDITION_KWARGS
    missing = (REQUIRED.get(type_, {"column"}) | ({"column"} if "column" in KWARGS[type_]
                                                  else set())) - set(kwargs)
    if unknown or missing:
        raise ContractError(f"{at}: not a valid expectation '{type_}': unknown keys "
                            f"{sorted(unknown)}, missing keys {sorted(missing)}")
    parts = []
    if (condition := _condition(kwargs, at)) is not None:
        parts.append(f"({condition})")
    qualify = None
    col = _q(kwargs["column"]) if "column" in kwargs else None
    if type_ == "expect_column_values_to_not_be_null":
        parts.append(f"{col} is null")
    elif type_ == "expect_column_values_to_be_null":
        parts.append(f"{col} is not null")
    elif type_ == "expect_column_values_to_be_between":
        low, high = kwargs.get("min_value"), kwargs.get("max_value")
        if low is None and high is None:
            raise ContractError(f"{at}: not a valid expectation '{type_}': no bound")
        fails = []
        if low is not None:
            fails.append(f"{col} {'<=' if kwargs.get('strict_min') else '<'} "
                         f"{_literal(low, at)}")
        if high is not None:
            fails.append(f"{col} {'>=' if kwargs.get('strict_max') else '>'} "
                         f"{_literal(high, at)}")
        parts += [f"{col} is not null", "(" + " or ".join(fails) + ")"]
    elif type_ == "expect_column_values_to_be_in_set":
        values = kwargs["value_set"]
        if not isinstance(values, list) or not values:
            raise ContractError(f"{at}: value_set must be a non-empty list")
        parts += [f"{col} is not null",
                  f"{col} not in ({', '.join(_literal(v, at) for v in values)})"]
    elif type_ == "expect_column_values_to_be_unique":
        parts.append(f"{col} is not null")
        qualify = f"count(*) over (partition by {col}) > 1"
    elif type_ == "expect_column_values_to_match_regex":
        pattern = python_regex_to_re2(str(kwargs["regex"]), at)
        parts += [f"{col} is not null",
                  f"not regexp_matches(cast({col} as varchar), {_literal(pattern, at)})"]
    elif type_ == "expect_column_pair_values_a_to_be_greater_than_b":
        if kwargs.get("ignore_row_if", "both_values_are_missing") != "either_value_is_missing":
            raise ContractError(f"{at}: only ignore_row_if 'either_value_is_missing' has an "
                                "SQL form")
        a, b = _q(kwargs["column_A"]), _q(kwargs["column_B"])
        op = ">=" if kwargs.get("or_equal") else ">"
        parts += [f"{a} is not null", f"{b} is not null", f"not ({a} {op} {b})"]
    else:  # expect_compound_columns_to_be_unique
        if kwargs.get("ignore_row_if", "all_values_are_missing") != "any_value_is_missing":
            raise ContractError(f"{at}: only ignore_row_if 'any_value_is_missing' has an "
                                "SQL form")
        columns = [_q(c) for c in kwargs["column_list"]]
        parts += [f"{c} is not null" for c in columns]
        qualify = f"count(*) over (partition by {', '.join(columns)}) > 1"
    return Compiled(" and ".join(parts), qualify)


def finding_column(kwargs: dict, meta: dict) -> str | None:
    """The column a finding names (as the GX path names it)."""
    return meta.get("column") or kwargs.get("column") or kwargs.get("column_A") or (
        kwargs.get("column_list") or [None])[0]


@dataclass(frozen=True)
class _Planned:
    """One expectation ready to run: its rule, SQL, the column a finding names and the columns
    whose values it shows (all of `column_list` for compound uniqueness)."""

    rule: Rule
    compiled: Compiled
    column: str | None
    compound: bool
    shown: list[str]


def _plan(suite: Suite, exp: dict, extract_date: dt.date) -> _Planned:
    kwargs, meta = fill_placeholders(exp["kwargs"], extract_date), exp["meta"]
    compiled = compile_expectation(exp["type"], kwargs, meta, f"data contract {suite.path.name}")
    column = finding_column(kwargs, meta)
    compound = "column_list" in kwargs and "column" not in meta
    shown = kwargs["column_list"] if compound else [column]
    return _Planned(suite.rules[meta["rule_id"]], compiled, column, compound, shown)


def _findings(suite: Suite, planned: _Planned, rows: list[tuple]) -> list[Finding]:
    """The findings of one expectation from its failing rows: (_line, *shown values)."""
    file, rule, column = suite.file_name, planned.rule, planned.column
    findings = []
    for line, *values in rows:
        if planned.compound:
            value = " / ".join(_text(v) or "" for v in values)
        else:
            value = _text(values[0])
        findings.append(Finding(rule.id, rule.severity, file, line, column, value,
                                f"{file}, line {line}, {column}: {rule.message}"))
    return findings


def _run_one(conn: duckdb.DuckDBPyConnection, suite: Suite, planned: _Planned,
             rule_id: str) -> list[tuple]:
    """The failing rows of one expectation, (_line, *shown values) in line order."""
    compiled = planned.compiled
    sql = (f"select _line, {', '.join(_q(c) for c in planned.shown)} from stg_{suite.stem} "
           f"where {compiled.where}"
           + (f" qualify {compiled.qualify}" if compiled.qualify else "")
           + " order by _line")
    try:
        return conn.execute(sql).fetchall()
    except duckdb.Error as err:
        raise ContractError(f"data contract {suite.path.name}: {rule_id} could not "
                            f"run: {err}") from err


def check_file_by_expectation(conn: duckdb.DuckDBPyConnection, suite: Suite,
                              extract_date: dt.date) -> list[Finding]:
    """`check_file` with one query per expectation, each over the staged view: the plain form
    the one-scan `check_file` is tested against, and what it falls back on if its query fails
    (so a failing expectation is named)."""
    findings = []
    for exp in suite.expectations:
        planned = _plan(suite, exp, extract_date)
        rows = _run_one(conn, suite, planned, exp["meta"]["rule_id"])
        findings.extend(_findings(suite, planned, rows))
    return sorted(findings, key=lambda f: (f.line, f.rule_id))


FAILING = "contract_failing_rows"  # a temp table: the rows of one file that fail something


def _scan(conn: duckdb.DuckDBPyConnection, suite: Suite, planned: list[_Planned]
          ) -> dict[int, list[tuple]]:
    """The failing rows of every expectation without a `qualify`, from ONE scan of the staged
    view (its casts run once, not once per expectation): by position in `planned`, each as
    (_line, *shown values) in line order, as `_run_one` gives them.

    The scan keeps the rows that fail any of them, with one true/false column per
    expectation, in a temp table; each expectation's rows are then read from it (few rows,
    as a rule; and only the columns it shows, however many rows fail)."""
    row_level = [i for i, p in enumerate(planned) if p.compiled.qualify is None]
    if not row_level:
        return {}
    columns = list(dict.fromkeys(c for i in row_level for c in planned[i].shown))
    flags = [f"coalesce({planned[i].compiled.where}, false) as fails_{n}"
             for n, i in enumerate(row_level)]
    conn.execute(
        f"create or replace temp table {FAILING} as select * from (select _line, "
        f"{', '.join(_q(c) for c in columns)}, {', '.join(flags)} from stg_{suite.stem}) "
        f"where {' or '.join(f'fails_{n}' for n in range(len(row_level)))}")
    try:
        return {i: conn.execute(
                    f"select _line, {', '.join(_q(c) for c in planned[i].shown)} "
                    f"from {FAILING} where fails_{n} order by _line").fetchall()
                for n, i in enumerate(row_level)}
    finally:
        conn.execute(f"drop table if exists {FAILING}")


def check_file(conn: duckdb.DuckDBPyConnection, suite: Suite,
               extract_date: dt.date) -> list[Finding]:
    """One finding per failing row of each expectation, in line order (as the GX path).

    Every expectation without a `qualify` is answered by one scan of `stg_<stem>`; each
    uniqueness expectation (a window) by its own query. Findings are built expectation by
    expectation in suite order and sorted as `check_file_by_expectation` sorts them, so both
    give the same list (tests/pipelines/validate/test_contracts_one_scan.py)."""
    try:
        planned = [_plan(suite, exp, extract_date) for exp in suite.expectations]
        failing = _scan(conn, suite, planned)
        for i, p in enumerate(planned):
            if i not in failing:
                failing[i] = _run_one(conn, suite, p, p.rule.id)
    except (ContractError, duckdb.Error):
        # the plain path raises the error that names the expectation at fault
        return check_file_by_expectation(conn, suite, extract_date)
    findings = [f for i, p in enumerate(planned) for f in _findings(suite, p, failing[i])]
    return sorted(findings, key=lambda f: (f.line, f.rule_id))
