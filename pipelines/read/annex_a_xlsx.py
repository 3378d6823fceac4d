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

Not converted: List 1 (contacts: not in the contract), List 2 (early help *assessments*: no
episode end or end reason, so they are not early help episodes — send early_help.csv), List 5
(section 47 enquiries), List 8 to 11 (children in care, care leavers, adoption, adopters), the
Allocated Team and Allocated Worker columns (a worker's name is never read) and every other
column. A query finding lists the sheets not used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import fastexcel
import polars as pl
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES
from neglect_insight.pipelines.validate.findings import Finding, Rule, finding

MISSING_COLUMN = Rule(
    "annex_a_xlsx.missing_column", "blocking",
    "A list in the Annex A workbook lacks a column the conversion needs, so the list was not "
    "converted. Add the column (the Ofsted template's header) and send the workbook again.")
BIRTH_DATE = Rule(
    "annex_a_xlsx.birth_date", "blocking",
    "A Date of Birth in the Annex A workbook is not a date. It was left out of children.csv; "
    "correct it and send the workbook again.")
FILLED_VALUE = Rule(
    "annex_a_xlsx.filled_value", "query",
    "Annex A does not hold every referral value: episodes only in List 6 have source 10 "
    "(unknown) and referrals only in List 3 that are not nfa have primary need N0 (not stated).")
LISTS_NOT_USED = Rule(
    "annex_a_xlsx.lists_not_used", "query",
    "Some sheets of the Annex A workbook are not converted (only Lists 3, 4, 6 and 7 are).")

LIST_NAMES = {
    1: "contacts", 2: "early help assessments", 3: "referrals", 4: "assessments",
    5: "section 47 enquiries", 6: "children in need", 7: "child protection", 8: "children in care",
    9: "care leavers", 10: "adoption", 11: "adopters",
}
MAPPED_LISTS = (3, 6, 4, 7)  # also the order in which child details are taken
HEADER_SCAN_ROWS = 20
UNKNOWN_SOURCE = "10"  # DfE referral source: unknown
NOT_STATED_NEED = "N0"

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

ETHNICITY_CODES = ("WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH",
                   "AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH",
                   "REFU", "NOBT")
ETHNICITY_NAMES = {  # DfE labels, normalised
    "white british": "WBRI", "white irish": "WIRI", "traveller of irish heritage": "WIRT",
    "any other white background": "WOTH", "gypsy roma": "WROM",
    "white and black caribbean": "MWBC", "white and black african": "MWBA",
    "white and asian": "MWAS", "any other mixed background": "MOTH", "indian": "AIND",
    "pakistani": "APKN", "bangladeshi": "ABAN", "any other asian background": "AOTH",
    "caribbean": "BCRB", "african": "BAFR", "any other black background": "BOTH",
    "chinese": "CHNE", "any other ethnic group": "OOTH", "refused": "REFU",
    "information not yet obtained": "NOBT",
}
ABUSE_CATEGORIES = (("NEG", r"\bneg"), ("PHY", r"\bphy"), ("SAB", r"\bsexual|\bsab\b"),
                    ("EMO", r"\bemo"), ("MUL", r"\bmul"))
_OPTION_PREFIX = re.compile(r"^\s*[a-z]\d?\)\s*", re.IGNORECASE)  # "a) ", "p1) "
_SOURCE = re.compile(r"^(1[A-D]|2[AB]|3[A-F]|5[A-D]|10|4|6|7|8|9)\b", re.IGNORECASE)
_NEED = re.compile(r"^(N\d)\b", re.IGNORECASE)
_CLOSURE = re.compile(r"^(RC\d)\b", re.IGNORECASE)
_ETHNICITY = re.compile(r"\b(" + "|".join(ETHNICITY_CODES) + r")\b", re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_SERIAL = re.compile(r"^\d{5}(\.0+)?$")
_WHOLE = re.compile(r"^(\d+)(\.0+)?$")
EXCEL_EPOCH = date(1899, 12, 30)


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


def normalise_header(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def _open(path: Path) -> fastexcel.ExcelReader:
    try:
        return fastexcel.read_excel(path)
    except Exception as err:  # calamine raises its own types for every kind of damage
        raise WorkbookReadError(type(err).__name__) from None


def _load(reader: fastexcel.ExcelReader, index: int, n_rows: int | None) -> pl.DataFrame:
    """A sheet as text, every row kept (row i is sheet row i + 1), no header taken."""
    try:
        sheet = reader.load_sheet(index, header_row=None, dtypes="string", skip_rows=0,
                                  n_rows=n_rows)
        return pl.DataFrame(sheet)
    except Exception as err:
        raise WorkbookReadError(type(err).__name__) from None


def _find_lists(reader: fastexcel.ExcelReader) -> tuple[dict[int, Sheet], list[str]]:
    """The lists of the workbook by number (the first sheet for each), and the names of the
    sheets that are not a list or are a second sheet for one."""
    lists: dict[int, Sheet] = {}
    others: list[str] = []
    for index, name in enumerate(reader.sheet_names):
        top = _load(reader, index, HEADER_SCAN_ROWS)
        sheet = _identify(name, top)
        if sheet is None or sheet.number in lists:
            others.append(name)
            continue
        lists[sheet.number] = sheet
    return lists, others


def _identify(name: str, top: pl.DataFrame) -> Sheet | None:
    for row_index, row in enumerate(top.iter_rows()):
        headers = [normalise_header(cell) for cell in row]
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


def detect(path: Path) -> bool:
    """True if the workbook holds at least one Annex A list (a sheet named `List <n>`, or with
    a list's own header, whose header row has "Child Unique ID"). Raises WorkbookReadError if
    the file cannot be opened as a workbook."""
    lists, _others = _find_lists(_open(path))
    return bool(lists)


def read(path: Path) -> tuple[dict[str, pl.DataFrame], list[Finding]]:
    """The canonical tables the workbook's lists give (all text) and the conversion's own
    findings. Raises WorkbookReadError if the file cannot be opened as a workbook."""
    reader = _open(path)
    lists, others = _find_lists(reader)
    file = path.name
    findings: list[Finding] = []
    frames: dict[int, pl.DataFrame] = {}
    for number in MAPPED_LISTS:
        sheet = lists.get(number)
        if sheet is None:
            continue
        sheet.rows = _load(reader, reader.sheet_names.index(sheet.name), None)
        missing = _match_columns(sheet)
        for column in missing:
            findings.append(finding(MISSING_COLUMN, file, sheet.header_index + 1, column.header,
                                    message=(
                f"{file}, sheet '{sheet.name}' (List {number}, {LIST_NAMES[number]}), row "
                f"{sheet.header_index + 1}: no column '{column.header}'. List {number} was not "
                "converted; add the column and send the workbook again.")))
        if not missing:
            frames[number] = _list_frame(sheet, file, findings)

    unused = [f"'{s.name}' (List {s.number}, {LIST_NAMES[s.number]})"
              for n, s in sorted(lists.items()) if n not in MAPPED_LISTS]
    unused += [f"'{name}'" for name in others]
    if unused:
        findings.append(finding(LISTS_NOT_USED, file, message=(
            f"{file}: sheets not converted: {', '.join(unused)}. Only Lists 3, 4, 6 and 7 "
            "(referrals, assessments, children in need, child protection) are read; early help "
            "comes from early_help.csv.")))
    return _tables(frames, file, findings), findings


def _match_columns(sheet: Sheet) -> list[Column]:
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


def _list_frame(sheet: Sheet, file: str, findings: list[Finding]) -> pl.DataFrame:
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
                 else [_clean(v) for v in data.to_series(position).to_list()])
        values[name] = cells
    frame = pl.DataFrame(values, schema={"sheet_row": pl.Int64} | {n: pl.String for n in names})
    frame = frame.filter(pl.any_horizontal(pl.col(names).is_not_null()))  # blank rows

    columns: dict[str, pl.Series] = {}
    for name in names:
        cells = frame[name].to_list()
        if name == "birth_date":
            months = []
            for row, cell in zip(frame["sheet_row"].to_list(), cells, strict=True):
                parsed = _parse_date(cell)
                if cell is not None and parsed is None:
                    findings.append(finding(BIRTH_DATE, file, row, "Date of Birth", message=(
                        f"{file}, sheet '{sheet.name}', row {row}: Date of Birth is not a date. "
                        "It was left out of children.csv (a date of birth is never copied into "
                        "a report); correct it and send the workbook again.")))
                months.append(parsed.replace(day=1).isoformat() if parsed else None)
            columns["birth_month"] = pl.Series(months, dtype=pl.String)
        elif name in DATE_COLUMNS:
            parsed = [_parse_date(cell) for cell in cells]
            columns[name] = pl.Series([p.isoformat() if p else c for p, c in zip(
                parsed, cells, strict=True)], dtype=pl.String)
            columns[f"{name}_value"] = pl.Series(parsed, dtype=pl.Date)
        else:
            columns[name] = pl.Series([READERS.get(name, _same)(c) for c in cells],
                                      dtype=pl.String)
    return frame.select("sheet_row").with_columns(**columns)


def _clean(cell: str | None) -> str | None:
    if cell is None:
        return None
    text = cell.strip()
    return text or None


def _same(text: str | None) -> str | None:
    return text


def _parse_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        if match := _ISO.match(text):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _UK.match(text):
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if _SERIAL.match(text):  # an Excel date stored as a number
            return EXCEL_EPOCH + timedelta(days=int(float(text)))
    except ValueError:
        return None
    return None


def _option(text: str | None) -> str | None:
    """The answer without the template's option letter: "a) 1A: Individual" → "1A: Individual"."""
    return None if text is None else _OPTION_PREFIX.sub("", text, count=1)


def _code(pattern: re.Pattern[str]):
    def read(text: str | None) -> str | None:
        if text is None:
            return None
        match = pattern.match(_option(text) or "")
        return match.group(1).upper() if match else text
    return read


def _sex(text: str | None) -> str | None:
    if text is None:
        return None
    answer = (_option(text) or "").strip().lower()
    if answer in ("m", "male", "1"):
        return "M"
    if answer in ("f", "female", "2"):
        return "F"
    if answer in ("u", "0", "9", "neither", "unknown", "indeterminate") or answer.startswith(
            "not stated"):
        return "U"
    return text


def _ethnicity(text: str | None) -> str | None:
    if text is None:
        return None
    if match := _ETHNICITY.search(text):
        return match.group(1).upper()
    return ETHNICITY_NAMES.get(normalise_header(_option(text)), text)


def _yes_no(text: str | None) -> str | None:
    if text is None:
        return None
    answer = (_option(text) or "").strip().lower()
    if answer in ("yes", "y", "true", "1"):
        return "true"
    if answer in ("no", "n", "false", "0"):
        return "false"
    if answer in ("unknown", "not known"):
        return None
    return text


def _abuse_category(text: str | None) -> str | None:
    if text is None:
        return None
    answer = _option(text) or ""
    return next((code for code, pattern in ABUSE_CATEGORIES
                 if re.search(pattern, answer, re.IGNORECASE)), text)


def _whole_number(text: str | None) -> str | None:
    if text is None:
        return None
    match = _WHOLE.match(text)
    return match.group(1) if match else text


READERS = {
    "sex": _sex, "ethnicity": _ethnicity, "disabled": _yes_no, "nfa": _yes_no,
    "source": _code(_SOURCE), "primary_need": _code(_NEED), "closure_reason": _code(_CLOSURE),
    "initial_category": _abuse_category, "latest_category": _abuse_category,
    "previous_plans": _whole_number,
}


def _canonical(stem: str, frame: pl.DataFrame) -> pl.DataFrame:
    """The canonical columns of `stem`, in contract order, all text (absent ones empty)."""
    return frame.select([
        (pl.col(c) if c in frame.columns else pl.lit(None)).cast(pl.String).alias(c)
        for c in EXTRACT_FILES[stem].column_names
    ])


def _tables(frames: dict[int, pl.DataFrame], file: str, findings: list[Finding]
            ) -> dict[str, pl.DataFrame]:
    if not frames:
        return {}
    tables = {"children": _children(frames)}
    episodes = _episodes(frames, file, findings)
    if episodes is not None:
        tables["referrals"] = _canonical("referrals", episodes)
    if 4 in frames:
        assessments = _in_episodes(frames[4], episodes, "A").with_columns(
            assessment_id=pl.col("id"))
        tables["assessments"] = _canonical("assessments", assessments)
    if 7 in frames:
        plans = _in_episodes(frames[7], episodes, "P").with_columns(plan_id=pl.col("id"))
        tables["cp_plans"] = _canonical("cp_plans", plans)
    return tables


def _children(frames: dict[int, pl.DataFrame]) -> pl.DataFrame:
    """One row per child named in a converted list; each value the first non-empty one in
    list order 3, 6, 4, 7 (then sheet order)."""
    details = ["sex", "birth_month", "ethnicity", "disabled"]
    rows = pl.concat([
        frames[n].select("child_id", *details).with_columns(
            list_order=pl.lit(MAPPED_LISTS.index(n)), row_order=pl.int_range(pl.len()))
        for n in MAPPED_LISTS if n in frames
    ]).filter(pl.col("child_id").is_not_null())
    children = (rows.sort("child_id", "list_order", "row_order")
                .group_by("child_id", maintain_order=True)
                .agg(pl.col(c).drop_nulls().first() for c in details))
    return _canonical("children", children)


def _episodes(frames: dict[int, pl.DataFrame], file: str, findings: list[Finding]
              ) -> pl.DataFrame | None:
    """CIN episodes: List 3 referrals and List 6 episodes, one per (child, date), numbered by
    date within the child."""
    key = ["child_id", "referral_date"]
    parts = []
    if 3 in frames:
        parts.append(frames[3].select(*key, "referral_date_value", "source", "nfa")
                     .unique(key, keep="first", maintain_order=True)
                     .with_columns(in_list_3=pl.lit(True)))
    if 6 in frames:
        parts.append(frames[6].select(*key, "referral_date_value", "primary_need",
                                      "closure_date", "closure_reason")
                     .unique(key, keep="first", maintain_order=True)
                     .with_columns(in_list_6=pl.lit(True)))
    if not parts:
        return None
    if len(parts) == 2:
        episodes = parts[0].join(parts[1].drop("referral_date_value"), on=key, how="full",
                                 coalesce=True, nulls_equal=True)
        episodes = episodes.with_columns(
            referral_date_value=pl.col("referral_date").str.to_date(strict=False))
    else:
        episodes = parts[0]
    for name, empty in (("in_list_3", False), ("in_list_6", False), ("source", None),
                        ("nfa", None), ("primary_need", None), ("closure_date", None),
                        ("closure_reason", None)):
        if name not in episodes.columns:
            episodes = episodes.with_columns(pl.lit(empty).alias(name))
    episodes = episodes.with_columns(pl.col("in_list_3", "in_list_6").fill_null(False))
    if len(parts) == 2:  # fill only the gaps between the two lists, never a missing list
        episodes = _fill_gaps(episodes, file, findings)
    return _numbered(episodes, "referral_date_value", "referral_date", "R").rename(
        {"id": "referral_id"})


def _fill_gaps(episodes: pl.DataFrame, file: str, findings: list[Finding]) -> pl.DataFrame:
    only_6 = pl.col("in_list_6") & ~pl.col("in_list_3")
    only_3_not_nfa = pl.col("in_list_3") & ~pl.col("in_list_6") & (pl.col("nfa") == "false")
    sources, needs = episodes.select(only_6.sum(), only_3_not_nfa.sum()).row(0)
    if sources or needs:
        findings.append(finding(FILLED_VALUE, file, message=(
            f"{file}: {sources} episode(s) in List 6 have no referral in List 3 on the child's "
            f"CIN start date: their source is 10 (unknown) and nfa false. {needs} referral(s) "
            "in List 3 that are not nfa have no episode in List 6: their primary need is N0 "
            "(not stated). Check the two lists cover the same children and dates.")))
    return episodes.with_columns(
        source=pl.when(only_6).then(pl.lit(UNKNOWN_SOURCE)).otherwise(pl.col("source")),
        nfa=pl.when(only_6).then(pl.lit("false")).otherwise(pl.col("nfa")),
        primary_need=pl.when(only_3_not_nfa).then(pl.lit(NOT_STATED_NEED))
        .otherwise(pl.col("primary_need")))


def _numbered(frame: pl.DataFrame, by: str, by_text: str, letter: str) -> pl.DataFrame:
    """Sort by child and date and make `id` = `<child>-<letter><n>`, n from 1 within a child."""
    return (frame.sort("child_id", by, by_text, nulls_last=True)
            .with_columns(n=pl.int_range(1, pl.len() + 1).over("child_id"))
            .with_columns(id=pl.concat_str(pl.col("child_id").fill_null(""),
                                           pl.lit(f"-{letter}"), pl.col("n").cast(pl.String))))


def _in_episodes(events: pl.DataFrame, episodes: pl.DataFrame | None, letter: str
                 ) -> pl.DataFrame:
    """Number the assessments or plans by start date within the child and give each the
    child's latest episode starting on or before it (not nfa, if one fits)."""
    events = _numbered(events, "start_date_value", "start_date", letter)
    if episodes is None:
        return events.with_columns(referral_id=pl.lit(None, pl.String))
    candidates = episodes.select("child_id", "referral_id", "nfa",
                                 pl.col("referral_date_value").alias("start_date_value")
                                 ).filter(pl.col("start_date_value").is_not_null()
                                          & pl.col("child_id").is_not_null())
    dated = events.filter(pl.col("start_date_value").is_not_null()
                          & pl.col("child_id").is_not_null()).sort("start_date_value")

    def latest(pool: pl.DataFrame, name: str) -> pl.DataFrame:
        return dated.join_asof(pool.sort("start_date_value").select(
            "child_id", "start_date_value", pl.col("referral_id").alias(name)),
            on="start_date_value", by="child_id", strategy="backward",
            check_sortedness=False).select("id", name)

    not_nfa = candidates.filter(pl.col("nfa").fill_null("false") != "true")
    links = latest(not_nfa, "not_nfa").join(latest(candidates, "any"), on="id")
    return (events.join(links, on="id", how="left")
            .with_columns(referral_id=pl.coalesce("not_nfa", "any"))
            .sort("child_id", "n"))
