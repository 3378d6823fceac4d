"""dashboard/data/indicators: its cached sums give the hand-worked figures of the board fixture
(tests/dashboard/conftest.py) and the prevalence golden fixture, for everyone, a part, a quarter
and each breakdown; and the methodology, targets and disclosure helpers."""

from __future__ import annotations

from datetime import date

import pytest

from neglect_insight.dashboard.components.table_with_download import view_table
from neglect_insight.dashboard.data import Load
from neglect_insight.dashboard.data import indicators as data
from neglect_insight.dashboard.data.indicators import cubes, prefetch
from neglect_insight.pipelines.indicators import engine
from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.load.database import current_load
from tests.dashboard.conftest import PERIOD_END
from tests.helpers import build_load, triples
from tests.sql.indicators.test_prevalence import FILES as PREVALENCE_FILES


@pytest.fixture(scope="module")
def prevalence_load(tmp_path_factory) -> Load:
    """The prevalence golden fixture (tests/sql/indicators), as the dashboard opens it."""
    root = tmp_path_factory.mktemp("golden")
    build_load(root, PREVALENCE_FILES).close()
    return Load("golden", None, date(2025, 3, 31), "test", root / "load.duckdb")


def board_load(board_db) -> Load:
    return Load("test", None, PERIOD_END, "test", current_load(board_db))


LEVELS = ("neglect_children_total", "neglect_children_cp", "neglect_children_cin",
          "neglect_children_eh")


def raw(load: Load, months: int = 12, filters: tuple = (), ids=LEVELS) -> dict[str, tuple]:
    """The selection's raw figures from the dashboard's cached cubes, as golden tests write
    them: {id: (numerator, denominator, value)}."""
    values, reasons = cubes.values(load, data.Selection(PERIOD_END, months, filters), ids)
    assert not reasons, reasons
    return triples(values)


def test_values_for_everyone_a_part_and_a_quarter(board_db):
    # tests/dashboard/conftest.py, worked by hand: 20 children, CP 8 (n01-n06, s01, s02) and
    # EH 12; mid-2024 population 10,000; girls are the odd numbers.
    load = board_load(board_db)
    rates = ("neglect_rate_per_10k", "cp_neglect_share_open", "cp_rate_per_10k")
    assert raw(load, ids=LEVELS + rates) == {
        "neglect_children_total": (20, None, 20), "neglect_children_cp": (8, None, 8),
        "neglect_children_cin": (0, None, 0), "neglect_children_eh": (12, None, 12),
        "neglect_rate_per_10k": (20, 10_000, 20.0),   # 20 / 10,000 x 10,000
        "cp_neglect_share_open": (8, 8, 100.0),       # every open plan is for neglect
        "cp_rate_per_10k": (8, 10_000, 8.0),
    }
    north = raw(load, filters=(("locality", "North"),), ids=LEVELS + rates)
    assert north == {
        "neglect_children_total": (12, None, 12), "neglect_children_cp": (6, None, 6),
        "neglect_children_cin": (0, None, 0), "neglect_children_eh": (6, None, 6),
        "neglect_rate_per_10k": (12, None, None),     # no population for a part
        "cp_neglect_share_open": (6, 6, 100.0),
        "cp_rate_per_10k": (6, None, None),
    }
    # Girls: n01, n03, ..., n11 and s01, s03, s05, s07 = 10; on a CP plan n01, n03, n05, s01.
    assert raw(load, filters=(("sex", "F"),)) == {
        "neglect_children_total": (10, None, 10), "neglect_children_cp": (4, None, 4),
        "neglect_children_cin": (0, None, 0), "neglect_children_eh": (6, None, 6)}
    # Boys in the South: s02 (CP), s04, s06, s08.
    assert raw(load, filters=(("sex", "M"), ("locality", "South"))) == {
        "neglect_children_total": (4, None, 4), "neglect_children_cp": (1, None, 1),
        "neglect_children_cin": (0, None, 0), "neglect_children_eh": (3, None, 3)}
    # The quarter January to March 2025: every episode and plan is still open.
    assert raw(load, months=3, ids=("neglect_children_total", "neglect_rate_per_10k")) == {
        "neglect_children_total": (20, None, 20), "neglect_rate_per_10k": (20, 10_000, 20.0)}


