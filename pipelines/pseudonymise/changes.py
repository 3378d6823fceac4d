"""What pseudonymising changed in each file, in plain English: counts and column names only,
never a value (not even a pseudonym)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from neglect_insight.pipelines.pseudonymise.fields import Field, Treatment


@dataclass
class FileChange:
    """One file of the source folder and what was done to it."""

    name: str
    rows_word: str = "rows"  # what a row is: "rows" of a CSV, "children" of a CIN census
    rows: int = 0
    fields: dict[Treatment, list[str]] = field(default_factory=dict)
    values_changed: Counter[str] = field(default_factory=Counter)
    values_emptied: int = 0  # dates and postcodes that could not be read, so were left empty
    not_copied: str = ""  # why the file was left out ("" when it was written)

    def note(self, column: Field) -> None:
        names = self.fields.setdefault(column.treatment, [])
        if column.name not in names:
            names.append(column.name)

    def describe(self) -> str:
        if self.not_copied:
            return f"{self.name}: not copied ({self.not_copied})"
        parts = [f"{self.rows:,} {self.rows_word}"]
        for treatment in (Treatment.PSEUDONYMISE, Treatment.DROP, Treatment.CUT_TO_MONTH,
                          Treatment.CUT_TO_OUTWARD_CODE):
            names = self.fields.get(treatment)
            if names:
                parts.append(f"{treatment.value}: " + ", ".join(
                    f"{name} ({_values(self.values_changed[name])} changed)"
                    if treatment in (Treatment.CUT_TO_MONTH, Treatment.CUT_TO_OUTWARD_CODE)
                    else name for name in names))
        if self.values_emptied:
            parts.append(f"{_values(self.values_emptied)} that could not be read as a date or "
                         "postcode left empty")
        if len(parts) == 1:
            parts.append("nothing to change")
        return f"{self.name}: " + "; ".join(parts)


def _values(n: int) -> str:
    return f"{n:,} value" if n == 1 else f"{n:,} values"
