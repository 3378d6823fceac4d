"""Every comparator the product shows comes from a row of a shipped seed file: the value is
checked here against that row, read with the csv module (not through the published models)."""

import csv
from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pytest

from neglect_insight.pipelines.indicators import comparators
from neglect_insight.pipelines.indicators.catalogue import ComparatorRef, catalogue
from neglect_insight.pipelines.indicators.comparators import comparator, england, england_all
from neglect_insight.pipelines.load.build import SEEDS_DIR, SQL_ROOT, build_seeds

WITH_COMPARATOR = [i for i, ind in catalogue().items() if ind.comparator]

# England's figures, checked by hand against shared spec reference.md (published 2025).
EXPECTED = {
    "cp_rate_per_10k": (40.6, "31 March 2025"),   # 49,420 / 12,183,016 (mid-2024) * 10,000
    "cpp_second_or_subsequent": (24.5, "2024-25"),
    "cpp_open_2y_plus": (2.3, "31 March 2025"),
    "referrals": (632830.0, "2024-25"),
    "rereferral_12m": (22.6, "2024-25"),
    "attendance_absence_rate_cin": (17.4, "2024/25"),
    "attendance_persistent_cin": (46.0, "2024/25"),
    "attendance_severe_cin": (11.3, "2024/25"),
    "attendance_absence_rate_cp": (21.8, "2024/25"),
    "attendance_persistent_cp": (55.4, "2024/25"),
    "attendance_severe_cp": (15.4, "2024/25"),
}


@pytest.fixture(scope="module")
def conn():
    conn = duckdb.connect()
    build_seeds(conn)
    sql = (SQL_ROOT / "models" / "published_measures.sql").read_text()
    conn.execute(f"create table published_measures as\n{sql}")
    yield conn
    conn.close()


def seed_row(cell) -> dict[str, str]:
    """Line `cell.line` of the seed file (line 1 is the header), as {column: text}."""
    with (SEEDS_DIR / cell.file).open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    return dict(zip(lines[0], lines[cell.line - 1], strict=True))


@pytest.mark.parametrize("indicator_id", WITH_COMPARATOR)
def test_the_england_value_is_the_one_in_its_seed_row(conn, indicator_id):
    found = england(conn, indicator_id)
    row = seed_row(found.cells[0])
    assert row["geographic_level"] == "National" and row["time_period"] == found.time_period
    if len(found.cells) == 1:
        assert float(row[found.cells[0].column]) == found.value
    else:  # a rate per 10,000: the count over the population of the mid-year before
        population = seed_row(found.cells[1])
        assert population["geographic_level"] == "National"
        assert int(population["time_period"]) == int(found.time_period) - 1
        rate = (Decimal(row[found.cells[0].column]) * 10_000
                / Decimal(population[found.cells[1].column]))
        assert float(rate.quantize(Decimal("0.1"), ROUND_HALF_UP)) == found.value


def test_england_figures_are_the_published_2025_ones(conn):
    assert {i: (c.value, c.period) for i, c in england_all(conn).items()} == EXPECTED
    assert england(conn, "rereferral_12m").source == "DfE, Children in need 2025"


def test_no_figure_is_borrowed_where_nothing_published_measures_the_same(conn):
    # 50.5% of CP plans for neglect is from 2020; 15.9% counts plans that ended, not plans open;
    # no early years file is shipped.
    for indicator_id in ("cp_neglect_share_open", "cpp_ended_within_3m", "fras_2yo_takeup"):
        assert catalogue()[indicator_id].comparator is None
        assert england(conn, indicator_id) is None


def test_every_measure_the_catalogue_names_is_published(conn):
    published = {m for (m,) in conn.execute("select distinct measure from published_measures")
                 .fetchall()}
    for indicator_id in WITH_COMPARATOR:
        ref = catalogue()[indicator_id].comparator
        assert {ref.measure, ref.per_10k_of} - {None} <= published, indicator_id


def test_a_local_authority_is_read_from_its_own_row(conn):
    found = comparator(conn, "rereferral_12m", area_code="E08000025")
    row = seed_row(found.cells[0])
    assert (row["la_name"], row["new_la_code"]) == ("Birmingham", "E08000025")
    assert float(row["rereferral_percent"]) == found.value and found.area_name == "Birmingham"


def test_same_year_takes_only_the_published_year_containing_the_period_end(conn, monkeypatch):
    same_year = ComparatorRef("rereferrals_within_12m_percent", "same_year")
    patched = {**catalogue(), "rereferral_12m": replace(catalogue()["rereferral_12m"],
                                                        comparator=same_year)}
    monkeypatch.setattr(comparators, "catalogue", lambda: patched)
    year_to_march_2023 = england(conn, "rereferral_12m", date(2023, 3, 31))
    assert (year_to_march_2023.value, year_to_march_2023.period) == (22.4, "2022-23")
    assert england(conn, "rereferral_12m", date(2025, 6, 30)) is None  # 2025-26 not published
    assert england(conn, "rereferral_12m").period == "2024-25"  # no period: the latest


def test_a_load_without_published_tables_has_no_comparators():
    assert england_all(duckdb.connect()) == {}
