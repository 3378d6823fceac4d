"""pipelines/load/build.py: `sql/` run in layer order against a load database (macros, staging
views, seeds, model tables); indicator files stay queries, run at question time."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from neglect_insight.pipelines.load import build
from neglect_insight.pipelines.load.build import (
    SEEDS_DIR,
    SQL_ROOT,
    build_macros,
    build_models,
    indicator_sql,
    seed_table,
    sql_files,
)
from tests.helpers import build_load

VALID_DELIVERY = Path(__file__).parents[2] / "fixtures" / "valid_delivery"


def stems(layer: str) -> set[str]:
    return {path.stem for path in (SQL_ROOT / layer).glob("*.sql")}


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    """The valid delivery staged and built, then rebuilt with the published DfE seeds."""
    files = {path.stem: path.read_text() for path in VALID_DELIVERY.glob("*.csv")}
    connection = build_load(tmp_path_factory.mktemp("build"), files)
    build_models(connection)  # a second build replaces every table in place
    yield connection
    connection.close()


def objects(conn: duckdb.DuckDBPyConnection, kind: str) -> set[str]:
    return {name for (name,) in conn.execute(
        "select table_name from duckdb_tables() where ? = 'table' "
        "union all select view_name from duckdb_views() where ? = 'view' and not internal",
        [kind, kind]).fetchall()}


def test_every_staging_file_is_a_view(conn):
    assert stems("staging") <= objects(conn, "view")
    assert not stems("staging") & objects(conn, "table")


def test_every_model_file_is_a_table(conn):
    assert stems("models") <= objects(conn, "table")
    assert not stems("models") & objects(conn, "view")


def test_every_macro_file_makes_the_macro_it_is_named_for(conn):
    macros = {name for (name,) in conn.execute(
        "select function_name from duckdb_functions() "
        "where function_type in ('macro', 'table_macro')").fetchall()}
    assert stems("macros") <= macros


def test_every_seed_file_is_a_text_table(conn):
    seeds = sorted(SEEDS_DIR.glob("*.csv"))
    assert seeds, "the published DfE files are shipped with the project"
    for path in seeds:
        table = seed_table(path.stem)
        types = {t for (t,) in conn.execute(
            "select data_type from duckdb_columns() where table_name = ?", [table]).fetchall()}
        assert types == {"VARCHAR"}, table  # suppression letters such as `c` stay as sent


def test_indicator_files_are_not_built(conn):
    assert not stems("indicators") & (objects(conn, "table") | objects(conn, "view"))


def test_models_answer_from_the_staged_rows(conn):
    # valid_delivery/README.md: five children; P001 (NEG) and P003 (NEG) are neglect plans,
    # P002 is NEG then MUL, so not neglect.
    assert conn.execute("select count(*) from child_profile").fetchall() == [(5,)]
    assert conn.execute("select plan_id from cp_plan_history where is_neglect "
                        "order by plan_id").fetchall() == [("P001",), ("P003",)]


@pytest.mark.parametrize(("stem", "table"), [
    ("Children in need 2025 - table B1", "dfe_children_in_need_2025_table_b1"),
    ("cla_2024", "dfe_cla_2024"),
    ("__odd--name__", "dfe_odd_name"),
])
def test_seed_table_names(stem, table):
    assert seed_table(stem) == table


def test_sql_files_are_listed_in_name_order():
    paths = sql_files("staging")
    assert paths == sorted(paths)
    assert {p.stem for p in paths} == stems("staging")


def test_indicator_sql_is_the_family_file():
    assert indicator_sql("prevalence") == (SQL_ROOT / "indicators" / "prevalence.sql").read_text()
    with pytest.raises(FileNotFoundError):
        indicator_sql("no_such_family")


def _fake_sql_root(tmp_path: Path, macros: dict[str, str], monkeypatch) -> None:
    (tmp_path / "macros").mkdir()
    for name, body in macros.items():
        (tmp_path / "macros" / f"{name}.sql").write_text(body)
    monkeypatch.setattr(build, "SQL_ROOT", tmp_path)


def test_a_file_runs_after_the_files_it_names(tmp_path, monkeypatch):
    # a_quadruple sorts first by name but calls b_double, which DuckDB insists exists first.
    _fake_sql_root(tmp_path, {
        "a_quadruple": "create or replace macro a_quadruple(x) as b_double(b_double(x));",
        "b_double": "create or replace macro b_double(x) as 2 * x;",
    }, monkeypatch)
    with duckdb.connect() as conn:
        build_macros(conn)
        assert conn.execute("select a_quadruple(3)").fetchall() == [(12,)]


def test_files_naming_each_other_in_a_cycle_are_refused(tmp_path, monkeypatch):
    _fake_sql_root(tmp_path, {
        "a_one": "create or replace macro a_one(x) as b_two(x);",
        "b_two": "create or replace macro b_two(x) as a_one(x);",
    }, monkeypatch)
    with duckdb.connect() as conn:
        with pytest.raises(RuntimeError, match=r"cycle: \['a_one', 'b_two'\]"):
            build_macros(conn)
