"""Read an Ofsted Annex A workbook (the child-level lists an LA prepares for an inspection of
local authority children's services) into the canonical extract frames.

A sheet is a list when its name starts `List <n>` or, failing that, when its header row holds
the column only that list has (List 3 "Date of referral", List 7 "Child Protection Plan Start
Date", ...). The header row is the first of the sheet's first rows holding "Child Unique ID";
headers are matched loosely (case, spacing and punctuation ignored). Four lists are converted:

    List 3 (referrals)          Date of referral, Referral Source, Referral NFA?
    List 6 (children in need)   CIN Start Date, Primary Need Code, CIN Closure Date,
                                Reason for Closure
        → referrals.csv: one episode per (child, date); a List 3 referral and a List 6 episode
          of the same child on the same date are one episode. When both lists are there, an
          episode only in List 6 (its referral came before List 3's period) has source `10`
          (unknown) and nfa false, and a referral only in List 3 that is not nfa has
          primary_need `N0` (not stated); both are counted in a query finding. A missing list
          is not filled in: its columns stay empty and the canonical rules report them.
    List 4 (assessments)        Continuous Assessment Start Date, ... Date of Authorisation
        → assessments.csv, in the child's latest episode starting on or before the assessment
          (an nfa referral only if no other episode fits); factors are empty (Annex A has none)
    List 7 (child protection)   Child Protection Plan Start Date, Initial / Latest Category of
                                Abuse, Child Protection Plan End Date, Number of Previous
                                Child Protection Plans
        → cp_plans.csv, in the child's latest episode starting on or before the plan
    Child Unique ID, Gender, Ethnicity, Date of Birth, Does the Child have a Disability
        → children.csv: one row per child named in a converted list, each value the first
          non-empty one in list order 3, 6, 4, 7; the date of birth is degraded to its month.

Annex A has no ids for episodes, assessments or plans, so they are made from the child and the
order of dates: `<child>-R1` is the child's earliest episode, `<child>-A1` its earliest
assessment, `<child>-P1` its earliest CP plan. Coded answers are read from the code in the cell
("a) 1A: Individual" → 1A, "N1 - Abuse or neglect" → N1, "a) Neglect" → NEG, "b) Female" → F,
"a) Yes" → true); a cell that cannot be read is copied as given, for the canonical rules to
report. Dates may be Excel dates, YYYY-MM-DD or DD/MM/YYYY text.

Modules: `annex_a_sheets.py` finds the lists and reads their rows, `annex_a_cells.py` reads
the coded answers, `annex_a_episodes.py` builds the canonical tables; this module ties them.

Not converted: List 1 (contacts: not in the contract), List 2 (early help *assessments*: no
episode end or end reason, so they are not early help episodes — send early_help.csv), List 5
(section 47 enquiries), List 8 to 11 (children in care, care leavers, adoption, adopters), the
Allocated Team and Allocated Worker columns (a worker's name is never read) and every other
column. A query finding lists the sheets not used.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding
from neglect_insight.pipelines.read.annex_a_episodes import canonical_tables
from neglect_insight.pipelines.read.annex_a_sheets import (
    LIST_NAMES,
    MAPPED_LISTS,
    WorkbookReadError,
    find_lists,
    list_frame,
    load_sheet,
    match_columns,
    open_workbook,
)

__all__ = ["WorkbookReadError", "detect", "read"]

MISSING_COLUMN = Rule(
    "annex_a_xlsx.missing_column", "blocking",
    "A list in the Annex A workbook lacks a column the conversion needs, so the list was not "
    "converted. Add the column (the Ofsted template's header) and send the workbook again.")
LISTS_NOT_USED = Rule(
    "annex_a_xlsx.lists_not_used", "query",
    "Some sheets of the Annex A workbook are not converted (only Lists 3, 4, 6 and 7 are).")


def detect(path: Path) -> bool:
    """True if the workbook holds at least one Annex A list (a sheet named `List <n>`, or with
    a list's own header, whose header row has "Child Unique ID"). Raises WorkbookReadError if
    the file cannot be opened as a workbook."""
    lists, _others = find_lists(open_workbook(path))
    return bool(lists)


def read(path: Path) -> tuple[dict[str, pl.DataFrame], list[Finding]]:
    """The canonical tables the workbook's lists give (all text) and the conversion's own
    findings. Raises WorkbookReadError if the file cannot be opened as a workbook."""
    reader = open_workbook(path)
    lists, others = find_lists(reader)
    file = path.name
    findings: list[Finding] = []
    frames: dict[int, pl.DataFrame] = {}
    for number in MAPPED_LISTS:
        sheet = lists.get(number)
        if sheet is None:
            continue
        sheet.rows = load_sheet(reader, reader.sheet_names.index(sheet.name), None)
        missing = match_columns(sheet)
        for column in missing:
            findings.append(finding(MISSING_COLUMN, file, sheet.header_index + 1, column.header,
                                    message=(
                f"{file}, sheet '{sheet.name}' (List {number}, {LIST_NAMES[number]}), row "
                f"{sheet.header_index + 1}: no column '{column.header}'. List {number} was not "
                "converted; add the column and send the workbook again.")))
        if not missing:
            frames[number] = list_frame(sheet, file, findings)

    unused = [f"'{s.name}' (List {s.number}, {LIST_NAMES[s.number]})"
              for n, s in sorted(lists.items()) if n not in MAPPED_LISTS]
    unused += [f"'{name}'" for name in others]
    if unused:
        findings.append(finding(LISTS_NOT_USED, file, message=(
            f"{file}: sheets not converted: {', '.join(unused)}. Only Lists 3, 4, 6 and 7 "
            "(referrals, assessments, children in need, child protection) are read; early help "
            "comes from early_help.csv.")))
    return canonical_tables(frames, file, findings), findings