def test_values_from_the_optional_files(board_db):
    # conftest: children on a CP plan (and so in need) missed 30 of 100 sessions, the others 10:
    # early help and neglect (all 20) 360 / 2,000 = 18.0%; CIN and CP (the 8) 240 / 800 = 30.0%;
    # every child persistently absent (10% or more), none severely (50% or more); take-up
    # 65 of 100 two-year-olds.
    got = raw(board_load(board_db), ids=(
        "attendance_absence_rate_eh", "attendance_absence_rate_cin", "attendance_absence_rate_cp",
        "attendance_absence_rate_neglect", "attendance_persistent_eh", "attendance_severe_eh",
        "fras_2yo_takeup"))
    assert {i: value for i, (_, _, value) in got.items()} == {
        "attendance_absence_rate_eh": 18.0, "attendance_absence_rate_cin": 30.0,
        "attendance_absence_rate_cp": 30.0, "attendance_absence_rate_neglect": 18.0,
        "attendance_persistent_eh": 100.0, "attendance_severe_eh": 0.0, "fras_2yo_takeup": 65.0}
    assert got["fras_2yo_takeup"][:2] == (65, 100)


def test_a_family_whose_optional_file_was_not_sent_has_a_reason(prevalence_load):
    # The prevalence golden fixture sends no attendance or early years files.
    values, reasons = cubes.values(prevalence_load, data.Selection(PERIOD_END),
                                   ("neglect_children_total", "attendance_absence_rate_eh",
                                    "fras_2yo_takeup"))
    assert set(reasons) == {"attendance", "early_years"}
    assert triples(values) == {"neglect_children_total": (6, None, 6)}  # CP 3 + CIN 2 + EH 1


def test_breakdowns_in_reading_order(board_db, prevalence_load):
    load, everyone = board_load(board_db), data.Selection(PERIOD_END)

    def parts(load, indicator_id, dimension, sel=everyone):
        found = cubes.family_breakdown(load, indicator_id, dimension, sel)
        return [(part, (v.numerator, v.denominator, v.value)) for part, v in found]

    assert parts(load, "neglect_children_total", "locality") == [
        ("North", (12, None, 12)), ("South", (8, None, 8))]
    assert parts(load, "cp_neglect_share_open", "locality") == [
        ("North", (6, 6, 100.0)), ("South", (2, 2, 100.0))]
    # Every child was born in June 2015: 9 at 31 March 2025; none has a disability.
    assert parts(load, "neglect_children_total", "age_band") == [("5 to 9", (20, None, 20))]
    assert parts(load, "neglect_children_total", "disability") == [
        ("Not disabled", (20, None, 20))]
    girls = data.Selection(PERIOD_END, 12, (("sex", "F"),))
    assert parts(load, "neglect_children_total", "locality", girls) == [
        ("North", (6, None, 6)), ("South", (4, None, 4))]
    # test_prevalence.py: boys c2, c8 = 2, girls c1, c3, c5, c9 = 4; males are read first.
    assert parts(prevalence_load, "neglect_children_total", "sex") == [
        ("M", (2, None, 2)), ("F", (4, None, 4))]


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


def test_every_catalogue_indicator_has_a_methodology_entry(board_db):
    methods = data.methodology(board_load(board_db))
    assert [m.indicator_id for m in methods] == list(catalogue())
    assert all(m.definition and m.sources and m.unit and m.better for m in methods)
    cp_rate = next(m for m in methods if m.indicator_id == "cp_rate_per_10k")
    assert cp_rate.england == ("40.6 per 10,000 children (31 March 2025; DfE, Children in "
                               "need 2025; ONS mid-year population estimates)")


def test_a_family_without_its_sql_says_why(board_db, monkeypatch):
    """As while a family's SQL is still being written: the view explains, nothing raises."""
    prefetch.WORKER.submit(lambda: None).result()  # no background work while engine is patched

    def no_sql(family):
        raise FileNotFoundError(family)

    monkeypatch.setattr(engine, "_family_sql", no_sql)
    cubes.cube.clear()
    cubes._recent_cubes.clear()
    try:
        view = data.indicator_values(board_load(board_db), data.Selection(date(2024, 9, 30)),
                                     ("cpp_neglect_repeat", "cpp_starts"))
    finally:
        cubes.cube.clear()  # forget the patched answers
        cubes._recent_cubes.clear()
    assert view.rows.empty
    assert view.unavailable == ("Repeat plans and plan durations figures are not available in "
                                "this load: this version of Neglect Insight does not compute "
                                "them yet.")


def test_selection_periods_in_words():
    sel = data.Selection(date(2025, 3, 31), 3, (("sex", "F"), ("ethnicity_group", "B")))
    assert sel.period_text == "Q4 2024-25 (1 January 2025 to 31 March 2025)"
    assert sel.population_text == "Sex: Female; Ethnicity group: Black or Black British"
    assert sel.moved(-3).period_end == date(2024, 12, 31)
    assert data.Selection(date(2025, 6, 30)).moved(-3).period_end == date(2025, 3, 31)
