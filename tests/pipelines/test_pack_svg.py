"""The pack's hand-written SVG charts (pipelines/pack/svg.py): direct labels nudged apart,
never on the data or on each other, and a text alternative on every chart."""

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from neglect_insight.pipelines.pack.svg import LABEL_GAP, LABEL_X, RIGHT, Series, nudge, trend_chart


@given(st.lists(st.floats(min_value=0, max_value=300), max_size=8))
def test_nudged_positions_keep_their_order_and_gap_and_stay_inside(wanted):
    placed = nudge(wanted, 14.0, 10.0, 290.0)
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    ys = [placed[i] for i in order]
    assert all(b - a >= 14.0 - 1e-9 for a, b in zip(ys, ys[1:], strict=False))
    assert all(10.0 - 1e-9 <= y <= 290.0 + 1e-9 for y in ys)  # 8 labels fit in 280


def test_labels_far_apart_are_not_moved():
    assert nudge([50.0, 120.0, 200.0], 14.0, 0.0, 300.0) == [50.0, 120.0, 200.0]
    # two at one height: the second goes 14 below, the first stays
    assert nudge([100.0, 100.0], 14.0, 0.0, 300.0) == [100.0, 114.0]
    # at the bottom edge: pushed back up
    assert nudge([295.0, 299.0], 14.0, 0.0, 300.0) == [286.0, 300.0]


def _chart() -> str:
    ours = Series("ours", "This partnership", (
        (date(2024, 6, 30), 21.0, "21.0%"), (date(2024, 9, 30), None, "c"),
        (date(2024, 12, 31), 22.4, "22.4%"), (date(2025, 3, 31), 22.5, "22.5%")))
    england = Series("england", "England", ((date(2025, 3, 31), 22.6, "22.6% (2024-25)"),))
    region = Series("region", "East of England", ((date(2025, 3, 31), 22.5, "22.5% (2024-25)"),))
    return trend_chart([ours, england, region], "Re-referrals: 22.5%", "A line and markers.",
                       "chart-x", "Percentage")


def test_labels_sit_right_of_the_data_and_apart_even_for_equal_values():
    svg = _chart()
    labels = [(float(x), float(y), text) for x, y, text in re.findall(
        r'<text x="([\d.]+)" y="([\d.]+)" font-size="11" fill="#0b0c0c">([^<]*)</text>', svg)]
    assert [t for _x, _y, t in labels] == ["This partnership: 22.5%",
                                           "England: 22.6% (2024-25)",
                                           "East of England: 22.5% (2024-25)"]
    assert all(x == LABEL_X > RIGHT for x, _y, _t in labels)  # never on the data
    ys = sorted(y for _x, y, _t in labels)
    assert all(b - a >= LABEL_GAP - 1e-6 for a, b in zip(ys, ys[1:], strict=False))


def test_a_figure_not_shown_breaks_the_line_and_the_chart_has_a_text_alternative():
    svg = _chart()
    paths = re.findall(r'<path d="(M[^"]*)" fill="none" stroke="#12436D"', svg)
    assert len(paths) == 1 and paths[0].count("L") == 1  # 31 Dec to 31 Mar; 30 June alone
    assert '<title id="chart-x-title">Re-referrals: 22.5%</title>' in svg
    assert '<desc id="chart-x-desc">A line and markers.</desc>' in svg
    assert 'aria-labelledby="chart-x-title chart-x-desc"' in svg
    assert "http" not in svg and "<script" not in svg


def test_the_chart_widens_for_a_long_label_rather_than_cut_it():
    long = Series("neighbours", "Neighbours",
                  ((date(2025, 3, 31), 35.6, "35.6 per 10,000 children (31 March 2025)"),))
    svg = trend_chart([long], "t", "d", "c", "Per 10,000 children")
    width = int(re.search(r'width="(\d+)"', svg).group(1))
    assert width >= LABEL_X + len("Neighbours: 35.6 per 10,000 children (31 March 2025)") * 6
