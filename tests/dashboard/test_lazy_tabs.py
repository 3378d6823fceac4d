"""Issue 11 (speed): the browser draws only what is on screen.

- A tab set (a breakdown's five dimensions, attendance's three measures, the comparison
  section's indicators) draws only the chosen tab's chart and table; choosing another tab
  (`st.session_state[key]`, as the browser's click sets it) draws that tab's instead, and the
  choice survives a period change.
- Chart, table-download and tab keys name what is shown, never the period or filters, so a
  period or filter change keeps every key on the page, and every download button as the same
  element. (A chart's element id is still new when its figure changes: Streamlit 1.67 hashes
  the figure into it whatever the key.)

Run on the board load of conftest.py (data to 31 March 2025) and, for the Practice page, on
the practice fixture of test_practice_page.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from neglect_insight.dashboard.components.filters import widget_key
from neglect_insight.dashboard.data.indicators import current_load, period_ends
from neglect_insight.pipelines.indicators import engine
from tests.dashboard.conftest import open_app
from tests.dashboard.test_comparisons import NAME, two_las  # noqa: F401 (a fixture)
from tests.dashboard.test_practice_page import FILES as PRACTICE_FILES
from tests.dashboard.test_practice_page import _open as open_practice
from tests.dashboard.test_practice_page import _store as practice_store

BREAKDOWN_LABELS = [f"By {name.lower()}" for name in engine.DIMENSIONS.values()]


def _tab_set(at, labels: list[str]):
    """The tabs of the one tab set on the page with these labels."""
    tabs = [t for t in at.tabs if t.label in labels]
    assert [t.label for t in tabs] == labels, [t.label for t in at.tabs]
    return tabs


def _y_labels(tab) -> list[list[str]]:
    """The category axis of each chart drawn in a tab (a breakdown's bars: one per group)."""
    return [json.loads(c.proto.spec)["data"][0]["y"] for c in tab.get("plotly_chart")]


def _key_of(element_id: str) -> str:
    """The key an element was given: Streamlit ends the element's id with it."""
    return element_id.split("-", 2)[-1]


def _breakdown_key(at) -> str:
    [key] = [k for k in at.session_state.keys() if str(k).startswith("bars-tabs-")]
    return key


def test_a_breakdown_draws_only_the_chosen_tab(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, "pages/prevalence.py")
    tabs = _tab_set(at, BREAKDOWN_LABELS)
    # At first only the first tab (by sex) holds anything: one chart, one table.
    drawn = [t.label for t in tabs if t.get("plotly_chart") or t.get("info")]
    assert drawn == ["By sex"]
    [sex] = _y_labels(tabs[0])
    assert set(sex) <= {"Female", "Male", "Unknown", "Not stated", "Other"}, sex
    assert len(tabs[0].dataframe) == 1
    assert all(not t.children for t in tabs[1:]), [t.label for t in tabs if t.children]

    at.session_state[_breakdown_key(at)] = "By locality"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    tabs = _tab_set(at, BREAKDOWN_LABELS)
    assert [t.label for t in tabs if t.children] == ["By locality"]
    [localities] = _y_labels(tabs[-1])
    assert "North" in localities  # conftest: localities North and South
    assert not tabs[0].get("plotly_chart")


def test_the_chosen_tab_survives_a_period_and_a_filter_change(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, "pages/prevalence.py")
    at.session_state[_breakdown_key(at)] = "By age band at period end"
    at.run()
    ends = period_ends(current_load())
    at.sidebar.selectbox(key=widget_key("period_end")).set_value(ends[-2]).run()
    assert not at.exception, [e.value for e in at.exception]
    tabs = _tab_set(at, BREAKDOWN_LABELS)
    assert [t.label for t in tabs if t.children] == ["By age band at period end"]
    at.sidebar.selectbox(key=widget_key("sex")).set_value("F").run()
    assert not at.exception, [e.value for e in at.exception]
    tabs = _tab_set(at, BREAKDOWN_LABELS)
    assert [t.label for t in tabs if t.children] == ["By age band at period end"]


def test_attendance_draws_one_measure_at_a_time(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, "pages/attendance.py")
    [key] = [k for k in at.session_state.keys() if str(k).startswith("cohorts-tabs-")]
    labels = ["Overall absence", "Persistent absence (10% or more)",
              "Severe absence (50% or more)"]
    tabs = _tab_set(at, labels)
    assert [t.label for t in tabs if t.children] == [labels[0]]
    assert len(tabs[0].get("plotly_chart")) == 1
    at.session_state[key] = labels[2]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    tabs = _tab_set(at, labels)
    assert [t.label for t in tabs if t.children] == [labels[2]]
    [heading] = tabs[2].get("subheader")
    assert heading.value.startswith(f"{labels[2]}: ") and len(tabs[2].get("plotly_chart")) == 1


@pytest.mark.usefixtures("two_las")  # a partnership of two LAs with published figures
def test_the_comparison_section_draws_only_the_chosen_indicator(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, "pages/rereferrals.py")
    labels = ["Re-referrals within 12 months", "Referrals"]
    tabs = _tab_set(at, labels)
    # The first tab: its trend and its neighbours ranked, two charts; the second tab empty.
    assert len(tabs[0].get("plotly_chart")) == 2 and not tabs[1].children
    names = [t["name"] for c in tabs[0].get("plotly_chart")
             for t in json.loads(c.proto.spec)["data"]]
    assert f"{NAME}, published yearly" in names
    at.session_state["cmp-tabs-rereferrals"] = "Referrals"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    tabs = _tab_set(at, labels)
    assert not tabs[0].children and tabs[1].get("plotly_chart")
    # Referrals are a count: compared only with the partnership's own published count.
    [table] = [d.value for d in tabs[1].dataframe if "Number" in d.value.columns]
    assert (table["Area"] == f"{NAME}, published").any()
    assert not table["Area"].str.startswith("England").any()


def _keys(at) -> tuple[list[str], list[str]]:
    """The ids of the page's download buttons (one beneath every chart's table, drawn whether
    or not the chart has anything to draw) and the keys of its charts."""
    return (sorted(b.proto.id for b in at.get("download_button")),
            sorted(_key_of(c.proto.id) for c in at.get("plotly_chart")))


def _period_and_filter_keep_the_keys(at, page: str) -> None:
    downloads, drawn = _keys(at)
    assert downloads and drawn, page
    previous = period_ends(current_load())[-2]
    for name, value in (("period_end", previous), ("sex", "F")):
        at.sidebar.selectbox(key=widget_key(name)).set_value(value).run()
        assert not at.exception, [e.value for e in at.exception]
        after, charts_after = _keys(at)
        # The same download buttons, as the same elements (a download button's id is made from
        # its key alone); each chart keyed as its table's download ('x-csv' beside 'x-chart').
        # A chart with nothing to draw in a period shows a message instead, so the charts
        # drawn may differ, never their keys.
        assert after == downloads, page
        stems = {_key_of(d).removesuffix("-csv") for d in downloads}
        assert {c.removesuffix("-chart") for c in [*drawn, *charts_after]} <= stems, page


def test_keys_stay_the_same_across_a_period_and_a_filter_change(board_db, monkeypatch):
    for page in ("pages/prevalence.py", "pages/attendance.py", "pages/drift.py"):
        _period_and_filter_keep_the_keys(open_app(board_db, monkeypatch, page), page)


@pytest.fixture(scope="module")
def practice_db(tmp_path_factory) -> Path:
    return practice_store(tmp_path_factory.mktemp("practice_keys"), PRACTICE_FILES)


def test_practice_keys_stay_the_same_across_a_period_and_a_filter_change(
        practice_db, monkeypatch, tmp_path):
    at = open_practice(practice_db, monkeypatch, tmp_path, threshold=1)
    _period_and_filter_keep_the_keys(at, "pages/practice.py")
