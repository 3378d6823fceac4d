"""Shared by the DfE rule modules of this package (`dfe_<code>.py`): turn the rows a rule's SQL
returns into findings whose message names the place, says what is wrong and quotes the DfE rule.

Each rule's SQL returns (file, line, column, value, detail) rows; `detail` is plain English.
"""

from __future__ import annotations

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding


def findings(rule: Rule, conn: duckdb.DuckDBPyConnection, sql: str) -> list[Finding]:
    """A finding for every row `sql` returns, in file and line order."""
    return [
        finding(rule, file, line, column, value, message=(
            f"{file}, line {line}, {column}: {detail}. DfE rule {rule.dfe_code}: "
            f"{rule.message}"))
        for file, line, column, value, detail in conn.execute(
            f"select * from ({sql}) order by 1, 2, 3").fetchall()
    ]

