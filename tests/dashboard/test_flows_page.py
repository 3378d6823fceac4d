"""The flows page: children's journeys as Sankey links, small links suppressed."""

from __future__ import annotations

from neglect_insight.dashboard.components.filters import widget_key
from tests.dashboard.conftest import open_app

PAGE = "pages/flows.py"


def links(at) -> dict[tuple[str, str], str]:
    table = at.dataframe[0].value
    return {(a, b): n for a, b, n in zip(table["From"], table["To"], table["Children"],
                                           strict=True)}


def test_journeys_of_the_hand_worked_children(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, PAGE)
    # conftest: all 20 in early help, still open; 8 referred (no assessment) onto a CP plan.
    assert at.subheader[0].value == ("20 of 20 children known to services in the period were "
                                     "still open at its end")
    assert links(at) == {
        ("Early help", "Referral"): "8",
        ("Early help", "Still open"): "12",
        ("Referral", "Child protection plan"): "8",
        ("Child protection plan", "Still open"): "8",
    }


def test_small_journeys_are_suppressed(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, PAGE)
    at.sidebar.selectbox(key=widget_key("locality")).set_value("South").run()
    # South: the 2 children referred are a small count on every link of their path; the 6
    # still in early help stay shown, as early help's total is not on the page.
    assert links(at) == {
        ("Early help", "Referral"): "c",
        ("Early help", "Still open"): "6",
        ("Referral", "Child protection plan"): "c",
        ("Child protection plan", "Still open"): "c",
    }
    assert at.subheader[0].value == ("Children's journeys through services: some small flows "
                                     "are not shown")
