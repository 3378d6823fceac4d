"""The data contracts run as set-based DuckDB SQL: each expectation of a suite in
`data_contracts/<stem>.json` is compiled to one query over `stg_<stem>` that returns the file
line (`_line`) and the value of every failing row, exactly as Great Expectations' pandas path
reports them (`contracts.check_file_gx`, kept as the reference;
tests/pipelines/validate/test_contracts_sql.py proves identical findings on a corpus).

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

from neglect_insight.pipelines.delivery_types import Finding
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


def check_file(conn: duckdb.DuckDBPyConnection, suite: Suite,
               extract_date: dt.date) -> list[Finding]:
    """One finding per failing row of each expectation, in line order (as the GX path)."""
    file, table = suite.file_name, f"stg_{suite.stem}"
    findings = []
    for exp in suite.expectations:
        kwargs, meta = fill_placeholders(exp["kwargs"], extract_date), exp["meta"]
        rule = suite.rules[meta["rule_id"]]
        compiled = compile_expectation(exp["type"], kwargs, meta,
                                       f"data contract {suite.path.name}")
        column = finding_column(kwargs, meta)
        compound = "column_list" in kwargs and "column" not in meta
        shown = kwargs["column_list"] if compound else [column]
        sql = (f"select _line, {', '.join(_q(c) for c in shown)} from {table} "
               f"where {compiled.where}"
               + (f" qualify {compiled.qualify}" if compiled.qualify else "")
               + " order by _line")
        try:
            rows = conn.execute(sql).fetchall()
        except duckdb.Error as err:
            raise ContractError(f"data contract {suite.path.name}: {meta['rule_id']} could not "
                                f"run: {err}") from err
        for line, *values in rows:
            if compound:
                value = " / ".join(_text(v) or "" for v in values)
            else:
                value = _text(values[0])
            findings.append(Finding(rule.id, rule.severity, file, line, column, value,
                                    f"{file}, line {line}, {column}: {rule.message}"))
    return sorted(findings, key=lambda f: (f.line, f.rule_id))
