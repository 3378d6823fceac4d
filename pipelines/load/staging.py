"""Stage a delivery: read its files into raw_ tables (`pipelines.delivery`), then build the
macros and staging views over them (`build.build_staging`)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from neglect_insight.pipelines.delivery import Progress, read_delivery
from neglect_insight.pipelines.delivery_types import StagedDelivery
from neglect_insight.pipelines.load.build import build_staging


def stage(conn: duckdb.DuckDBPyConnection, folder: Path,
          progress: Progress | None = None) -> StagedDelivery:
    """Check every file's format, load the sound ones as raw_ tables, build staging views."""
    staged = read_delivery(conn, folder, progress)
    if folder.is_dir():  # no folder: nothing was read, so there is nothing to stage
        build_staging(conn)
    return staged
