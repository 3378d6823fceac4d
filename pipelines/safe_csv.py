"""CSV cells that a spreadsheet opens as text, never as a formula (issue 10, "Safe exports").

Excel and LibreOffice treat a cell starting `=`, `+`, `-` or `@` as a formula, and a leading tab
or carriage return can hide one; a value that came from a delivered file could then run when an
analyst opens a download. Every CSV written for people (dashboard downloads, the rejects report)
passes its text cells through `neutralise`, which prefixes such a cell with a single quote
(OWASP's advice). A plain number such as `-0.5` or `+3` stays as it is: it is not a formula, and
a change in points must still read as a number.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")


def neutralise(value: object) -> object:
    """The value, or for text that a spreadsheet would read as a formula, the text after `'`."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value
