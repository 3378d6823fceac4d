"""`neglect-insight pseudonymise SRC DST --key KEYFILE [--new-key]`: the LA-side helper that
turns an identifiable extract into an anonymised delivery (extracts.md, "Anonymised means").

    SRC/*.csv                    → csv_file.py: each column treated by its name (fields.py)
    a CIN or school census XML   → xml_file.py: LAchildID pseudonymised, UPNs dropped, ...
    a workbook or any other XML  → refused: pseudonymise does not handle them yet (an Annex
                                   A workbook, a school census export in Excel)
    anything else                → not copied, and listed

Keys become keyed pseudonyms (keys.py), the same in every file and quarter under one key.
Everything is written to a new hidden folder beside DST, renamed to DST only once every file
is done, so a failure leaves no half-written delivery. What it reports is counts and column
names, never a value.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from neglect_insight.pipelines.pseudonymise.changes import FileChange
from neglect_insight.pipelines.pseudonymise.csv_file import CsvError, pseudonymise_csv
from neglect_insight.pipelines.pseudonymise.keys import (
    KeyFileError,
    Pseudonyms,
    already_exists,
    create_key,
    how_to_create,
    is_private,
    read_key,
)
from neglect_insight.pipelines.pseudonymise.xml_file import (
    CIN_CENSUS,
    SCHOOL_CENSUS,
    XmlError,
    pseudonymise_xml,
)
from neglect_insight.pipelines.read import cin_census_xml, school_census_xml

__all__ = ["FileChange", "Outcome", "PseudonymiseError", "pseudonymise_folder"]

USAGE, REFUSED = 2, 1  # exit codes
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


class PseudonymiseError(Exception):
    """Nothing was written; the message says why and what to do, `exit_code` is 2 for a usage
    error (folders, key file) and 1 for a source the command cannot handle."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class Outcome:
    changes: list[FileChange]  # one per entry of SRC, in name order
    key_created: bool
    key_is_private: bool  # False: others may read the key file (say so)


def pseudonymise_folder(source: Path, target: Path, key_path: Path | None,
                        new_key: bool = False) -> Outcome:
    """Pseudonymise every file of `source` into the new or empty folder `target`."""
    _check_folders(source, target)
    if key_path is None:
        raise PseudonymiseError("pseudonymise needs a key file: --key KEYFILE. "
                                + how_to_create("KEYFILE"), USAGE)
    _check_key_place(key_path, source, target)
    if new_key and key_path.exists():
        raise PseudonymiseError(already_exists(key_path), USAGE)
    try:
        key = None if new_key else read_key(key_path)
        plan = _plan(source)  # before a new key is made: a refused run leaves nothing behind
        if new_key:
            create_key(key_path)
            key = read_key(key_path)
    except KeyFileError as err:
        raise PseudonymiseError(str(err), USAGE) from None
    changes = _write(plan, target, Pseudonyms(key))
    return Outcome(changes, new_key, is_private(key_path))


def _check_folders(source: Path, target: Path) -> None:
    if not source.is_dir():
        raise PseudonymiseError(f"SRC {source} is not a folder: give the folder of the "
                                "identifiable extract.", USAGE)
    if target.resolve() == source.resolve() or source.resolve() in target.resolve().parents:
        raise PseudonymiseError("DST must be a new or empty folder outside SRC: the "
                                "identifiable files are never overwritten.", USAGE)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise PseudonymiseError(f"DST {target} is not empty (or is a file): give a new or "
                                "empty folder, so that nothing identifiable is left in it.",
                                USAGE)


def _check_key_place(key_path: Path, source: Path, target: Path) -> None:
    where = key_path.resolve()
    if any(folder.resolve() in where.parents for folder in (source, target)):
        raise PseudonymiseError("Keep the key file outside SRC and DST: whoever has it "
                                "could test guesses at the pseudonyms.", USAGE)


def _kind(path: Path) -> str:
    """csv, cin or school (a census return), workbook, xml (another XML), other or folder."""
    if path.is_dir():
        return "folder"
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    with path.open("rb") as f:
        head = f.read(64).removeprefix(b"\xef\xbb\xbf").lstrip()
    if suffix in WORKBOOK_SUFFIXES or head.startswith(WORKBOOK_MAGIC):
        return "workbook"
    if suffix == ".xml" or head.startswith(b"<"):
        try:
            if cin_census_xml.detect(path):
                return "cin"
            return "school" if school_census_xml.detect(path) else "xml"
        except (cin_census_xml.XmlReadError, school_census_xml.SchoolCensusReadError):
            return "xml"
    return "other"


XML_RETURNS = {"cin": CIN_CENSUS, "school": SCHOOL_CENSUS}
NOT_HANDLED = {
    "workbook": "a workbook (such as an Annex A workbook)",
    "xml": "an XML file that is not a CIN or school census return",
}
NOT_COPIED = {
    "folder": "a folder: only the files of SRC itself are pseudonymised",
    "other": "not a CSV or a census XML return",
}


def _plan(source: Path) -> list[tuple[Path, str]]:
    try:
        plan = [(path, _kind(path)) for path in sorted(source.iterdir())]
    except OSError as err:
        raise PseudonymiseError(f"Could not read SRC ({err.strerror}: {err.filename}).",
                                REFUSED) from None
    refused = [f"{path.name}: pseudonymise does not handle {NOT_HANDLED[kind]} yet."
               for path, kind in plan if kind in NOT_HANDLED]
    if refused:
        raise PseudonymiseError(
            "\n".join(refused) + "\nRemove these files from SRC (send their data as CSVs in the "
            "canonical form) and run pseudonymise again. Nothing was written.", REFUSED)
    return plan


def _write(plan: list[tuple[Path, str]], target: Path, pseudonyms: Pseudonyms
           ) -> list[FileChange]:
    target.parent.mkdir(parents=True, exist_ok=True)
    working = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    changes = []
    try:
        for path, kind in plan:
            if kind == "csv":
                changes.append(pseudonymise_csv(path, working / path.name, pseudonyms))
            elif kind in XML_RETURNS:
                changes.append(pseudonymise_xml(path, working / path.name, pseudonyms,
                                                XML_RETURNS[kind]))
            else:
                changes.append(FileChange(path.name, not_copied=NOT_COPIED[kind]))
        if target.exists():
            target.rmdir()
        working.rename(target)
    except (CsvError, XmlError) as err:
        shutil.rmtree(working, ignore_errors=True)
        raise PseudonymiseError(f"{err} Nothing was written.", REFUSED) from None
    except OSError as err:
        shutil.rmtree(working, ignore_errors=True)
        raise PseudonymiseError(f"Could not write the pseudonymised files ({err.strerror}). "
                                "Nothing was written.", REFUSED) from None
    return changes
