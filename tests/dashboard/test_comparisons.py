"""The "Compared with England, region and neighbours" section of the family pages, on the
board load of conftest.py with a settings file naming a two-LA partnership: Cambridgeshire
(old code 873) and Peterborough (new code E06000031), both in the East of England.

Worked by hand from sql/seeds/dfe/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv,
time_period 2025 (the year 2024-25), columns referral_count, rereferral_count, rereferral_percent:
    line  2  England            632,830 referrals, 142,900 re-referrals, 22.6%
    line  8  East of England     44,610 referrals,   8,660 re-referrals, 19.4%
    line 90  Cambridgeshire       6,453 referrals,   1,886 re-referrals, 29.2%
    line 96  Peterborough         3,850 referrals,     761 re-referrals, 19.8%
    the partnership, summed:  (1,886 + 761) / (6,453 + 3,850) = 2,647 / 10,303 = 25.69 -> 25.7%
    (never the mean of the two percentages, (29.2 + 19.8) / 2 = 24.5%)
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from neglect_insight.dashboard.components import comparison_charts
from neglect_insight.dashboard.components.filters import widget_key
from neglect_insight.dashboard.data.indicators.benchmarks import (
    COUNT_NOTE,
    FILTERS_NOTE,
    HEADING,
    Comparison,
    Mark,
    Quarter,
)
from neglect_insight.pipelines.settings import SETTINGS_ENV
from tests.dashboard.conftest import open_app

NAME = "Cambridgeshire and Peterborough"
REREFERRALS = "pages/rereferrals.py"


@pytest.fixture
def two_las(tmp_path, monkeypatch):
    settings = tmp_path / "neglect-insight.toml"
    settings.write_text(f'[partnership]\nname = "{NAME}"\nla_codes = ["873", "E06000031"]\n')
    monkeypatch.setenv(SETTINGS_ENV, str(settings))
    return settings


def _tables(at) -> list[pd.DataFrame]:
    return [frame.value for frame in at.dataframe]


def _table_with(at, column: str) -> pd.DataFrame:
    [table] = [t for t in _tables(at)
               if {column, "Area", "Details"} <= set(t.columns) and "Rank" not in t.columns]
    return table


def _all_text(at) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "subheader")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def test_rereferrals_beside_england_with_its_year_and_the_summed_partnership(
        board_db, monkeypatch, two_las):
    at = open_app(board_db, monkeypatch, REREFERRALS)
    assert HEADING in [s.value for s in at.subheader]
    trend = _table_with(at, "Percentage")
    published = dict(zip(trend["Area"] + " | " + trend["Period"], trend["Percentage"],
                         strict=True))
    assert published["England, published | 2024-25"] == "22.6%"
    assert published[f"{NAME}, published | 2024-25"] == "25.7%"  # summed, not 24.5%
    assert published["East of England, published | 2024-25"] == "19.4%"
    details = dict(zip(trend["Area"] + " | " + trend["Period"], trend["Details"],
                       strict=True))
    assert details[f"{NAME}, published | 2024-25"] == "2,647 out of 10,303"
    # The partnership's own series from the load: 12 months to each quarter end.
    assert (trend["Area"] == f"{NAME}, 12 months to each quarter end").any()
    assert "12 months to 31 March 2025" in set(trend["Period"])
    # The one-line summary names England with its year.
    assert "England 22.6% (2024-25)" in _all_text(at)


def test_a_count_is_compared_only_with_the_partnerships_own_published_count(
        board_db, monkeypatch, two_las):
    at = open_app(board_db, monkeypatch, REREFERRALS)
    at.session_state["cmp-tabs-rereferrals"] = "Referrals"  # only the chosen tab is drawn
    at.run()
    referrals = _table_with(at, "Number")
    # c1 lines 90 and 96: 6,453 + 3,850 = 10,303 referrals in 2024-25; no England, no region.
    published = referrals[referrals["Area"] == f"{NAME}, published"]
    assert dict(zip(published["Period"], published["Number"], strict=True))["2024-25"] == "10,303"
    assert not referrals["Area"].str.startswith(("England", "East of England")).any()
    assert COUNT_NOTE in _all_text(at)


def test_page_filters_leave_the_like_for_like_comparison_as_it_is(
        board_db, monkeypatch, two_las):
    at = open_app(board_db, monkeypatch, REREFERRALS)
    before = _table_with(at, "Percentage")
    at.sidebar.selectbox(key=widget_key("sex")).set_value("F")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    # Published figures are for all children over a year: a filter does not change the series.
    pd.testing.assert_frame_equal(_table_with(at, "Percentage"), before)
    assert FILTERS_NOTE in _all_text(at)


def test_figures_download_named_by_indicator_and_period(board_db, monkeypatch, two_las):
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    served: dict[str, bytes] = {}
    store = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            served[filename] = path_or_data
        return store(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    open_app(board_db, monkeypatch, REREFERRALS)
    text = served["rereferral_12m_compared_12m-to-2025-03-31.csv"].decode("utf-8-sig")
    assert f'"{NAME}, published",2024-25,25.7%,"2,647 out of 10,303",All children,' in text
    assert text.splitlines()[0] == "Area,Period,Percentage,Details,Children included,Data"
    assert "rereferral_12m_neighbours-ranked_12m-to-2025-03-31.csv" in served


def test_neighbours_ranked_with_the_partnership_marked(board_db, monkeypatch, two_las):
    at = open_app(board_db, monkeypatch, REREFERRALS)
    [ranked] = [t for t in _tables(at) if "Rank" in t.columns]
    ours = ranked[ranked["Area"] == f"▶ {NAME}"]
    assert list(ours["Percentage"]) == ["25.7%"]
    las = ranked[ranked["Rank"] != ""]
    assert list(las["Rank"]) == [str(n) for n in range(1, len(las) + 1)]
    # Best first: re-referrals are better lower, so the percentages rise down the table, with
    # England (22.6%, unranked) in its place among them.
    numbers = [float(v.rstrip("%")) for v in ranked["Percentage"] if v.endswith("%")]
    assert numbers == sorted(numbers)
    england = ranked[ranked["Rank"] == ""]
    assert list(england["Area"]) == ["England (2024-25, for reference)"]
    assert list(england["Percentage"]) == ["22.6%"]
    text = _all_text(at)
    assert "quarter of the" in text and "local authorities, 2024-25" in text


def test_no_counterpart_said_once_and_no_england_line(board_db, monkeypatch, two_las):
    at = open_app(board_db, monkeypatch, REREFERRALS)
    said = [i.value for i in at.info if str(i.value).startswith("No published counterpart")]
    # Neglect re-referrals has no DfE counterpart: named once, never given England's line.
    assert len(said) == 1 and "neglect" in said[0].lower()
    trend = _table_with(at, "Percentage")
    assert not trend["Area"].str.contains("neglect", case=False).any()


def test_a_page_without_any_counterpart(board_db, monkeypatch, two_las):
    at = open_app(board_db, monkeypatch, "pages/drift.py")
    assert HEADING in [s.value for s in at.subheader]
    said = [i.value for i in at.info if str(i.value).startswith("No published counterpart")]
    assert len(said) == 1
    assert not [t for t in _tables(at) if "Area" in t.columns]
    assert "England" not in "\n".join(said)


def test_demo_partnership_without_settings(board_db, monkeypatch, tmp_path):
    monkeypatch.delenv(SETTINGS_ENV, raising=False)
    monkeypatch.chdir(tmp_path)  # no ./neglect-insight.toml
    at = open_app(board_db, monkeypatch, REREFERRALS)
    trend = _table_with(at, "Percentage")
    assert (trend["Area"] == "Demo partnership (synthetic), published").any()


def test_unknown_la_code_is_a_plain_message(board_db, monkeypatch, tmp_path):
    settings = tmp_path / "neglect-insight.toml"
    settings.write_text('[partnership]\nname = "Nowhere"\nla_codes = ["999"]\n')
    monkeypatch.setenv(SETTINGS_ENV, str(settings))
    at = open_app(board_db, monkeypatch, REREFERRALS)
    assert any("999" in str(e.value) for e in [*at.info, *at.error])


# --- The figures on hand-made marks: what is drawn, and nothing drawn on the labels ---------

ITEM = Comparison(
    indicator_id="rereferral_12m", label="Re-referrals within 12 months", unit="percent",
    axis_title="Percentage", partnership="Our partnership",
    ours_name="Our partnership, 12 months to each quarter end",
    ours=(Quarter(date(2024, 12, 31), "12 months to 31 December 2024", 21.0, "21.0%",
                  "21 counted out of 100"),
          Quarter(date(2025, 3, 31), "12 months to 31 March 2025", None, "c", "")),
    published=(Mark("england", "England", "2024-25", date(2025, 3, 31), 22.6, "22.6%", ""),
               Mark("partnership", "Our partnership", "2024-25", date(2025, 3, 31), 25.7,
                    "25.7%", "2,647 out of 10,303")),
    ranked=(Mark("la", "Area A", "2024-25", date(2025, 3, 31), 10.0, "10.0%", ""),
            Mark("partnership", "Our partnership", "2024-25", date(2025, 3, 31), 25.7, "25.7%",
                 ""),
            Mark("la", "Area B", "2024-25", date(2025, 3, 31), None, "–", "suppressed")),
    ranked_england=Mark("england", "England", "2024-25", date(2025, 3, 31), 22.6, "22.6%", ""),
    standing="in the worst quarter of the 153 local authorities, 2024-25", notes=(),
    trend_summary="", ranked_summary="")


def test_trend_figure_draws_each_series_with_its_year_on_the_axis():
    figure = comparison_charts.trend_figure(ITEM)
    names = [t.name for t in figure.data]
    assert names == ["Our partnership, 12 months to each quarter end", "England, published",
                     "Our partnership, published yearly"]
    assert list(figure.data[0].y) == [21.0, None]  # c is a gap, never a zero
    assert list(figure.layout.xaxis.ticktext) == ["2024-25"]  # the published year's name
    assert figure.layout.xaxis.title.text == ("Period ending (each published year ends on "
                                              "31 March)")
    # The legend at the foot of the figure, in a bottom margin with room for the axis labels
    # above it and a line for each series: never on the data or the ticks.
    legend, margin = figure.layout.legend, figure.layout.margin
    assert (legend.yref, legend.y, legend.yanchor) == ("container", 0, "bottom")
    assert margin.b >= comparison_charts.AXIS_ROOM + comparison_charts.LEGEND_LINE * 3
    assert all(t.mode != "text" and not t.text for t in figure.data)  # no labels on the data


def test_the_x_axis_says_when_a_published_year_ends_unless_its_name_does():
    assert comparison_charts.x_title([(date(2025, 3, 31), "31 March 2025")]) == "Period ending"
    assert comparison_charts.x_title([(date(2025, 8, 31), "2024/25")]) == (
        "Period ending (each published year ends on 31 August)")


def test_ranked_figure_marks_the_partnership_by_colour_and_symbol():
    figure = comparison_charts.ranked_figure(ITEM)
    [bars] = figure.data
    # England (22.6) between Area A (10.0) and the partnership (25.7): no line over the labels.
    assert list(bars.y) == ["Area A", "England (2024-25, for reference)", "▶ Our partnership",
                            "Area B"]
    colours = list(bars.marker.color)
    assert len({colours[0], colours[1], colours[2]}) == 3 and colours[3] == colours[0]
    assert list(bars.x) == [10.0, 22.6, 25.7, 0]  # Area B has no figure: text "–", no bar
    assert list(bars.text) == ["10.0%", "22.6%", "25.7%", "–"]
    table = comparison_charts.ranked_table(ITEM)
    assert list(table["Rank"]) == ["1", "", "2", "3"]
