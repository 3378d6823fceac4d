"""Merge two or more sources of one canonical file into one raw table (issue 8: "merge, don't
refuse"). The usual case: a CIN census XML gives the children known to social care and
`children.csv` adds the early-help-only children and the locality the census lacks.

    each source loaded as its own raw table (`Part`), official files first, the CSV last
      → rows matched by the file's key (`MERGE_KEYS`): a key only one source gives is kept
        as it is; a key several sources give is one row, each column taken from the first
        source (official files before the CSV) that gives it a value
      → a value two sources give differently: a `merge.conflicting_value` query naming both
        sources and the column; the official file's value is kept
      → raw_<stem>, one table, as if one file had been delivered

A row with an empty key is never merged (the contract rules report it), and a key given twice
by one source stays twice (the first with the first of the other source, and so on), so the
uniqueness rules still see every duplicate. Each merged row keeps `_source`/`_place` of the
source whose values came first, with the other sources' places after it ("line 88 (also
children.csv line 4)"), and the line of the CSV's row when the CSV gives it (so a canonical
finding on it is true of the delivered CSV), else the line of the first source's row.

A conflict message shows the two values only for dates, numbers and code columns, and only if
they look like codes: never an id, a free-text value, or anything that could be an identifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding
from neglect_insight.pipelines.read.extract_files import ExtractFile

MERGE_KEYS: dict[str, tuple[str, ...]] = {
    "children": ("child_id",),
    "early_help": ("episode_id",),
    "referrals": ("referral_id",),
    "assessments": ("assessment_id",),
    "cin_plans": ("child_id", "referral_id", "start_date"),  # the file has no plan id
    "cp_plans": ("plan_id",),
    "attendance": ("child_id", "academic_year", "term"),
    "attendance_all_pupils": ("academic_year", "term"),
    "population": ("mid_year",),
    "early_years": ("term_start",),
}

CONFLICT = Rule(
    "merge.conflicting_value", "query",
    "Two files of the delivery give the same row different values in a column. The official "
    "file's value is kept; check which is right and correct the other at source.")

# Text columns whose values are codes, safe to quote in a message (with dates, numbers, bools).
CODE_COLUMNS = frozenset({
    "sex", "ethnicity", "factors", "end_reason", "source", "primary_need", "closure_reason",
    "initial_category", "latest_category", "academic_year", "term"})
_LOOKS_LIKE_CODE = re.compile(r"[A-Za-z0-9 ;:./_-]{1,24}")
_LONG_NUMBER = re.compile(r"\d{7,}")
_MONTH = re.compile(r"\d{4}-\d{2}(-01)?")
_POSTCODE = re.compile(r"[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}")


@dataclass(frozen=True)
class Part:
    """One source of a canonical file, loaded as its own raw table."""

    table: str  # e.g. raw_children__part0 (the contract's columns, _line, maybe _source/_place)
    source: str  # the delivered file's name
    official: bool


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [name for (name,) in conn.execute(
        "select column_name from duckdb_columns() where table_name = ? order by column_index",
        [table]).fetchall()]


def merge_parts(conn: duckdb.DuckDBPyConnection, extract: ExtractFile, parts: list[Part],
                target: str) -> list[Finding]:
    """Merge `parts` (official files first, the CSV last) into `target`; drop the parts and
    return a conflict finding for each value two sources give differently."""
    present = {part.table: _columns(conn, part.table) for part in parts}
    extras = [c for part in parts for c in present[part.table]
              if c not in extract.column_names and not c.startswith("_")]
    data = extract.column_names + list(dict.fromkeys(extras))
    rows = f"{target}__rows"
    conn.execute(f"create or replace temp table {rows} as "
                 + " union all ".join(_part_select(i, part, present[part.table], data)
                                      for i, part in enumerate(parts)))
    _group(conn, rows, MERGE_KEYS[extract.stem])
    shared = f"{target}__shared"  # rows whose key another source gives too: usually few
    conn.execute(f"create or replace temp table {shared} as select * from {rows} where _n > 1")
    alone = ", ".join(_q(c) for c in data)
    values = ", ".join(
        f"arg_min({_q(c)}, _src) filter (where nullif(trim({_q(c)}), '') is not null) as {_q(c)}"
        for c in data)
    conn.execute(
        f"create or replace table {target} as "
        f"select {alone}, _source, _place, _line from {rows} where _n = 1 union all "
        f"select {values}, max(_source) filter (where _rank = 1) as _source, "
        "concat_ws(' ', max(_place) filter (where _rank = 1), '(also ' || string_agg("
        "_source || coalesce(' ' || _place, ''), ', ' order by _src) filter (where _rank > 1) "
        f"|| ')') as _place, max(_merged_line) as _line from {shared} group by _group "
        "order by _line")
    findings = _conflicts(conn, shared, extract, parts)
    conn.execute(f"drop table {rows}")
    conn.execute(f"drop table {shared}")
    for part in parts:
        conn.execute(f"drop table if exists {part.table}")
    return findings


def _part_select(i: int, part: Part, columns: list[str], data: list[str]) -> str:
    cells = [f"{_q(c)}::varchar as {_q(c)}" if c in columns else f"null::varchar as {_q(c)}"
             for c in data]
    source = "_source" if "_source" in columns else "null"
    place = "_place" if "_place" in columns else "null"
    own_line = "null" if part.official else "'line ' || _line"
    name = part.source.replace("'", "''")
    return (f"select {i} as _src, {part.official} as _official, {', '.join(cells)}, "
            f"coalesce({source}, '{name}') as _source, coalesce({place}, {own_line}) as _place, "
            f"_line from {part.table}")


def _group(conn: duckdb.DuckDBPyConnection, rows: str, key: tuple[str, ...]) -> None:
    """Give each row its merge group: the key and its ordinal within its source (so one
    source's duplicates stay apart), or the row alone when a key column is empty."""
    empty = " or ".join(f"nullif(trim({_q(c)}), '') is null" for c in key)
    joined = f"concat_ws(chr(31), {', '.join(f'trim({_q(c)})' for c in key)})"
    conn.execute(
        f"create or replace temp table {rows} as "
        f"with keyed as (select *, case when {empty} then null else {joined} end as _key "
        f"from {rows}), "
        "grouped as (select *, case when _key is null then '#' || _src || ':' || _line "
        "else _key || chr(30) || row_number() over (partition by _src, _key order by _line) "
        "end as _group from keyed) "
        "select *, row_number() over (partition by _group order by _src) as _rank, "
        "count(*) over (partition by _group) as _n, "
        "coalesce(max(_line) filter (where not _official) over (partition by _group), "
        "arg_min(_line, _src) over (partition by _group)) as _merged_line from grouped")


def _conflicts(conn: duckdb.DuckDBPyConnection, rows: str, extract: ExtractFile,
               parts: list[Part]) -> list[Finding]:
    key = MERGE_KEYS[extract.stem]
    child = "arg_min(child_id, _src)" if "child_id" in extract.column_names else "null"
    types = {c.name: c.type for c in extract.columns}
    findings = []
    for column in (c for c in extract.column_names if c not in key):
        col = _q(column)
        found = conn.execute(
            f"with given as (select * from {rows} where nullif(trim({col}), '') is not null), "
            "clash as (select _group from given group by _group "
            f"having count(distinct lower(trim({col}))) > 1) "
            f"select max(_merged_line), {child}, list(struct_pack(src := _src, "
            f"source := _source, place := _place, value := {col}) order by _src) "
            "from given join clash using (_group) group by _group order by 1").fetchall()
        for line, child_id, given in found:
            kept, *others = given
            official = parts[kept["src"]].official
            for other in others:
                if other["value"].strip().lower() == kept["value"].strip().lower():
                    continue
                findings.append(finding(
                    CONFLICT, extract.file_name, line, column,
                    message=_message(extract, column, types[column], kept, other, official),
                    source=kept["source"], place=kept["place"], child_id=child_id))
    return findings


def _message(extract: ExtractFile, column: str, kind: str, kept: dict, other: dict,
             official: bool) -> str:
    def at(given: dict) -> str:
        return f"{given['source']} {given['place']}" if given["place"] else given["source"]

    winner = ("the official file's value is kept" if official
              else f"the value of {kept['source']} is kept")
    shown = [_quotable(column, kind, g["value"]) for g in (other, kept)]
    if None in shown:
        return (f"{extract.file_name}, column '{column}': {at(other)} and {at(kept)} give "
                f"different values; {winner}.")
    return (f"{extract.file_name}, column '{column}': {at(other)} says {shown[0]}, {at(kept)} "
            f"says {shown[1]}; {winner}.")


def _quotable(column: str, kind: str, value: str) -> str | None:
    """The value, if it is safe to quote in a report: a code, date, number or true/false."""
    text = value.strip()
    if kind == "text" and column not in CODE_COLUMNS:
        return None
    if not _LOOKS_LIKE_CODE.fullmatch(text) or _LONG_NUMBER.search(text) or \
            _POSTCODE.search(text):
        return None
    if column.endswith("birth_month") and not _MONTH.fullmatch(text):
        return None  # never a full date of birth
    return text
