"""Run `sql/` in layer order against a load database.

Layers (STYLE.md): macros → staging views (clean and type) → seeds (published DfE figures
shipped with the project, and England and Wales bank holidays) → models (tables: episodes and
child timelines). Indicator files are
not built: they are parameterised queries (`$period_start`, `$period_end`) that
`pipelines.indicators` runs at question time, so a read-only database answers any period.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import duckdb

SQL_ROOT = Path(str(resources.files("neglect_insight.sql")))
SEEDS_DIR = SQL_ROOT / "seeds" / "dfe"


def sql_files(layer: str) -> list[Path]:
    return sorted((SQL_ROOT / layer).glob("*.sql"))


def build_macros(conn: duckdb.DuckDBPyConnection) -> None:
    for path in sql_files("macros"):
        conn.execute(path.read_text())


def build_staging(conn: duckdb.DuckDBPyConnection) -> None:
    """Macros and one staging view per extract file (each reads raw_<stem>)."""
    build_macros(conn)
    for path in sql_files("staging"):
        conn.execute(f"create or replace view {path.stem} as\n{path.read_text()}")


def seed_table(stem: str) -> str:
    return "dfe_" + re.sub(r"[^a-z0-9]+", "_", stem.lower()).strip("_")


def build_seeds(conn: duckdb.DuckDBPyConnection) -> None:
    """Published DfE/ONS comparators as text tables `dfe_<file stem>` (letters such as `c`, `x`
    stay as they are; models turn them into missing values with a reason)."""
    for path in sorted(SEEDS_DIR.glob("*.csv")):
        conn.execute(
            f"create or replace table {seed_table(path.stem)} as select * from read_csv(?, "
            "all_varchar = true, header = true)",
            [str(path)],
        )


def _model_order(paths: list[Path]) -> list[Path]:
    """Models in dependency order: a model is built after every model its SQL names."""
    names = {p.stem: p for p in paths}
    deps = {
        p.stem: {n for n in names if n != p.stem and re.search(rf"\b{n}\b", p.read_text())}
        for p in paths
    }
    ordered: list[Path] = []
    done: set[str] = set()
    while len(done) < len(names):
        ready = sorted(n for n in names if n not in done and deps[n] <= done)
        if not ready:
            cycle = sorted(set(names) - done)
            raise RuntimeError(f"models depend on each other in a cycle: {cycle}")
        for n in ready:
            ordered.append(names[n])
            done.add(n)
    return ordered


def build_models(conn: duckdb.DuckDBPyConnection, seeds: bool = True) -> None:
    """Seeds and the bank-holiday calendar, then every model as a table (built once per load,
    read many times). Tests of single models may skip the seeds, which no model reads."""
    from neglect_insight.pipelines.indicators.working_days import create_bank_holidays

    if seeds:
        build_seeds(conn)
    create_bank_holidays(conn)
    for path in _model_order(sql_files("models")):
        conn.execute(f"create or replace table {path.stem} as\n{path.read_text()}")


def indicator_sql(family: str) -> str:
    return (SQL_ROOT / "indicators" / f"{family}.sql").read_text()
