"""Refuse direct identifiers before anything else looks at the data (extracts.md, "Refusals").

    A column named like a direct identifier — after lower-casing and dropping non-letters it is
    one of name, fullname, firstname, forename(s), middlename(s), surname, lastname,
    preferredsurname, formersurname, or contains address, email, phone, mobile, nhs, upn — or a
    `postcode` column holding more than outward codes (`CB1`, `PE30`), or values that look like
    identifiers in any text column (a UPN `[A-Z]\\d{11}[0-9A-Z]` as a whole word, an email, a
    10-digit NHS number with a valid mod-11 check digit written plain or as 3-3-4) refuses the
    whole delivery with a message naming file, column and number of rows — never the values.

Every column of the raw tables is scanned (they are all text there, extra columns included).
The value scan is DuckDB SQL — RE2 regular expressions and a mod-11 check — in two passes per
file: a cheap one finds which value kinds each column could hold at all (a UPN needs 13
characters, an email an `@`), then one pass runs only those tests (`_possible`).
A finding is one per (file, column, kind): its `value` is always empty, its line is the first
row that holds such a value, and its message gives only file, column and a count.
"""

from __future__ import annotations

import re

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, StagedDelivery
from neglect_insight.pipelines.read.raw_tables import raw_table

COLUMN_NAME = Rule(
    "identifiers.column_name", "blocking",
    "A column is named like a direct identifier (a name, address, email, phone, NHS number or "
    "UPN). Remove the column from the file and send the delivery again.")
POSTCODE = Rule(
    "identifiers.postcode", "blocking",
    "A postcode column holds more than outward codes (the part before the space, such as CB1 or "
    "PE30). Cut every value to its outward code, or remove the column, and send it again.")
UPN = Rule(
    "identifiers.upn", "blocking",
    "Values that look like Unique Pupil Numbers (a letter, 11 digits and a digit or letter) were "
    "found. Replace them with pseudonyms or remove them, and send the delivery again.")
EMAIL = Rule(
    "identifiers.email", "blocking",
    "Values that look like email addresses were found. Remove them and send the delivery again.")
NHS_NUMBER = Rule(
    "identifiers.nhs_number", "blocking",
    "Values that look like NHS numbers (10 digits with a valid check digit) were found. Replace "
    "them with pseudonyms or remove them, and send the delivery again.")

RULES = (COLUMN_NAME, POSTCODE, UPN, EMAIL, NHS_NUMBER)

IDENTIFIER_NAMES = frozenset({
    "name", "fullname", "firstname", "forename", "forenames", "middlename", "middlenames",
    "surname", "lastname", "preferredsurname", "formersurname",
})
IDENTIFIER_NAME_PARTS = ("address", "email", "phone", "mobile", "nhs", "upn")

# RE2 patterns (DuckDB). A UPN is a whole word; an email is local@domain.tld.
UPN_PATTERN = r"\b[A-Z][0-9]{11}[0-9A-Z]\b"
EMAIL_PATTERN = r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
NHS_SHAPE = r"[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}"
OUTWARD_CODE = r"[A-Z]{1,2}[0-9][A-Z0-9]?"

# Temporary macros: the NHS number check. A 3-3-4 number is first closed up to 10 digits; then
# every maximal run of digits of length 10 is tested: weights 10..2 on the first nine digits,
# check digit = (11 - sum mod 11) mod 11, where 10 can never match (such numbers are invalid).
_MACROS = rf"""
create or replace temp macro pii_nhs_check_ok(d) as
    (11 - list_sum(list_transform(range(9),
        lambda i: (10 - i) * (ascii(substr(d, i + 1, 1)) - 48))) % 11) % 11
    = ascii(substr(d, 10, 1)) - 48;
create or replace temp macro pii_has_nhs_number(x) as
    case when regexp_matches(x, '{NHS_SHAPE}') then
        list_bool_or(list_transform(
            regexp_extract_all(
                regexp_replace(x, '([0-9]{{3}})[ -]([0-9]{{3}})[ -]([0-9]{{4}})', '\1\2\3', 'g'),
                '[0-9]+'),
            lambda d: length(d) = 10 and pii_nhs_check_ok(d)))
    else false end;
create or replace temp macro pii_has_upn(x) as coalesce(regexp_matches(x, '{UPN_PATTERN}'), false);
create or replace temp macro pii_has_email(x) as
    coalesce(regexp_matches(x, '{EMAIL_PATTERN.replace("'", "''")}'), false);
create or replace temp macro pii_beyond_outward_code(x) as
    coalesce(trim(x) <> '' and not regexp_full_match(upper(trim(x)), '{OUTWARD_CODE}'), false);
"""

