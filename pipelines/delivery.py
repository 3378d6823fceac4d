"""Find the extract files in a delivery folder and stage them in a DuckDB connection.

A delivery is one folder per quarter (extracts.md). Official formats (CIN census XML, Annex A
workbook) are converted to the canonical CSV form first, by `pipelines.read.official`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from neglect_insight.pipelines.load.build import build_staging
from neglect_insight.pipelines.read.extract_csv import (
    FORMAT_RULES,
    ExtractRead,
    check_format,
    create_empty_raw,
    load_raw,
)
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES
from neglect_insight.pipelines.validate.findings import Finding, Rule, finding

MISSING_FILE = Rule("delivery.missing_file", "blocking",
                    "A required file is missing from the delivery folder.")
UNKNOWN_FILE = Rule("delivery.unknown_file", "query",
                    "A file that is not part of the contract was found; it was ignored.")
NO_FOLDER = Rule("delivery.folder", "blocking", "The delivery folder does not exist.")

Progress = Callable[[str], None]


@dataclass
class StagedDelivery:
    """The outcome of reading a delivery folder into raw_ tables and stg_ views."""

    folder: Path
    reads: dict[str, ExtractRead] = field(default_factory=dict)  # present files, by stem
    rules: list[tuple[Rule, str | None]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def loadable_reads(self) -> dict[str, ExtractRead]:
        return {s: r for s, r in self.reads.items() if r.loadable}

    @property
    def has_blocking(self) -> bool:
        return any(f.severity == "blocking" for f in self.findings)


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


def stage(conn: duckdb.DuckDBPyConnection, folder: Path,
          progress: Progress | None = None) -> StagedDelivery:
    """Check every file's format, load the sound ones as raw_ tables, build staging views."""
    say = progress or (lambda _msg: None)
    staged = StagedDelivery(folder)
    if not folder.is_dir():
        staged.rules.append((NO_FOLDER, None))
        staged.findings.append(finding(NO_FOLDER, None, message=f"The delivery folder {folder} "
                                       "does not exist."))
        return staged
    from neglect_insight.pipelines.read.official import convert_official_formats

    known, unknown = discover(folder)
    converted, unknown, conversion_findings = convert_official_formats(unknown, known)
    known.update(converted)
    staged.findings.extend(conversion_findings)
    for path in unknown:
        staged.findings.append(finding(UNKNOWN_FILE, path.name, message=f"'{path.name}' is not "
                                       "part of the contract; it was ignored."))
    staged.rules.append((UNKNOWN_FILE, None))
    for stem, extract in EXTRACT_FILES.items():
        staged.rules.extend((rule, extract.file_name) for rule in FORMAT_RULES)
        if extract.required:
            staged.rules.append((MISSING_FILE, extract.file_name))
        path = known.get(stem)
        if path is None:
            if extract.required:
                staged.findings.append(finding(MISSING_FILE, extract.file_name, message=(
                    f"The required file {extract.file_name} is missing from the delivery.")))
            create_empty_raw(conn, extract)
            continue
        say(f"Checking {path.name}")
        read = check_format(path, extract)
        staged.reads[stem] = read
        staged.findings.extend(read.findings)
        if read.loadable:
            say(f"Reading {path.name} ({read.rows:,} rows)")
            load_raw(conn, read, extract)
        else:
            create_empty_raw(conn, extract)
    build_staging(conn)
    return staged
