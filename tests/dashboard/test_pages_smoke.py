"""Every page that dashboard/app.py registers runs on a small built load, on a load without the
optional files, and before any load, without an exception (STYLE.md, "Tests mirror code")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from neglect_insight.dashboard import APP_PATH
from neglect_insight.dashboard.components.page import NO_LOAD
from neglect_insight.pipelines.load.database import switch_current
from tests.dashboard.conftest import FILES, open_app
from tests.helpers import build_load


def registered_pages() -> list[str]:
    """Scripts of the pages st.navigation registers, relative to app.py, in app.py's order
    (read from a run with no load, so no database is opened)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEGLECT_INSIGHT_DB", str(APP_PATH.parent / "no-such-load.duckdb"))
        at = AppTest.from_file(str(APP_PATH), default_timeout=60)
        at.run()
    return [str(Path(info["script_path"]).relative_to(APP_PATH.parent))
            for info in at._registered_pages.values()]


PAGES = registered_pages()
BOARD_PAGES = [p for p in PAGES if p not in ("pages/methodology.py", "pages/data_quality.py",
                                              "pages/audit.py")]


def test_app_registers_the_pages_of_the_issue():
    assert PAGES == [
        "pages/overview.py", "pages/board_pack.py", "pages/prevalence.py", "pages/repeat_plans.py",
        "pages/rereferrals.py", "pages/attendance.py", "pages/drift.py", "pages/flows.py",
        "pages/cooccurring_factors.py", "pages/practice.py", "pages/methodology.py",
        "pages/data_quality.py", "pages/rows_behind.py", "pages/audit.py",
    ]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_a_built_load(board_db, monkeypatch, page):
    at = open_app(board_db, monkeypatch, page)
    assert at.title, f"{page} shows no title"
    assert not at.exception


# Headline figures that need an optional file: rates per 10,000 need population.csv, absence
# attendance.csv, take-up early_years.csv.
NEEDS_AN_OPTIONAL_FILE = ("Neglect rate per 10,000", "CP rate per 10,000", "Absence, early help",
                          "Two-year-old take-up")


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_the_optional_files(minimal_db, monkeypatch, page):
    at = open_app(minimal_db, monkeypatch, page)
    assert at.title, f"{page} shows no title"
    for metric in at.metric:
        if metric.label in NEEDS_AN_OPTIONAL_FILE:  # no number without its file
            assert not any(c.isdigit() for c in metric.value), (page, metric.label, metric.value)
    if page == "pages/attendance.py":
        assert all("attendance.csv" in i.value for i in at.info) and at.info


def test_without_the_optional_files_the_overview_leaves_their_figures_out(
        board_db, minimal_db, monkeypatch):
    # tests/dashboard/conftest.py, worked by hand: with every file, neglect 20.0 per 10,000,
    # early help absence 18.0% and take-up 65.0%; without the optional files, none of them.
    def shown(db):
        at = open_app(db, monkeypatch, "pages/overview.py")
        return {m.label: m.value for m in at.metric if m.label in NEEDS_AN_OPTIONAL_FILE}

    everything, without = shown(board_db), shown(minimal_db)
    assert everything == {"Neglect rate per 10,000": "20.0", "Absence, early help": "18.0%",
                          "Two-year-old take-up": "65.0%"}
    assert without.keys() == everything.keys()
    assert not any(c.isdigit() for value in without.values() for c in value)


@pytest.mark.parametrize("page", BOARD_PAGES)
def test_page_explains_when_nothing_is_loaded(tmp_path, monkeypatch, page):
    at = open_app(tmp_path / "no-load-yet.duckdb", monkeypatch, page)
    assert [i.value for i in at.info] == [NO_LOAD]


def test_a_load_with_no_whole_quarter_explains(tmp_path, monkeypatch):
    # Extract date 15 June 2024, a fortnight after the first episode: no quarter end yet.
    root = tmp_path / "early"
    build_load(root, FILES, extract_date=date(2024, 6, 15)).close()
    switch_current(root / "neglect.duckdb", root / "load.duckdb")
    at = open_app(root / "neglect.duckdb", monkeypatch, "pages/prevalence.py")
    assert "does not cover a whole quarter yet" in at.info[0].value
    assert not at.dataframe