# (rule, SQL macro, what the values look like, how to fix it, guard). The guard is true of every
# value the macro finds (its match needs those characters), so testing the guard first changes
# no answer: a UPN is 13 characters, an NHS number at least 10 digits, an email holds an `@`.
VALUE_KINDS = (
    (UPN, "pii_has_upn", "what looks like a Unique Pupil Number",
     "Replace such values with pseudonyms or remove them", "strlen({x}) >= 13"),
    (EMAIL, "pii_has_email", "what looks like an email address", "Remove such values",
     "contains({x}, '@')"),
    (NHS_NUMBER, "pii_has_nhs_number", "what looks like an NHS number",
     "Replace such values with pseudonyms or remove them", "strlen({x}) >= 10"),
)


def letters(name: str) -> str:
    """The column name lower-cased with every non-letter dropped: `NHS_Number` → `nhsnumber`."""
    return re.sub(r"[^a-z]", "", name.lower())


def is_identifier_name(name: str) -> bool:
    key = letters(name)
    return key in IDENTIFIER_NAMES or any(part in key for part in IDENTIFIER_NAME_PARTS)


def is_postcode_name(name: str) -> bool:
    return "postcode" in letters(name)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _rows(n: int, verb: str) -> str:
    """'1 row holds', '3 rows hold': `verb` is the plural form (hold, have)."""
    singular = {"hold": "holds", "have": "has"}[verb]
    return f"{n:,} row {singular}" if n == 1 else f"{n:,} rows {verb}"


def check(conn: duckdb.DuckDBPyConnection, staged: StagedDelivery
          ) -> tuple[list[tuple[Rule, str | None]], list[Finding]]:
    """Scan every present, loadable file; every rule that ran (per file) and every finding."""
    ran: list[tuple[Rule, str | None]] = []
    findings: list[Finding] = []
    for stem, read in staged.loadable_reads.items():
        file = read.file_name
        ran.extend((rule, file) for rule in RULES)
        findings.extend(check_table(conn, raw_table(stem), file, read.columns))
    return ran, findings


def _possible(conn: duckdb.DuckDBPyConnection, table: str, columns: list[str]
              ) -> set[tuple[str, str]]:
    """The (column, macro) pairs whose guard holds on at least one row: a value kind whose guard
    no value of a column passes cannot be found in it, so its test is left out (one cheap pass;
    the regular expressions then run only where they can match)."""
    pairs = [(column, macro, guard.format(x=_q(column)))
             for column in columns for _rule, macro, _looks, _fix, guard in VALUE_KINDS]
    select = ", ".join(f"coalesce(bool_or({guard}), false)" for _c, _m, guard in pairs)
    seen = conn.execute(f"select {select} from {table}").fetchone()
    return {(column, macro) for (column, macro, _g), hit in zip(pairs, seen, strict=True) if hit}


def check_table(conn: duckdb.DuckDBPyConnection, table: str, file: str,
                columns: list[str]) -> list[Finding]:
    """The identifier findings of one raw table whose columns are `columns` (plus `_line`)."""
    conn.execute(_MACROS)
    if not columns:
        return []
    possible = _possible(conn, table, columns)
    # One pass: for each (column, test) the number of rows and the first line that fail it.
    tests: list[tuple[Rule, str, str, str]] = []  # (rule, column, what the values hold, fix)
    exprs: list[str] = []
    for column in columns:
        col = _q(column)
        if is_identifier_name(column):
            tests.append((COLUMN_NAME, column, "", ""))
            exprs.append(f"nullif(trim({col}), '') is not null")
        if is_postcode_name(column):
            tests.append((POSTCODE, column, "more than an outward code (such as CB1 or PE30)",
                          "Cut every value to its outward code, or remove the column"))
            exprs.append(f"pii_beyond_outward_code({col})")
        for rule, macro, looks_like, fix, guard in VALUE_KINDS:
            if (column, macro) in possible:  # else no row can hold such a value: count 0
                tests.append((rule, column, looks_like, fix))
                # `case` runs the macro only on the rows that pass the guard (same answer)
                exprs.append(f"case when {guard.format(x=col)} then {macro}({col}) "
                             "else false end")
    if not tests:
        return []
    select = ", ".join(
        f"count(*) filter (where {e}), min(_line) filter (where {e})" for e in exprs)
    counts = conn.execute(f"select {select} from {table}").fetchone()
    findings = []
    for i, (rule, column, looks_like, fix) in enumerate(tests):
        n, first_line = counts[2 * i], counts[2 * i + 1]
        if rule is COLUMN_NAME:
            findings.append(Finding(
                rule.id, rule.severity, file, 1, column, None,
                f"{file}: the column '{column}' is named like a direct identifier; "
                f"{_rows(n, 'have')} a value in it. Remove the column from the file and send "
                "the delivery again. The whole delivery is refused until then."))
        elif n:
            findings.append(Finding(
                rule.id, rule.severity, file, first_line, column, None,
                f"{file}, column '{column}': {_rows(n, 'hold')} {looks_like} (first on line "
                f"{first_line}). {fix}, and send the delivery again. The whole delivery is "
                "refused until then."))
    return sorted(findings, key=lambda f: (f.line or 0, f.column or "", f.rule_id))
