"""Pseudonymise one CSV (any file of `pipelines/read/extract_files.py`, or another CSV the LA
sends): the header decides each column's treatment (fields.py); rows are streamed."""

from __future__ import annotations

import csv
from pathlib import Path

from neglect_insight.pipelines.pseudonymise.changes import FileChange
from neglect_insight.pipelines.pseudonymise.fields import Treatment, field
from neglect_insight.pipelines.pseudonymise.keys import Pseudonyms
from neglect_insight.pipelines.pseudonymise.values import rewrite


class CsvError(Exception):
    """The CSV cannot be pseudonymised safely; the message names the file and line only."""


def pseudonymise_csv(source: Path, target: Path, pseudonyms: Pseudonyms) -> FileChange:
    change = FileChange(source.name)
    with source.open(encoding="utf-8-sig", newline="") as text_in, \
            target.open("w", encoding="utf-8", newline="") as text_out:
        reader = csv.reader(text_in)
        writer = csv.writer(text_out, lineterminator="\n")
        try:
            header = next(reader, None)
            if header is None:  # a 0-byte file stays one
                return change
            fields = [field(name.strip()) for name in header]
            for column in fields:
                if column.treatment is not Treatment.COPY:
                    change.note(column)
            kept = [i for i, column in enumerate(fields) if column.treatment is not Treatment.DROP]
            writer.writerow([header[i] for i in kept])
            for row in reader:
                if len(row) > len(header):
                    raise CsvError(
                        f"{source.name}, line {reader.line_num}: a row has more fields than the "
                        "header, so its values cannot be matched to columns. Correct the file "
                        "and run pseudonymise again.")
                writer.writerow([rewrite(fields[i], row[i], pseudonyms, change)
                                 for i in kept if i < len(row)])
                change.rows += 1
        except UnicodeDecodeError:
            raise CsvError(f"{source.name}, near line {reader.line_num + 1}: the file is not "
                           "UTF-8 text. Save it as CSV UTF-8 and run pseudonymise again.") from None
        except csv.Error:
            raise CsvError(f"{source.name}, line {reader.line_num}: the CSV cannot be read (an "
                           "unclosed quote or a field that is far too long). Correct it and run "
                           "pseudonymise again.") from None
    return change
