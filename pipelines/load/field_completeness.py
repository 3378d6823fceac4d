"""The `field_completeness` table: how fully each contract column of each extract file was filled
in, as delivered (the raw layer, before cleaning or typing), for the data quality page.

Grain: one row per (file, column) of the extract contract (`pipelines/read/extract_files.py`),
in contract order; extra columns a file carried are not counted. A file that was not sent has
row_count 0. Columns: file, column, row_count, filled_count, filled_share.
- filled: the cell is not empty after trimming (`as_text`; extracts.md "empty cell = missing").
  An optional column absent from the file is empty on every row (its raw table has it, empty).
- filled_share: filled_count / row_count (0 to 1); null when the file has no rows.

SQL cannot loop over columns, so the query is written from the contract: per file, one pass
counts the filled cells of every column and `unpivot` turns them into rows.
"""

from __future__ import annotations

from neglect_insight.pipelines.read.extract_csv import raw_table
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES, ExtractFile


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _file_counts(extract: ExtractFile) -> str:
    """One row per contract column of the file: file, column, row_count, filled_count."""
    columns = [_quoted(name) for name in extract.column_names]
    counts = ["count(*) as row_count"] + [f"count(as_text({c})) as {c}" for c in columns]
    select_counts = ",\n                ".join(counts)
    return f"""    select '{extract.file_name}' as file, "column", row_count, filled_count
    from (
        unpivot (
            select
                {select_counts}
            from {raw_table(extract.stem)}
        )
        on {", ".join(columns)}
        into name "column" value filled_count
    )"""


def field_completeness_sql() -> str:
    """The select that builds `field_completeness` (build.py creates the table from it)."""
    all_files = "\n    union all\n".join(_file_counts(e) for e in EXTRACT_FILES.values())
    return f"""with
all_files as (
{all_files}
),

final as (
    select
        file,
        "column",
        row_count::bigint as row_count,
        filled_count::bigint as filled_count,
        filled_count / nullif(row_count, 0) as filled_share
    from all_files
)

select * from final
"""
