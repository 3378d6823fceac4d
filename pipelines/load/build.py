"""Run `sql/` in layer order against a load database.

Layers (STYLE.md): macros → staging views (clean and type) → seeds (published DfE figures
shipped with the project) and the bank-holiday calendar → models (tables: episodes,
child profiles, service events; `field_completeness`, generated from the extract contract) →
table macros over the models, which indicator files call. Indicator files are not built: they
are parameterised queries (`$period_start`, `$period_end`) that `pipelines.indicators` runs at
question time, so a read-only database answers any period.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import duckdb

from neglect_insight.pipelines.load.bank_holidays import create_bank_holidays
from neglect_insight.pipelines.load.field_completeness import field_completeness_sql

SQL_ROOT = Path(str(resources.files("neglect_insight.sql")))
SEEDS_DIR = SQL_ROOT / "seeds" / "dfe"
PUBLISHED_PREFIX = "published_"  # models over the seeds: sql/models/published_*.sql


def sql_files(layer: str) -> list[Path]:
    return sorted((SQL_ROOT / layer).glob("*.sql"))


def _reads_models(path: Path) -> bool:
    return any(re.search(rf"\b{model.stem}\b", path.read_text()) for model in sql_files("models"))


def build_macros(conn: duckdb.DuckDBPyConnection, over_models: bool = False) -> None:
    """The macros that read no model (staging and models use them), or with `over_models` the
    table macros over the models that indicator queries call. DuckDB checks the tables and
    functions a macro names when it is created: hence two steps, each in dependency order."""
    paths = [path for path in sql_files("macros") if _reads_models(path) == over_models]
    for path in _dependency_order(paths):
        conn.execute(path.read_text())


def build_staging(conn: duckdb.DuckDBPyConnection) -> None:
    """Macros and one staging view per extract file (each reads raw_<stem>)."""
    build_macros(conn)
    for path in sql_files("staging"):
        conn.execute(f"create or replace view {path.stem} as\n{path.read_text()}")


def seed_table(stem: str) -> str:
    return "dfe_" + re.sub(r"[^a-z0-9]+", "_", stem.lower()).strip("_")


# The seed files' CSV dialect (RFC 4180: comma, double quotes, a quote doubled inside quotes),
# given so that DuckDB does not sniff it from each file: half the seeds' load time, the same
# tables (tests/pipelines/load/test_build_speed.py compares them with sniffed reads). Line
# ends are still detected: hand-made seed files in tests end lines with \r\n.
SEED_DIALECT = "delim = ',', quote = '\"', escape = '\"'"


def build_seeds(conn: duckdb.DuckDBPyConnection) -> None:
    """Published DfE/ONS comparators as text tables `dfe_<file stem>` (letters such as `c`, `x`
    stay as they are; models turn them into missing values with a reason)."""
    for path in sorted(SEEDS_DIR.glob("*.csv")):
        conn.execute(
            f"create or replace table {seed_table(path.stem)} as select * from read_csv(?, "
            f"all_varchar = true, header = true, {SEED_DIALECT})",
            [str(path)],
        )


def _dependency_order(paths: list[Path]) -> list[Path]:
    """SQL files in dependency order: a file runs after every file of `paths` its SQL names."""
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
            raise RuntimeError(f"SQL files depend on each other in a cycle: {cycle}")
        for n in ready:
            ordered.append(names[n])
            done.add(n)
    return ordered


def build_models(conn: duckdb.DuckDBPyConnection, seeds: bool = True) -> None:
    """Seeds and the bank-holiday calendar, then every model as a table (built once per load,
    read many times). Tests of single models may skip the seeds, and with them the
    `published_*` models that read them.

    The seeds are committed first: `published_*` models number source lines from the seeds'
    `rowid`, which is only the row's position once the seed table is committed. Everything
    after them is one transaction: a commit of a large table writes a checkpoint, so one
    commit instead of one per table saves a checkpoint (and its disk sync) per model. Should
    a step fail, nothing of the models is kept."""
    if seeds:
        build_seeds(conn)
    conn.execute("begin transaction")
    try:
        create_bank_holidays(conn)
        for path in _dependency_order(sql_files("models")):
            if not seeds and path.stem.startswith(PUBLISHED_PREFIX):
                continue
            conn.execute(f"create or replace table {path.stem} as\n{path.read_text()}")
        conn.execute(f"create or replace table field_completeness as\n{field_completeness_sql()}")
        build_macros(conn, over_models=True)
        conn.execute("commit")
    except BaseException:
        try:
            conn.execute("rollback")
        except duckdb.Error:
            pass  # no transaction left to undo (a failed commit ends it): the failure stands
        raise


def indicator_sql(family: str) -> str:
    return (SQL_ROOT / "indicators" / f"{family}.sql").read_text()
