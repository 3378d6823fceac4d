"""dashboard/data/indicators.py: its cached sums give exactly what the engine gives, for every
indicator, filter and breakdown; and the methodology, targets and disclosure helpers."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from neglect_insight.dashboard.components.table_with_download import view_table
from neglect_insight.dashboard.data import Load
from neglect_insight.dashboard.data import indicators as data
from neglect_insight.pipelines.indicators import engine
from neglect_insight.pipelines.indicators.catalogue import catalogue, families
from neglect_insight.pipelines.load.database import current_load

from tests.dashboard.conftest import PERIOD_END
from tests.helpers import build_load
from tests.sql.indicators.test_prevalence import FILES as PREVALENCE_FILES

FILTERS = [(), (("locality", "North"),), (("sex", "F"),), (("age_band", "5 to 9"),),
           (("disability", "Not recorded"),), (("ethnicity_group", "W"), ("locality", "South"))]


@pytest.fixture(scope="module")
def prevalence_load(tmp_path_factory) -> Load:
    """The prevalence golden fixture (tests/sql/indicators), as the dashboard opens it."""
    root = tmp_path_factory.mktemp("golden")
    build_load(root, PREVALENCE_FILES).close()
    return Load("golden", None, date(2025, 3, 31), "test", root / "load.duckdb")


def board_load(board_db) -> Load:
    return Load("test", None, PERIOD_END, "test", current_load(board_db))


@pytest.mark.parametrize(("which", "without"), [("board", set()),
                                                ("golden", {"attendance", "early_years"})])
@pytest.mark.parametrize("months", [12, 3])
def test_values_equal_the_engine(board_db, prevalence_load, which, without, months):
    load = board_load(board_db) if which == "board" else prevalence_load
    with duckdb.connect(str(load.file), read_only=True) as conn:
        for filters in FILTERS:
            sel = data.Selection(PERIOD_END, months, filters)
            ours, reasons = data._values(load, sel, list(catalogue()))
            assert set(reasons) == without  # families whose optional file was not sent
            for family in set(families()) - without:
                expected = engine.compute(conn, PERIOD_END, months, dict(filters),
                                          engine.family_ids(family))
                assert {i: ours[i] for i in expected} == expected, (family, filters)


@pytest.mark.parametrize("dimension", list(engine.DIMENSIONS))
def test_breakdowns_equal_the_engine(prevalence_load, dimension):
    with duckdb.connect(str(prevalence_load.file), read_only=True) as conn:
        for indicator_id in ("neglect_children_total", "cp_neglect_share_open"):
            for filters in FILTERS[:3]:
                sel = data.Selection(PERIOD_END, 12, filters)
                ours = data._family_breakdown(prevalence_load, indicator_id, dimension, sel)
                expected = engine.breakdown(conn, indicator_id, dimension, PERIOD_END, 12,
                                            dict(filters))
                assert sorted(ours) == sorted(expected)


def test_breakdown_in_reading_order_with_plain_labels(prevalence_load):
    # test_prevalence.py: girls c1, c3, c5, c9 = 4, boys c2, c8 = 2: both small, so `c`.
    view = data.breakdown(prevalence_load, data.Selection(PERIOD_END), "neglect_children_total",
                          "sex")
    assert list(zip(view.rows["category"], view.rows["value"], strict=True)) == [
        ("Male", "c"), ("Female", "c")]
    assert view.suppressed
    ages = data.breakdown(prevalence_load, data.Selection(PERIOD_END), "neglect_children_total",
                          "age_band")
    assert list(ages.rows["category"]) == ["Under 1", "1 to 4", "5 to 9", "10 to 15"]


def test_the_download_is_the_table_shown(prevalence_load):
    view = data.prevalence_split(prevalence_load, data.Selection(PERIOD_END))
    # Golden fixture: EH 1, CIN 2, CP 3, total 6; every level is a small count.
    table = view_table(view, "Children")
    assert table.to_csv(index=False).splitlines() == [
        "Highest level of neglect identification,Children",
        "Early help,c", "Children in need,c", "Child protection,c", "Total,6"]


def test_every_catalogue_indicator_has_a_methodology_entry():
    methods = data.methodology()
    assert [m.indicator_id for m in methods] == list(catalogue())
    assert all(m.definition and m.sources and m.unit and m.better for m in methods)
    cp_rate = next(m for m in methods if m.indicator_id == "cp_rate_per_10k")
    assert cp_rate.england == ("40.6 per 10,000 children (31 March 2025; DfE, Children in "
                               "need 2025)")


def test_a_family_without_its_sql_says_why(board_db, monkeypatch):
    """As while a family's SQL is still being written: the view explains, nothing raises."""
    data._PREFETCH.submit(lambda: None).result()  # no background work while engine is patched

    def no_sql(family):
        raise FileNotFoundError(family)

    monkeypatch.setattr(engine, "_profiled_sql", no_sql)
    data._cube.clear()
    try:
        view = data.indicator_values(board_load(board_db), data.Selection(date(2024, 9, 30)),
                                     ("cpp_neglect_repeat", "cpp_starts"))
    finally:
        data._cube.clear()  # forget the patched answers
    assert view.rows.empty
    assert view.unavailable == ("Repeat plans and plan durations figures are not available in "
                                "this load: this version of Neglect Insight does not compute "
                                "them yet.")


def test_journey_links_hidden_when_the_others_would_reveal_them():
    link = engine.JourneyLink
    # Assessment: 9 arrive (3 + 6) and 9 leave (9), so a hidden 3 in is 9 - 6: hide one more,
    # on the leaving side, and only the difference of the two is known.
    links = [link("Referral", "Assessment", 3),      # small: hidden
             link("Early help", "Assessment", 6),
             link("Assessment", "Closed", 9),        # hidden: would give the 3 away
             link("Early help", "Closed", 40)]       # early help's total is not shown: safe
    assert data._journey_hidden(links) == [True, False, True, False]
    # A step where journeys also start (more leave than arrive) tells nothing.
    assert data._journey_hidden([link("Early help", "Referral", 3),
                                 link("Referral", "Closed", 50)]) == [True, False]


def test_selection_periods_in_words():
    sel = data.Selection(date(2025, 3, 31), 3, (("sex", "F"), ("ethnicity_group", "B")))
    assert sel.period_text == "Q4 2024-25 (1 January 2025 to 31 March 2025)"
    assert sel.population_text == "Sex: Female; Ethnicity group: Black or Black British"
    assert sel.moved(-3).period_end == date(2024, 12, 31)
    assert data.Selection(date(2025, 6, 30)).moved(-3).period_end == date(2025, 3, 31)
