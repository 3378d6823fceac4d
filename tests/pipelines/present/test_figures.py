"""pipelines/present/figures.py: what a load can show, asked once for the dashboard and the
pack: a family's cube or why not, and England's figures written as ours."""

from __future__ import annotations

from datetime import date

import pytest

from neglect_insight.pipelines.load.build import build_models
from neglect_insight.pipelines.present import figures
from tests.helpers import build_load
from tests.sql.indicators.test_prevalence import FILES

PERIOD_END = date(2025, 3, 31)


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    """The prevalence golden fixture (no attendance, early years or all-pupils file), with the
    published DfE figures."""
    conn = build_load(tmp_path_factory.mktemp("figures"), FILES)
    build_models(conn)
    yield conn
    conn.close()


def test_files_not_supplied_say_so(conn):
    missing = figures.missing_files(conn)
    assert {"attendance", "attendance_all_pupils", "early_years"} <= set(missing)
    assert "population" not in missing
    assert missing["attendance"].startswith("Not supplied: this load has no attendance.csv")


def test_a_family_without_its_file_gives_the_reason(conn):
    missing = figures.missing_files(conn)
    assert figures.family_cube(conn, "attendance", PERIOD_END, 12, missing) == (
        missing["attendance"])
    cube = figures.family_cube(conn, "prevalence", PERIOD_END, 12, missing)
    # test_prevalence.py: 6 children = CP 3 + CIN 2 + EH 1
    assert cube.values()["neglect_children_total"].numerator == 6


def test_england_written_as_ours(conn):
    england = figures.england(conn)
    # tests/pipelines/indicators/test_comparators.py: 40.6 per 10,000 at 31 March 2025
    assert england["cp_rate_per_10k"].cell.value == "40.6"
    assert england["cp_rate_per_10k"].period == "31 March 2025"
    assert england["rereferral_12m"].cell.value == "22.6%"
