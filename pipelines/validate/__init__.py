"""Decide whether a staged delivery may load (shared spec `extracts.md`, "Refusals").

    identifiers.py  refuse direct identifiers first; any finding refuses the whole delivery
    types.py        date, whole-number and true/false columns hold what they should
    contracts.py    one GX suite per file, `data_contracts/<stem>.json`, run as DuckDB SQL
                    compiled by contracts_sql.py (GX itself only as the tests' reference)
    rules/          rules that need other rows or other files, one per module

Only present, loadable files are checked (`staged.loadable_reads`); a cross-file rule runs only
where the files it needs are loadable. The format and file rules of `pipelines.delivery` are
already in `staged.rules` / `staged.findings`; the caller merges them with what this returns.
Great Expectations is not imported by a check (only by `contracts.check_file_gx`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, StagedDelivery

__all__ = ["check_delivery"]


def check_delivery(conn: duckdb.DuckDBPyConnection, staged: StagedDelivery, extract_date: date,
                   progress: Callable[[str], None] | None = None
                   ) -> tuple[list[tuple[Rule, str | None]], list[Finding]]:
    """Run identifier refusal, column type rules, data contracts and cross-file rules over the
    staged tables; return every (rule, file name) that ran and every finding."""
    from neglect_insight.pipelines.validate import contracts, identifiers, rules, types

    say = progress or (lambda _msg: None)
    say("Looking for names, addresses, NHS numbers and other direct identifiers")
    ran, findings = identifiers.check(conn, staged)
    if findings:  # the whole delivery is refused: nothing else is looked at
        return ran, findings

    say("Checking dates, whole numbers and true/false columns")
    type_ran, type_findings = types.check(conn, staged)
    contract_ran, contract_findings = contracts.check(conn, staged, extract_date, say)
    say("Checking rules across files")
    cross_ran, cross_findings = rules.check(conn, staged, extract_date)

    # A value of the wrong type is missing once staged; report it once, as a type finding,
    # not again as "empty" or out of range.
    mistyped = {(f.file, f.line, f.column) for f in type_findings}
    contract_findings = [f for f in contract_findings
                         if (f.file, f.line, f.column) not in mistyped]
    return (ran + type_ran + contract_ran + cross_ran,
            findings + type_findings + contract_findings + cross_findings)
