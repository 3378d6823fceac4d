"""Find the extract files in a delivery folder and read them into raw_ tables.

A delivery is one folder per quarter (extracts.md). Official formats (CIN census XML, Annex A
workbook) are converted to canonical tables in memory by `pipelines.read.official` and loaded
straight from Arrow; delivered CSVs are format-checked and read by DuckDB. The staging views
over the raw tables are built by the load layer (`pipelines.load.staging.stage`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from neglect_insight.pipelines.delivery_types import Rule, StagedDelivery, finding
from neglect_insight.pipelines.read.extract_csv import FORMAT_RULES, check_format, load_raw
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES
from neglect_insight.pipelines.read.official import convert_official_formats, read_converted
from neglect_insight.pipelines.read.raw_tables import create_empty_raw, load_table

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
    file as an empty one)."""
    say = progress or (lambda _msg: None)
    staged = StagedDelivery(folder)
    if not folder.is_dir():
        staged.rules.append((NO_FOLDER, None))
        staged.findings.append(finding(NO_FOLDER, None, message=f"The delivery folder {folder} "
                                       "does not exist."))
        return staged
    known, unknown = discover(folder)
    converted, unknown, conversion_findings = convert_official_formats(unknown, known)
    staged.findings.extend(conversion_findings)
    for path in unknown:
        staged.findings.append(finding(UNKNOWN_FILE, path.name, message=f"'{path.name}' is not "
                                       "part of the contract; it was ignored."))
    staged.rules.append((UNKNOWN_FILE, None))
    for stem, extract in EXTRACT_FILES.items():
        staged.rules.extend((rule, extract.file_name) for rule in FORMAT_RULES)
        if extract.required:
            staged.rules.append((MISSING_FILE, extract.file_name))
        path, table = known.get(stem), converted.get(stem)
        if path is None and table is None:
            if extract.required:
                staged.findings.append(finding(MISSING_FILE, extract.file_name, message=(
                    f"The required file {extract.file_name} is missing from the delivery.")))
            create_empty_raw(conn, extract)
            continue
        if path is not None:
            say(f"Checking {path.name}")
            read = check_format(path, extract)
        else:
            read = read_converted(table, extract)
        staged.reads[stem] = read
        staged.findings.extend(read.findings)
        if not read.loadable:
            create_empty_raw(conn, extract)
            continue
        say(f"Reading {read.file_name} ({read.rows:,} rows)")
        if path is not None:
            load_raw(conn, read, extract)
        else:
            load_table(conn, read, table.table, extract)
    return staged
