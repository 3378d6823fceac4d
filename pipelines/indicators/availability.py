"""Which figures a load can give, and why not: the one decision behind the `indicators`
command, the dashboard and the board pack (interface.md: "A figure that cannot be computed (a
file not supplied, ...) has "value": null and a "reason" in plain English").

An optional extract file (extracts.md: early help, population, attendance, ...) is supplied when
its staging view holds a row. The catalogue says what each indicator needs: its family's
required file and its own `needs` (without them: no figure, only the reason), and its `without`
notes (still computed, counting less: "Counts children in need and child protection only").
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from neglect_insight.pipelines.indicators.catalogue import (
    Indicator,
    catalogue,
    family,
    optional_files,
)
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES


@dataclass(frozen=True)
class Availability:
    """What a load lacks: file stem -> reason, and per indicator a reason or a note."""

    missing: dict[str, str]
    reasons: dict[str, str]  # indicator id -> why it has no figure
    notes: dict[str, str]  # indicator id -> what its figure leaves out


def file_reason(stem: str) -> str:
    """'early help not supplied: this delivery had no early_help.csv'."""
    extract = EXTRACT_FILES[stem]
    return f"{extract.subject} not supplied: this delivery had no {extract.file_name}"


def _supplied(conn: duckdb.DuckDBPyConnection, view: str) -> bool:
    try:
        return bool(conn.execute(f"select exists (select 1 from {view})").fetchall()[0][0])
    except duckdb.Error:  # a load older than the view
        return False


def missing_files(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Optional files the load was built without: file stem -> the reason figures give."""
    return {stem: file_reason(stem) for stem, extract in optional_files().items()
            if not _supplied(conn, extract.view)}


def needed_files(indicator: Indicator) -> tuple[str, ...]:
    """Stems of the optional files without which the indicator has no figure."""
    required = family(indicator.family).required_file
    return ((required.stem,) if required else ()) + indicator.needs


def availability(conn: duckdb.DuckDBPyConnection) -> Availability:
    """For every indicator, whether this load can give its figure, and what it leaves out."""
    missing = missing_files(conn)
    reasons, notes = {}, {}
    for indicator_id, indicator in catalogue().items():
        if lacking := [stem for stem in needed_files(indicator) if stem in missing]:
            reasons[indicator_id] = missing[lacking[0]]
        elif said := [note for stem, note in indicator.without if stem in missing]:
            notes[indicator_id] = " ".join(said)
    return Availability(missing, reasons, notes)
