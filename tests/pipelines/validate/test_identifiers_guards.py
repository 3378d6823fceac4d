"""The identifier scan tests each value kind only where it can match (`identifiers._possible`
and the `case when <guard>` around each macro): the findings are those of every macro run on
every value of every column, as the scan did before.

Each guard is a condition every match of its macro meets (a UPN is 13 characters, an NHS
number at least 10 digits, an email holds an `@`); the tests below check that on values built
to sit at and around each pattern, then compare whole scans with the unguarded one.
"""

from __future__ import annotations

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neglect_insight.pipelines.validate import identifiers
from neglect_insight.pipelines.validate.identifiers import VALUE_KINDS, check_table

VALID_NHS = "9434765919"  # weights 10..2 give 299; 299 mod 11 = 2; 11 - 2 = 9, the last digit

PIECES = st.sampled_from([
    VALID_NHS, "943 476 5919", "943-476-5919", "9434765918", "A123456789012", "Z12345678901B",
    "a@b.co", "jo.bloggs@example.org.uk", "@", ".", " ", "-", "x", "é", "\u2003", "12",
    "2024-03-01",
])
VALUES = st.one_of(
    st.none(),
    st.text(alphabet=st.sampled_from(list("0123456789 -@.AZaz_é\u00a0")), max_size=16),
    st.lists(PIECES, max_size=3).map("".join),
    st.from_regex(identifiers.UPN_PATTERN.replace(r"\b", ""), fullmatch=True),
    st.from_regex(identifiers.EMAIL_PATTERN, fullmatch=True),
    st.from_regex(identifiers.NHS_SHAPE, fullmatch=True),
)


def _table(columns: dict[str, list[str | None]]) -> duckdb.DuckDBPyConnection:
    """Table t: the given text columns, one row per line from line 2."""
    conn = duckdb.connect()
    names = list(columns)
    conn.execute("create table t (" + ", ".join(f'"{c}" varchar' for c in names)
                 + ", _line bigint)")
    rows = zip(*columns.values(), strict=True)
    conn.executemany(f"insert into t values ({', '.join('?' for _ in range(len(names) + 1))})",
                     [(*row, line) for line, row in enumerate(rows, start=2)])
    conn.execute(identifiers._MACROS)
    return conn


def _unguarded(conn: duckdb.DuckDBPyConnection, columns: list[str]) -> set[tuple]:
    """(rule id, column, first line, rows) of every macro on every value: the scan as it was."""
    found = set()
    for column in columns:
        for rule, macro, *_ in VALUE_KINDS:
            n, first = conn.execute(f'select count(*) filter (where {macro}("{column}")), '
                                    f'min(_line) filter (where {macro}("{column}")) '
                                    "from t").fetchone()
            if n:
                found.add((rule.id, column, first, n))
    return found


def _scanned(conn: duckdb.DuckDBPyConnection, columns: list[str]) -> set[tuple]:
    found = set()
    for f in check_table(conn, "t", "t.csv", columns):
        n = next(n for n in range(1, 10_000) if f"{n:,} row" in f.message)
        found.add((f.rule_id, f.column, f.line, n))
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(VALUES, min_size=1, max_size=30))
def test_every_match_passes_its_guard(values):
    conn = _table({"v": values})
    for _rule, macro, _looks, _fix, guard in VALUE_KINDS:
        missed = conn.execute(f"select count(*) from t where {macro}(v) and not "
                              f"coalesce({guard.format(x='v')}, false)").fetchone()[0]
        assert missed == 0, macro


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(VALUES, VALUES, st.sampled_from(["AUTUMN", "12", None])),
                min_size=1, max_size=30))
def test_guarded_scan_finds_what_the_unguarded_scan_finds(rows):
    columns = {"notes": [r[0] for r in rows], "child_id": [r[1] for r in rows],
               "term": [r[2] for r in rows]}  # term: short codes, no kind can match
    conn = _table(columns)
    assert _scanned(conn, list(columns)) == _unguarded(conn, list(columns))


def test_hand_worked_scan():
    conn = _table({
        "notes": [VALID_NHS, "x", "see jo@example.org", "A123456789012 and 943 476 5919"],
        "term": ["AUTUMN", "SPRING", None, "12"],  # lines 2-5; nothing here can match
    })
    # notes: NHS numbers on lines 2 and 5, an email on line 4, a UPN on line 5
    assert _scanned(conn, ["notes", "term"]) == {
        ("identifiers.nhs_number", "notes", 2, 2),
        ("identifiers.email", "notes", 4, 1),
        ("identifiers.upn", "notes", 5, 1),
    }
    # only the notes column can hold a UPN, an email or an NHS number
    assert identifiers._possible(conn, "t", ["notes", "term"]) == {
        ("notes", "pii_has_upn"), ("notes", "pii_has_email"), ("notes", "pii_has_nhs_number")}
