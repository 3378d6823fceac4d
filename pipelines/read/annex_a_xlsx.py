"""Read an Ofsted Annex A workbook (the child-level lists an LA prepares for an inspection of
local authority children's services) into the canonical extract tables.

Sheets and headings are found by their known spellings (`annex_a_columns.py`, matched by
`annex_a_sheets.py`): "List 3", "List_3", "List 3 - Referrals", "Referrals" or, failing a name,
a heading only that list has. These lists are converted:

    List 3 (referrals)          Date of referral, Referral Source, Referral NFA?
    List 6 (children in need)   CIN Start Date, Primary Need Code, CIN Closure Date,
                                Reason for Closure
        → referrals.csv: the n-th referral of a child on one date in List 3 and the n-th List 6
          episode of that child on that date are one episode. When both lists are there, an
          episode only in List 6 (its referral came before List 3's period) has source `10`
          (unknown) and nfa false, and a referral only in List 3 that is not nfa has primary
          need `N0` (not stated); both are counted in a query finding. A missing list is not
          filled in: its columns stay empty and the canonical rules report them.
    List 4 (assessments)        Continuous Assessment Start Date, ... Date of Authorisation
        → assessments.csv; factors are empty (Annex A has none)
    List 7 (child protection)   Child Protection Plan Start Date, Initial / Latest Category of
                                Abuse (or one "Category of abuse"), Child Protection Plan End
                                Date, Number of Previous Child Protection Plans
        → cp_plans.csv
    List 6, when it has CIN Plan Start Date (and End Date) columns → cin_plans.csv
        Assessments and plans are linked to the child's referral whose episode contains their
        start date, else the latest referral before it (`annex_a_links.py`); one that cannot be
        placed is a query finding with its sheet and row and is left out, not a refusal.
    List 2 (early help), only when it has an early help end date column → early_help.csv
        (no factors; organisation and end reason read from their words). The Ofsted template's
        List 2 holds early help *assessments* (start, completion, organisation) with no end of
        the episode: it is then not converted (an open-ended episode per assessment would count
        every child as in early help for ever) and a query says so; send early_help.csv.
    Child Unique ID, Gender, Ethnicity, Date of Birth, Does the Child have a Disability, from
    Lists 3, 6, 4, 7, 2 and 5 → children.csv: one row per child, each value the first non-empty
    one in that list order; the date of birth is degraded to its month.

Ids are made from the child, the date and an ordinal (`C01/2024-10-07/1`; see
`annex_a_links.py`). Coded answers are read from the code in the cell ("a) 1A: Individual" →
1A, "N1 - Abuse or neglect" → N1, "a) Neglect" → NEG, "b) Female" → F, "a) Yes" → true); a
cell that cannot be read is copied as given, for the canonical rules to report. Dates may be
Excel dates or numbers, YYYY-MM-DD or DD/MM/YYYY text. Every row carries `_source` (the
workbook's name) and `_place` (`sheet List 3 - Referrals, row 14`).

Not converted: List 1 (contacts: not in the contract), List 5 (section 47 enquiries: read for
the children's details only; the contract has no file for them), Lists 8 to 11 (children in
care, care leavers, adoption, adopters), the Allocated Team and Allocated Worker columns (a
worker's name is never read) and every other column. A query finding lists what was not used.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding
from neglect_insight.pipelines.read.annex_a_columns import CHILD_COLUMNS, LIST_NAMES
from neglect_insight.pipelines.read.annex_a_episodes import canonical_tables
from neglect_insight.pipelines.read.annex_a_sheets import (
    Sheet,
    WorkbookReadError,
    find_lists,
    list_frame,
    load_sheet,
    match_columns,
    open_workbook,
    place,
)

__all__ = ["WorkbookReadError", "detect", "read"]

READ_LISTS = (2, 3, 4, 5, 6, 7)
MISSING_COLUMN = Rule(
    "annex_a_xlsx.missing_column", "blocking",
    "A list in the Annex A workbook lacks a column the conversion needs, so the list was not "
    "converted. Add the column (the Ofsted template's heading) and send the workbook again.")
LISTS_NOT_USED = Rule(
    "annex_a_xlsx.lists_not_used", "query",
    "Some sheets of the Annex A workbook are not converted (Lists 3, 4, 6 and 7 are, and List 2 "
    "when it has early help end dates).")


def detect(path: Path) -> bool:
    """True if the workbook holds at least one Annex A list (a sheet named as a list, or with
    a list's own heading, whose header row has the child id). Raises WorkbookReadError if the
    file cannot be opened as a workbook."""
    lists, _others = find_lists(open_workbook(path))
    return bool(lists)


def read(path: Path) -> tuple[dict[str, pl.DataFrame], list[Finding]]:
    """The canonical tables the workbook's lists give (all text, with `_source` and `_place`)
    and the conversion's own findings. Raises WorkbookReadError if the file cannot be opened
    as a workbook."""
    reader = open_workbook(path)
    lists, others = find_lists(reader)
    file = path.name
    findings: list[Finding] = []
    frames: dict[int, pl.DataFrame] = {}
    unused = [f"'{name}'" for name in others]
    for number, sheet in sorted(lists.items()):
        if number not in READ_LISTS:
            unused.append(f"'{sheet.name}' (List {number}, {LIST_NAMES[number]})")
            continue
        sheet.rows = load_sheet(reader, reader.sheet_names.index(sheet.name), None)
        if number == 2 and not _has_early_help_ends(sheet):
            unused.append(f"'{sheet.name}' (List 2, early help: no end dates, so not early "
                          "help episodes; only its children's details were read)")
            frames[2] = list_frame(sheet, file, findings, CHILD_COLUMNS)
            continue
        missing = match_columns(sheet)
        for column in missing:
            findings.append(_missing(file, sheet, column.header))
        if not missing:
            frames[number] = list_frame(sheet, file, findings)
    if unused:
        findings.append(finding(LISTS_NOT_USED, file, source=file, message=(
            f"{file}: sheets not converted: {', '.join(sorted(unused))}. Lists 3, 4, 6 and 7 "
            "(referrals, assessments, children in need, child protection) are read, and List 2 "
            "when it has early help end dates; otherwise early help comes from "
            "early_help.csv.")))
    return canonical_tables(frames, file, findings), findings


def _has_early_help_ends(sheet: Sheet) -> bool:
    match_columns(sheet)
    return "end_date" in sheet.columns


def _missing(file: str, sheet: Sheet, header: str) -> Finding:
    number = sheet.number
    return finding(MISSING_COLUMN, file, sheet.header_index + 1, header, source=file,
                   place=place(sheet.name, sheet.header_index + 1), message=(
        f"{file}, sheet '{sheet.name}' (List {number}, {LIST_NAMES[number]}), row "
        f"{sheet.header_index + 1}: no column '{header}'. List {number} was not converted; add "
        "the column and send the workbook again."))
