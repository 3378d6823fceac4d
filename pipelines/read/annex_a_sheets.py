"""Find the Annex A lists in a workbook and read each list's rows into named columns.

A sheet is a list when its name starts `List <n>` or, failing that, when its header row holds
the column only that list has (List 3 "Date of referral", List 7 "Child Protection Plan Start
Date", ...). The header row is the first of the sheet's first rows holding "Child Unique ID";
headers are matched loosely (case, spacing and punctuation ignored).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import polars as pl

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding
from neglect_insight.pipelines.read.annex_a_cells import answer
from neglect_insight.pipelines.read.cells import clean, normalised, parse_date

BIRTH_DATE = Rule(
    "annex_a_xlsx.birth_date", "blocking",
    "A Date of Birth in the Annex A workbook is not a date. It was left out of children.csv; "
    "correct it and send the workbook again.")

LIST_NAMES = {
    1: "contacts", 2: "early help assessments", 3: "referrals", 4: "assessments",
    5: "section 47 enquiries", 6: "children in need", 7: "child protection", 8: "children in care",
    9: "care leavers", 10: "adoption", 11: "adopters",
}
MAPPED_LISTS = (3, 6, 4, 7)  # also the order in which child details are taken
HEADER_SCAN_ROWS = 20

# A list is recognised by its sheet name, or else by a header only it has (normalised text).
SHEET_NAME = re.compile(r"^\s*list\s*(\d{1,2})(?!\d)", re.IGNORECASE)
SIGNATURES = {
    2: r"organisation completing", 3: r"date of referral|referral nfa",
    4: r"continuous assessment start", 5: r"section 47 enquiry start", 6: r"cin start date",
    7: r"protection plan start date", 8: r"started to be looked after",
    9: r"eligibility category", 10: r"placed for adoption", 11: r"adopter identifier",
}
ID_HEADER = re.compile(r"^(child (unique )?id(entifier)?|individual adopter identifier)$")


@dataclass(frozen=True)
class Column:
    """A column the conversion reads: its name here, a pattern for the normalised header, the
    Ofsted template's header (for messages) and whether the list is unusable without it."""

    name: str
    pattern: str
    header: str
    required: bool = True


CHILD_COLUMNS = (
    Column("child_id", r"^child (unique )?id(entifier)?$", "Child Unique ID"),
    Column("sex", r"^(gender|sex)\b", "Gender", required=False),
    Column("ethnicity", r"^ethnicity", "Ethnicity", required=False),
    Column("birth_date", r"^(date of birth|dob)\b", "Date of Birth", required=False),
    Column("disabled", r"disabilit", "Does the Child have a Disability", required=False),
)
LIST_COLUMNS = {
    3: (Column("referral_date", r"date of referral|referral date", "Date of referral"),
        Column("source", r"referral source|source of referral", "Referral Source"),
        Column("nfa", r"\bnfa\b|no further action", "Referral NFA?")),
    6: (Column("referral_date", r"cin start date|^start date", "CIN Start Date"),
        Column("primary_need", r"primary need|category of need", "Primary Need Code"),
        Column("closure_date", r"closure date|date of closure", "CIN Closure Date"),
        Column("closure_reason", r"reason for closure|closure reason", "Reason for Closure")),
    4: (Column("start_date", r"assessment start date|^start date",
               "Continuous Assessment Start Date"),
        Column("authorised_date", r"authori[sz]ation|authori[sz]ed",
               "Continuous Assessment Date of Authorisation")),
    7: (Column("start_date", r"plan start date|^start date", "Child Protection Plan Start Date"),
        Column("initial_category", r"initial category", "Initial Category of Abuse"),
        Column("latest_category", r"latest category", "Latest Category of Abuse"),
        Column("end_date", r"plan end date|^end date", "Child Protection Plan End Date"),
        Column("previous_plans", r"number of previous|previous (child protection|cp) plans",
               "Number of Previous Child Protection Plans", required=False)),
}
DATE_COLUMNS = {"referral_date", "closure_date", "start_date", "authorised_date", "end_date"}


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


def open_workbook(path: Path) -> fastexcel.ExcelReader:
    try:
        return fastexcel.read_excel(path)
    except Exception as err:  # calamine raises its own types for every kind of damage
        raise WorkbookReadError(type(err).__name__) from None


def load_sheet(reader: fastexcel.ExcelReader, index: int, n_rows: int | None) -> pl.DataFrame:
    """A sheet as text, every row kept (row i is sheet row i + 1), no header taken."""
    try:
        sheet = reader.load_sheet(index, header_row=None, dtypes="string", skip_rows=0,
                                  n_rows=n_rows)
        return pl.DataFrame(sheet)
    except Exception as err:
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
        named = SHEET_NAME.match(name)
        number = int(named.group(1)) if named else next(
            (n for n, signature in SIGNATURES.items()
             if any(re.search(signature, h) for h in headers)), None)
        if number not in LIST_NAMES:
            return None
        return Sheet(name, number, row_index, headers)
    return None


def match_columns(sheet: Sheet) -> list[Column]:
    """Find each needed column by its header; return the required ones not found."""
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


def list_frame(sheet: Sheet, file: str, findings: list[Finding]) -> pl.DataFrame:
    """One list's data rows with our column names, values read from their coded answers, each
    date as text (`<name>`) and as a date (`<name>_value`), and the sheet row (`sheet_row`)."""
    assert sheet.rows is not None
    data = sheet.rows.slice(sheet.header_index + 1)
    values: dict[str, list] = {"sheet_row": list(range(sheet.header_index + 2,
                                                       sheet.header_index + 2 + data.height))}
    names = [c.name for c in CHILD_COLUMNS + LIST_COLUMNS[sheet.number]]
    for name in names:
        position = sheet.columns.get(name)
        cells = ([None] * data.height if position is None
                 else [clean(v) for v in data.to_series(position).to_list()])
        values[name] = cells
    frame = pl.DataFrame(values, schema={"sheet_row": pl.Int64} | {n: pl.String for n in names})
    frame = frame.filter(pl.any_horizontal(pl.col(names).is_not_null()))  # blank rows

    columns: dict[str, pl.Series] = {}
    for name in names:
        cells = frame[name].to_list()
        if name == "birth_date":
            columns["birth_month"] = _birth_months(sheet, frame["sheet_row"].to_list(), cells,
                                                   file, findings)
        elif name in DATE_COLUMNS:
            parsed = [parse_date(cell) for cell in cells]
            columns[name] = pl.Series([p.isoformat() if p else c for p, c in zip(
                parsed, cells, strict=True)], dtype=pl.String)
            columns[f"{name}_value"] = pl.Series(parsed, dtype=pl.Date)
        else:
            columns[name] = pl.Series([answer(name, c) for c in cells], dtype=pl.String)
    return frame.select("sheet_row").with_columns(**columns)


def _birth_months(sheet: Sheet, rows: list[int], cells: list[str | None], file: str,
                  findings: list[Finding]) -> pl.Series:
    """Each Date of Birth degraded to its month; one that is not a date is left out and
    reported by row (never copied: it would put a date of birth in the rejects report)."""
    months = []
    for row, cell in zip(rows, cells, strict=True):
        parsed = parse_date(cell)
        if cell is not None and parsed is None:
            findings.append(finding(BIRTH_DATE, file, row, "Date of Birth", message=(
                f"{file}, sheet '{sheet.name}', row {row}: Date of Birth is not a date. "
                "It was left out of children.csv (a date of birth is never copied into "
                "a report); correct it and send the workbook again.")))
        months.append(parsed.replace(day=1).isoformat() if parsed else None)
    return pl.Series(months, dtype=pl.String)
