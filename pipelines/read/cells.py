"""One value of an official file (a CIN census XML element, an Annex A workbook cell) read into
the canonical text form: dates, DfE sex codes, true/false. Shared by `cin_census_xml.py` and the
Annex A modules.

A value that cannot be read is returned as given (or left empty, for a date of birth), so the
canonical rules report it like a wrong value in a CSV.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

SEX_CODES = {"1": "M", "2": "F", "0": "U", "9": "U"}  # DfE: 1 male, 2 female, 0/9 not known
TRUE_FALSE = {"true": "true", "1": "true", "false": "false", "0": "false"}  # xs:boolean
EXCEL_EPOCH = date(1899, 12, 30)

_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_SERIAL = re.compile(r"^\d{5}(\.0+)?$")


def clean(text: str | None) -> str | None:
    """The text without surrounding spaces; None when nothing is left."""
    if text is None:
        return None
    text = text.strip()
    return text or None


def normalised(text: str | None) -> str:
    """Lower case, every run of other characters than letters and digits one space."""
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def iso_date(text: str | None) -> str | None:
    """An xs:date is copied as its YYYY-MM-DD part (a time zone suffix is dropped); anything
    else is copied as given, for the date rules to report."""
    if text is None:
        return None
    match = _ISO_PREFIX.match(text)
    return match.group(0) if match else text


def iso_first_of_month(text: str | None) -> tuple[str | None, bool]:
    """(YYYY-MM-01, True) for an xs:date; (None, False) for text that is not one."""
    if text is None:
        return None, True
    match = _ISO_PREFIX.match(text)
    if not match or not (1 <= int(match.group(2)) <= 12) or not (1 <= int(match.group(3)) <= 31):
        return None, False
    return f"{match.group(1)}-{match.group(2)}-01", True


def parse_date(text: str | None) -> date | None:
    """A date written YYYY-MM-DD (a midnight time allowed), DD/MM/YYYY, or as an Excel date
    number; None for anything else."""
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


def sex_code(text: str | None) -> str | None:
    """A DfE sex code (1, 2, 0, 9) as M, F or U; anything else as given."""
    if text is None:
        return None
    return SEX_CODES.get(text, text)


def true_false(text: str | None) -> str | None:
    """An xs:boolean (true, false, 1, 0 in any case) as true or false; anything else as given."""
    if text is None:
        return None
    return TRUE_FALSE.get(text.lower(), text)
