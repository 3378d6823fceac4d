"""One value rewritten as its field says (fields.py), counted in the file's change record."""

from __future__ import annotations

from neglect_insight.pipelines.pseudonymise.changes import FileChange
from neglect_insight.pipelines.pseudonymise.fields import (
    Field,
    Treatment,
    first_of_month,
    outward_code,
)
from neglect_insight.pipelines.pseudonymise.keys import Pseudonyms
from neglect_insight.pipelines.read.cells import clean


def rewrite(column: Field, value: str | None, pseudonyms: Pseudonyms,
            change: FileChange) -> str | None:
    """The value to write for a field that is kept (an empty value stays empty)."""
    text = clean(value)
    if text is None or column.treatment is Treatment.COPY:
        return value
    if column.treatment is Treatment.PSEUDONYMISE:
        return pseudonyms.of(column.prefix, text)
    cut = first_of_month(text) if column.treatment is Treatment.CUT_TO_MONTH else outward_code(text)
    if cut is None:
        change.values_emptied += 1
        return ""
    if cut != value:
        change.values_changed[column.name] += 1
    return cut
