"""Column type rules: a date, whole number or true/false column holds something else.

extracts.md: "ISO dates (`YYYY-MM-DD`), empty cell = missing"; bool columns are
"`true`/`false`"; "Counts are whole numbers". The staging views type every column with the
macros in `sql/macros/` (`as_date`, `as_int`, `as_bool`), which turn anything unreadable into
missing; so a raw value that is not empty but whose staged value is missing failed its type.
Rule ids are `<stem>.<column>.type`, one per typed column of `extract_files.py`.
"""

from __future__ import annotations

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, StagedDelivery
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES, ExtractFile
from neglect_insight.pipelines.read.raw_tables import raw_table

WHAT = {
    "date": ("must be a date written YYYY-MM-DD", "for example 2024-03-31"),
    "int": ("must be a whole number", "for example 12, with no decimals, spaces or commas"),
    "bool": ("must be true or false", "or left empty where that is allowed"),
}


def type_rule(extract: ExtractFile, column: str, type_: str) -> Rule:
    must, example = WHAT[type_]
    return Rule(f"{extract.stem}.{column}.type", "blocking",
                f"{column} {must} ({example}). Correct the value and send the file again.")


def rules_for(extract: ExtractFile) -> list[Rule]:
    """The type rules of one extract file, one per date, int or bool column."""
    return [type_rule(extract, c.name, c.type) for c in extract.columns if c.type in WHAT]


def check(conn: duckdb.DuckDBPyConnection, staged: StagedDelivery
          ) -> tuple[list[tuple[Rule, str | None]], list[Finding]]:
    """Type findings of every present, loadable file, in file and line order."""
    ran: list[tuple[Rule, str | None]] = []
    findings: list[Finding] = []
    for stem, read in staged.loadable_reads.items():
        extract = EXTRACT_FILES[stem]
        ran.extend((rule, read.file_name) for rule in rules_for(extract))
        findings.extend(check_file(conn, extract, read.file_name))
    return ran, findings


def check_file(conn: duckdb.DuckDBPyConnection, extract: ExtractFile, file: str) -> list[Finding]:
    """Rows whose raw text is not empty but whose staged value is missing, per typed column."""
    typed = [c for c in extract.columns if c.type in WHAT]
    if not typed:
        return []
    parts = [
        f"select r._line, '{c.name}' as column_name, r.\"{c.name}\" as raw_value "
        f"from {raw_table(extract.stem)} as r join stg_{extract.stem} as s on s._line = r._line "
        f"where nullif(trim(r.\"{c.name}\"), '') is not null and s.\"{c.name}\" is null"
        for c in typed
    ]
    rows = conn.execute(" union all ".join(parts) + " order by 1, 2").fetchall()
    rules = {r.id: r for r in rules_for(extract)}
    findings = []
    for line, column, value in rows:
        rule = rules[f"{extract.stem}.{column}.type"]
        findings.append(Finding(rule.id, rule.severity, file, line, column, value,
                                f"{file}, line {line}, {rule.message}"))
    return findings
