"""Official formats in a delivery folder (CIN census XML, Annex A workbook), detected by content
and converted to the canonical CSV form before staging.

Conversion is not built yet: such files are reported as unknown files and ignored, never
half-read. (Tracked in the issue notes.)
"""

from __future__ import annotations

from pathlib import Path

from pipelines.validate.findings import Finding


def convert_official_formats(
    others: list[Path], known: dict[str, Path]
) -> tuple[dict[str, Path], list[Path], list[Finding]]:
    """Converted files by stem, the files still unknown, and any conversion findings."""
    return {}, others, []
