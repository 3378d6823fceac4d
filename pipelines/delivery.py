"""Find the extract files in a delivery folder and read them into raw_ tables.

A delivery is one folder per quarter (extracts.md). Official formats (CIN census XML, Annex A
workbook, ...) are converted to canonical tables in memory by `pipelines.read.official` and
loaded straight from Arrow; delivered CSVs are format-checked and read by DuckDB. When several
files give one canonical file (a CIN census XML and `children.csv` both give children), each is
read on its own and the rows are merged by key into one raw table (`read.merge`). Every
delivered file gets a `FileSummary` for the summary printed before any check. The staging views
over the raw tables are built by the load layer (`pipelines.load.staging.stage`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from neglect_insight.pipelines.delivery_types import (
    ExtractRead,
    FileSummary,
    Rule,
    StagedDelivery,
    finding,
)
from neglect_insight.pipelines.read.extract_csv import FORMAT_RULES, check_format, load_raw
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES, ExtractFile
from neglect_insight.pipelines.read.merge import CONFLICT, Part, merge_parts
from neglect_insight.pipelines.read.official import (
    ConvertedTable,
    convert_official_formats,
    read_converted,
)
from neglect_insight.pipelines.read.raw_tables import create_empty_raw, load_table, raw_table

MISSING_FILE = Rule("delivery.missing_file", "blocking",
                    "A required file is missing from the delivery folder.")
UNKNOWN_FILE = Rule("delivery.unknown_file", "query",
                    "A file that is not part of the contract was found; it was ignored.")
NO_FOLDER = Rule("delivery.folder", "blocking", "The delivery folder does not exist.")

Progress = Callable[[str], None]


def discover(folder: Path) -> tuple[dict[str, Path], list[Path]]:
    """Contract files present (by stem, names case-insensitive) and any other files."""
    known: dict[str, Path] = {}
    unknown: list[Path] = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        stem = path.stem.strip().lower()
        if path.suffix.lower() == ".csv" and stem in EXTRACT_FILES:
            known[stem] = path
        else:
            unknown.append(path)
    return known, unknown


def read_delivery(conn: duckdb.DuckDBPyConnection, folder: Path,
                  progress: Progress | None = None) -> StagedDelivery:
    """Check every file's format and load the sound ones as raw_ tables (an absent or unsound
    file as an empty one, several sources of one file merged)."""
    say = progress or (lambda _msg: None)
    staged = StagedDelivery(folder)
    if not folder.is_dir():
        staged.rules.append((NO_FOLDER, None))
        staged.findings.append(finding(NO_FOLDER, None, message=f"The delivery folder {folder} "
                                       "does not exist."))
        return staged
    known, others = discover(folder)
    conversion = convert_official_formats(others)
    staged.findings.extend(conversion.findings)
    staged.rules.extend(conversion.rules)
    summaries = {s.file: s for s in conversion.summaries}
    for path in conversion.unknown:
        summaries[path.name] = FileSummary(path.name, "not an extract file (ignored)")
        staged.findings.append(finding(UNKNOWN_FILE, path.name, message=f"'{path.name}' is not "
                                       "part of the contract; it was ignored."))
    staged.rules.append((UNKNOWN_FILE, None))
    for stem, extract in EXTRACT_FILES.items():
        staged.rules.extend((rule, extract.file_name) for rule in FORMAT_RULES)
        if extract.required:
            staged.rules.append((MISSING_FILE, extract.file_name))
        path, tables = known.get(stem), conversion.tables.get(stem, [])
        if path is None and not tables:
            if extract.required:
                staged.findings.append(finding(MISSING_FILE, extract.file_name, message=(
                    f"The required file {extract.file_name} is missing from the delivery.")))
            create_empty_raw(conn, extract)
            continue
        csv_read = None
        if path is not None:
            say(f"Checking {path.name}")
            csv_read = check_format(path, extract)
            summaries[path.name] = FileSummary(path.name, "canonical CSV",
                                               {extract.file_name: csv_read.rows})
        reads = [read_converted(t, extract) for t in tables]
        for read in ([csv_read] if csv_read else []) + reads:
            staged.findings.extend(read.findings)
        if csv_read is not None and not tables:
            staged.reads[stem] = _load_csv(conn, csv_read, extract, say)
        elif csv_read is None and len(tables) == 1:
            staged.reads[stem] = _load_converted(conn, reads[0], tables[0], extract, say)
        else:
            staged.rules.append((CONFLICT, extract.file_name))
            staged.reads[stem] = _merge(conn, extract, csv_read, tables, reads, staged, say)
    staged.files = [summaries[name] for name in sorted(summaries)]
    return staged


def _load_csv(conn: duckdb.DuckDBPyConnection, read: ExtractRead, extract: ExtractFile,
              say: Progress) -> ExtractRead:
    if not read.loadable:
        create_empty_raw(conn, extract)
        return read
    say(f"Reading {read.file_name} ({read.rows:,} rows)")
    load_raw(conn, read, extract)
    return read


def _load_converted(conn: duckdb.DuckDBPyConnection, read: ExtractRead, table: ConvertedTable,
                    extract: ExtractFile, say: Progress) -> ExtractRead:
    if not read.loadable:
        create_empty_raw(conn, extract)
        return read
    say(f"Reading {read.file_name} ({read.rows:,} rows)")
    load_table(conn, read, table.table, extract)
    return read


def _merge(conn: duckdb.DuckDBPyConnection, extract: ExtractFile, csv_read: ExtractRead | None,
           tables: list[ConvertedTable], reads: list[ExtractRead], staged: StagedDelivery,
           say: Progress) -> ExtractRead:
    """Load each source of one canonical file as its own part and merge them into raw_<stem>.
    The CSV's rows keep their lines; converted rows are numbered on after them."""
    every = ([csv_read] if csv_read else []) + reads
    merged = ExtractRead(
        extract.stem, every[0].path, sha256=", ".join(r.sha256 for r in every),
        bytes=sum(r.bytes for r in every), converted_to=extract.file_name,
        columns=list(dict.fromkeys(c for r in every for c in r.columns)),
        extra_columns=list(dict.fromkeys(c for r in every for c in r.extra_columns)),
        findings=[f for r in every for f in r.findings])
    if not merged.loadable:
        create_empty_raw(conn, extract)
        return merged
    names = [t.source.name for t in tables] + ([csv_read.path.name] if csv_read else [])
    say(f"Merging {extract.file_name} from {', '.join(names)}")
    base = raw_table(extract.stem)
    parts, next_line = [], 2
    if csv_read is not None:
        load_raw(conn, csv_read, extract)
        csv_part = Part(f"{base}__part{len(tables)}", csv_read.path.name, official=False)
        conn.execute(f"alter table {base} rename to {csv_part.table}")
        last = conn.execute(f"select max(_line) from {csv_part.table}").fetchall()[0][0]
        next_line = (last or 1) + 1
    for i, (read, table) in enumerate(zip(reads, tables, strict=True)):
        parts.append(Part(f"{base}__part{i}", table.source.name, official=True))
        load_table(conn, read, table.table, extract, name=parts[-1].table, first_line=next_line)
        next_line += table.table.num_rows
    if csv_read is not None:
        parts.append(csv_part)
    staged.findings.extend(merge_parts(conn, extract, parts, base))
    merged.rows = conn.execute(f"select count(*) from {base}").fetchall()[0][0]
    return merged
