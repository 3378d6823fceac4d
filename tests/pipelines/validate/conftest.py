"""A copy of the hand-made valid delivery (`tests/fixtures/valid_delivery`, every row explained
in its README.md) that a test edits cell by cell, then stages and checks.

    def test_something(delivery):
        delivery.set("cp_plans.csv", 2, end_date="2024-01-19")  # P001 ends before it starts
        [f] = delivery.check()
        assert (f.rule_id, f.file, f.line) == ("cp_plans.end_not_before_start", "cp_plans.csv", 2)

`check()` runs the whole `check_delivery` (the contracts as DuckDB SQL). `identifiers()`,
`types()`, `contract(stem)` and `rule(module)` run one step on the staged copy, so the ~300
tests of single rules stay fast: a contract test stages only the file it edits and runs only
the expectations that read the edited columns (one SQL query each; the others see
the valid fixture's values, which `test_check_delivery.py` shows pass everything).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import shutil
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from types import ModuleType

import duckdb
import pytest

from neglect_insight.pipelines.delivery_types import Finding, StagedDelivery
from neglect_insight.pipelines.load.staging import stage
from neglect_insight.pipelines.validate import check_delivery, contracts, identifiers, types

VALID_DELIVERY = Path(__file__).parents[2] / "fixtures" / "valid_delivery"
EXTRACT_DATE = date(2025, 3, 31)  # the valid delivery's extract date (README.md there)


def names_column(expectation: dict, column: str) -> bool:
    """Whether a suite expectation reads `column` (in its kwargs or its row condition)."""
    kwargs = expectation["kwargs"]
    named = [kwargs.get(k) for k in ("column", "column_A", "column_B")]
    named += kwargs.get("column_list", [])
    condition = kwargs.get("row_condition", "")
    return column in named or re.search(rf"\b{column}\b", condition) is not None


class Delivery:
    """A delivery folder to edit. Lines are physical file lines (the header is line 1)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._staged: tuple[str | None, duckdb.DuckDBPyConnection, StagedDelivery] | None = None

    # -- editing ---------------------------------------------------------------------------
    def _read(self, file: str) -> list[list[str]]:
        with (self.folder / file).open(newline="", encoding="utf-8") as f:
            return list(csv.reader(f))

    def _write(self, file: str, rows: list[list[str]]) -> None:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        self.write(file, out.getvalue())

    def write(self, file: str, text: str) -> None:
        """Replace a file's whole text."""
        (self.folder / file).write_text(text, encoding="utf-8")
        self._staged = None

    def text(self, file: str) -> str:
        return (self.folder / file).read_text(encoding="utf-8")

    def set(self, file: str, line: int, **cells: str) -> None:
        """Change some cells of the row on `line` (the fixture's rows are one line each)."""
        rows = self._read(file)
        header = rows[0]
        for column, value in cells.items():
            rows[line - 1][header.index(column)] = value
        self._write(file, rows)

    def append(self, file: str, **cells: str) -> int:
        """Add a row (unnamed cells empty); returns its line."""
        rows = self._read(file)
        rows.append([cells.pop(c, "") for c in rows[0]])
        assert not cells, f"{file} has no columns {sorted(cells)}"
        self._write(file, rows)
        return len(rows)

    def add_column(self, file: str, column: str, values: dict[int, str] | None = None) -> None:
        """Add a column at the end; `values` by line, other rows empty."""
        rows = self._read(file)
        rows[0].append(column)
        for i, row in enumerate(rows[1:], start=2):
            row.append((values or {}).get(i, ""))
        self._write(file, rows)

    def drop_column(self, file: str, column: str) -> None:
        rows = self._read(file)
        i = rows[0].index(column)
        self._write(file, [r[:i] + r[i + 1:] for r in rows])

    def remove(self, file: str) -> None:
        (self.folder / file).unlink()
        self._staged = None

    # -- checking --------------------------------------------------------------------------
    def stage(self, only: str | None = None) -> tuple[duckdb.DuckDBPyConnection, StagedDelivery]:
        """Stage the delivery (cached until the next edit); with `only`, stage a folder holding
        just that file (a third of the time: tests of one file's own rules need no other)."""
        if self._staged is None or self._staged[0] != only:
            folder = self.folder
            if only is not None:
                folder = self.folder.parent / f"only-{only}"
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                shutil.copy(self.folder / only, folder / only)
            conn = duckdb.connect()
            self._staged = (only, conn, stage(conn, folder))
        return self._staged[1], self._staged[2]

    def run(self, extract_date: date = EXTRACT_DATE
            ) -> tuple[list[tuple[str, str | None]], list[Finding]]:
        """`check_delivery` on the staged copy: (rule id, file) of every rule that ran, and
        every finding (the format findings of staging are not included)."""
        conn, staged = self.stage()
        ran, findings = check_delivery(conn, staged, extract_date)
        return [(r.id, f) for r, f in ran], findings

    def check(self, extract_date: date = EXTRACT_DATE) -> list[Finding]:
        """Every finding of `check_delivery`."""
        return self.run(extract_date)[1]

    def contract(self, stem: str, extract_date: date = EXTRACT_DATE,
                 touching: Iterable[str] | None = None) -> list[Finding]:
        """The findings of one file's GX suite only; with `touching`, only of the expectations
        that name one of those columns (the others see the valid fixture's values unchanged,
        so they cannot fire, and each expectation costs GX about 10 ms)."""
        conn, staged = self.stage(only=f"{stem}.csv")
        assert stem in staged.loadable_reads, staged.findings
        suite = contracts.load_suites([stem])[stem]
        if touching is not None:
            suite = dataclasses.replace(suite, expectations=[
                e for e in suite.expectations if any(names_column(e, c) for c in touching)])
            if not suite.expectations:
                return []
        return contracts.check_file(conn, suite, extract_date)

    def identifiers(self) -> list[Finding]:
        """The findings of the identifier scan only."""
        conn, staged = self.stage()
        return identifiers.check(conn, staged)[1]

    def types(self, only: str | None = None) -> list[Finding]:
        """The findings of the type rules only (of one file's folder with `only`)."""
        conn, staged = self.stage(only)
        return types.check(conn, staged)[1]

    def rule(self, module: ModuleType, extract_date: date = EXTRACT_DATE) -> list[Finding]:
        """The findings of one cross-file rule module."""
        conn, staged = self.stage()
        assert not staged.has_blocking, staged.findings
        return module.check(conn, extract_date)


@pytest.fixture
def delivery(tmp_path: Path) -> Delivery:
    """A fresh copy of the valid delivery, ready to edit."""
    folder = tmp_path / "delivery"
    shutil.copytree(VALID_DELIVERY, folder, ignore=shutil.ignore_patterns("*.md"))
    return Delivery(folder)
