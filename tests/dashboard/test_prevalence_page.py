"""The neglect prevalence page on the hand-worked partnership of conftest.py: its numbers, the
locality filter, disclosure control and a load without population.csv."""

from __future__ import annotations

import duckdb

from neglect_insight.dashboard.components.filters import widget_key
from neglect_insight.pipelines.indicators.engine import compute
from neglect_insight.pipelines.present.states import suppression_note
from tests.dashboard.conftest import PERIOD_END, open_app

PAGE = "pages/prevalence.py"
SUPPRESSION_NOTE = suppression_note(5)
SPLIT_HEADER = "Highest level of neglect identification"


def split_table(at) -> dict[str, str]:
    """The table beside the early help / children in need / child protection split."""
    table = at.dataframe[0].value
    return dict(zip(table[SPLIT_HEADER], table["Children"], strict=True))


def choose(at, name: str, value) -> None:
    at.sidebar.selectbox(key=widget_key(name)).set_value(value)
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_split_adds_up_to_the_hand_worked_total(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, PAGE)
    # conftest: everyone 20 = CP 8 + CIN 0 + EH 12; the most at early help.
    assert split_table(at) == {"Early help": "12", "Children in need": "0",
                               "Child protection": "8", "Total": "20"}
    assert at.subheader[0].value == ("20 children had neglect identified; the most at early "
                                     "help (12)")


def test_rates_per_10000_children(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, PAGE)
    # 20 / 10,000 x 10,000 = 20.0; CP plans open at period end 8 -> 8.0; all 8 are neglect.
    assert [(m.label, m.value) for m in at.metric] == [
        ("Neglect rate per 10,000", "20.0"),
        ("CP rate per 10,000", "8.0"),
        ("CP plans for neglect", "100.0%"),
    ]


def test_locality_north_shows_fewer_children(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, PAGE)
    choose(at, "locality", "North")
    # North: 12 = CP 6 + CIN 0 + EH 6 (fewer than everyone's 20).
    assert split_table(at) == {"Early help": "6", "Children in need": "0",
                               "Child protection": "6", "Total": "12"}
    assert "Locality: North" in at.caption[0].value


def test_shown_number_equals_the_engine_for_the_same_filters(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, PAGE)
    choose(at, "sex", "F")
    with duckdb.connect(str(board_db), read_only=True) as conn:
        engine = compute(conn, PERIOD_END, 12, {"sex": "F"})
    shown = split_table(at)
    assert shown["Total"] == f"{engine['neglect_children_total'].numerator:,}"
    # and by hand: girls are the odd-numbered children, n01..n11 and s01..s07 = 6 + 4 = 10;
    # of them on a CP plan n01, n03, n05, s01 = 4, a small count, so CP and EH show as c.
    assert shown == {"Early help": "c", "Children in need": "0", "Child protection": "c",
                     "Total": "10"}


def test_small_counts_are_suppressed_and_the_page_says_so(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, PAGE)
    assert SUPPRESSION_NOTE not in " ".join(c.value for c in at.caption)
    choose(at, "locality", "South")
    # South: CP 2 is suppressed; EH 6 would reveal it from the total 8, so it is hidden too.
    assert split_table(at) == {"Early help": "c", "Children in need": "0",
                               "Child protection": "c", "Total": "8"}
    assert any(SUPPRESSION_NOTE in c.value for c in at.caption)


def test_filters_are_kept_across_pages(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, PAGE)
    choose(at, "locality", "North")
    at.switch_page("pages/repeat_plans.py").run()
    assert at.sidebar.selectbox(key=widget_key("locality")).value == "North"
    at.switch_page(PAGE).run()
    assert split_table(at)["Total"] == "12"


def test_a_load_without_population_explains_the_missing_rates(minimal_db, monkeypatch):
    at = open_app(minimal_db, monkeypatch, PAGE)
    assert split_table(at)["Total"] == "20"  # counts need no population
    assert at.metric[0].value == "Not supplied"  # the rate needs population.csv, never 0
    assert any("no population.csv" in c.value for c in at.caption)
