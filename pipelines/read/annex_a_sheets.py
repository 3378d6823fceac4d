"""Find the Annex A lists in a workbook and read each list's rows into named columns.

A sheet is a list when its name says which (`annex_a_columns.sheet_number`: "List 3",
"List_3", "List 3 - Referrals", "Referrals", "CP") or, failing that, when its header row holds
a heading only that list has ("Date of referral", "Child Protection Plan Start Date", ...).
The header row is the first of the sheet's first rows holding the child id heading ("Child
Unique ID", "Child ID"); headings are matched by `annex_a_columns`, loosely (case, spacing and
punctuation ignored).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import polars as pl

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding
from neglect_insight.pipelines.read.annex_a_cells import answer
from neglect_insight.pipelines.read.annex_a_columns import (
    CHILD_COLUMNS,
    DATE_COLUMNS,
    ID_HEADER,
    LIST_COLUMNS,
    LIST_NAMES,
    SIGNATURES,
    Column,
    sheet_number,
)
from neglect_insight.pipelines.read.cells import clean, normalised, parse_date

BIRTH_DATE = Rule(
    "annex_a_xlsx.birth_date", "blocking",
    "A Date of Birth in the Annex A workbook is not a date. It was left out of children.csv; "
    "correct it and send the workbook again.")
HEADER_SCAN_ROWS = 20


class WorkbookReadError(Exception):
    """The file cannot be opened as a workbook."""


@dataclass
class Sheet:
    """One list found in the workbook: where its header is and its rows, all text."""

    name: str
    number: int
    header_index: int  # 0-based row of the header in `rows`
    headers: list[str]  # normalised
    rows: pl.DataFrame | None = None  # header and data rows, column i = sheet column i
    columns: dict[str, int] = field(default_factory=dict)  # our name -> column position


def _calamine_failure(err: BaseException) -> bool:
    """calamine raises its own types for every kind of damage, and a Rust panic (pyo3's
    PanicException, not an Exception) for a date cell holding a number no date can have."""
    return isinstance(err, Exception) or type(err).__name__ == "PanicException"


def open_workbook(path: Path) -> fastexcel.ExcelReader:
    try:
        return fastexcel.read_excel(path)
    except BaseException as err:
        if not _calamine_failure(err):
            raise
        raise WorkbookReadError(type(err).__name__) from None


def load_sheet(reader: fastexcel.ExcelReader, index: int, n_rows: int | None) -> pl.DataFrame:
    """A sheet as text, every row kept (row i is sheet row i + 1), no header taken."""
    try:
        sheet = reader.load_sheet(index, header_row=None, dtypes="string", skip_rows=0,
                                  n_rows=n_rows)
        return pl.DataFrame(sheet)
    except BaseException as err:
        if not _calamine_failure(err):
            raise
        raise WorkbookReadError(type(err).__name__) from None


def find_lists(reader: fastexcel.ExcelReader) -> tuple[dict[int, Sheet], list[str]]:
    """The lists of the workbook by number (the first sheet for each), and the names of the
    sheets that are not a list or are a second sheet for one."""
    lists: dict[int, Sheet] = {}
    others: list[str] = []
    for index, name in enumerate(reader.sheet_names):
        top = load_sheet(reader, index, HEADER_SCAN_ROWS)
        sheet = _identify(name, top)
        if sheet is None or sheet.number in lists:
            others.append(name)
            continue
        lists[sheet.number] = sheet
    return lists, others


def _identify(name: str, top: pl.DataFrame) -> Sheet | None:
    for row_index, row in enumerate(top.iter_rows()):
        headers = [normalised(cell) for cell in row]
        if not any(ID_HEADER.match(h) for h in headers):
            continue
        number = sheet_number(normalised(name)) or next(
            (n for n, signature in SIGNATURES.items()
             if any(re.search(signature, h) for h in headers)), None)
        if number not in LIST_NAMES:
            return None
        return Sheet(name, number, row_index, headers)
    return None


def match_columns(sheet: Sheet) -> list[Column]:
    """Find each needed column by its heading; return the required ones not found."""
    missing = []
    for column in CHILD_COLUMNS + LIST_COLUMNS[sheet.number]:
        position = next((i for i, h in enumerate(sheet.headers) if re.search(column.pattern, h)),
                        None)
        if position is None:
            if column.required:
                missing.append(column)
            continue
        sheet.columns[column.name] = position
    return missing


def place(sheet_name: str, row: int) -> str:
    """Where a row is in the workbook, as a `_place` (see the preamble of official.py)."""
    return f"sheet {sheet_name}, row {row}"


def list_frame(sheet: Sheet, file: str, findings: list[Finding],
               columns: tuple[Column, ...] | None = None) -> pl.DataFrame:
    """One list's data rows with our column names (the list's own, or only `columns`), values
    read from their coded answers, each date as text (`<name>`) and as a date (`<name>_value`),
    the sheet row (`sheet_row`, 1-based as Excel shows it) and `_place`."""
    assert sheet.rows is not None
    data = sheet.rows.slice(sheet.header_index + 1)
    values: dict[str, list] = {"sheet_row": list(range(sheet.header_index + 2,
                                                       sheet.header_index + 2 + data.height))}
    if columns is None:
        columns = CHILD_COLUMNS + LIST_COLUMNS[sheet.number]
    names = [c.name for c in columns]
    for name in names:
        position = sheet.columns.get(name)
        cells = ([None] * data.height if position is None
                 else [clean(v) for v in data.to_series(position).to_list()])
        values[name] = cells
    frame = pl.DataFrame(values, schema={"sheet_row": pl.Int64} | {n: pl.String for n in names})
    frame = frame.filter(pl.any_horizontal(pl.col(names).is_not_null()))  # blank rows

    out: dict[str, pl.Series] = {
        "_place": pl.Series([place(sheet.name, r) for r in frame["sheet_row"]], dtype=pl.String)}
    for name in names:
        cells = frame[name].to_list()
        if name == "birth_date":
            out["birth_month"] = _birth_months(sheet, frame, file, findings)
        elif name in DATE_COLUMNS:
            parsed = [parse_date(cell) for cell in cells]
            out[name] = pl.Series([p.isoformat() if p else c for p, c in zip(
                parsed, cells, strict=True)], dtype=pl.String)
            out[f"{name}_value"] = pl.Series(parsed, dtype=pl.Date)
        else:
            out[name] = pl.Series([answer(name, c) for c in cells], dtype=pl.String)
    return frame.select("sheet_row").with_columns(**out)


def _birth_months(sheet: Sheet, frame: pl.DataFrame, file: str, findings: list[Finding]
                  ) -> pl.Series:
    """Each Date of Birth degraded to its month; one that is not a date is left out and
    reported by row (never copied: it would put a date of birth in the rejects report)."""
    months = []
    for row, child, cell in frame.select("sheet_row", "child_id", "birth_date").iter_rows():
        parsed = parse_date(cell)
        if cell is not None and parsed is None:
            findings.append(finding(
                BIRTH_DATE, file, row, "Date of Birth", source=file,
                place=place(sheet.name, row), child_id=child, message=(
                    f"{file}, sheet '{sheet.name}', row {row}: Date of Birth is not a date. "
                    "It was left out of children.csv (a date of birth is never copied into "
                    "a report); correct it and send the workbook again.")))
        months.append(parsed.replace(day=1).isoformat() if parsed else None)
    return pl.Series(months, dtype=pl.String)
