"""Stage a delivery: read its files into raw_ tables (`pipelines.delivery`), then build the
macros and staging views over them (`build.build_staging`); `keep_staged_rows` lets one
connection read each view's conversions once."""

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


def keep_staged_rows(conn: duckdb.DuckDBPyConnection) -> None:
    """Keep each staging view's rows, for this connection only, as a temporary table of the
    same name (DuckDB reads the temporary schema first). The checks and the models read a
    view many times (every contract, every cross-file rule, every model), and each read ran
    the view's conversions again (issue 11: about 0.9 s of a large-la ingest); the load file
    keeps the views over the raw tables. Call it once the raw tables are final."""
    views = conn.execute(
        "select view_name from duckdb_views() where schema_name = 'main' and not temporary "
        "and not internal and starts_with(view_name, 'stg_') order by view_name").fetchall()
    for (view,) in views:
        conn.execute(f'create or replace temp table "{view}" as select * from main."{view}"')
