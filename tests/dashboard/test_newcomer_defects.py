"""What a newcomer tripped on (issue 9, point 7), on the hand-worked load of conftest.py:
Sankey labels off the links, counts in place of rates without a population, a message in
place of an empty chart, no catalogue ids in definitions, CSV files named by indicator, period
and filters (and saying so inside), part-year attendance said, completeness headlines that
skip columns empty by design, and the load in words under every chart."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest

from neglect_insight.dashboard.components import charts
from neglect_insight.dashboard.components.filters import widget_key
from neglect_insight.dashboard.components.table_with_download import (
    csv_bytes,
    view_download,
    view_file_name,
    view_table,
)
from neglect_insight.dashboard.data import completeness
from neglect_insight.dashboard.data.indicators.views import Selection
from neglect_insight.pipelines.calendar import format_date
from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.present.labels import ATTENDANCE_MEASURES, without_ids
from tests.dashboard.conftest import PERIOD_END, open_app
from tests.dashboard.test_attendance_page import measure_tab

# Internal ids: with an underscore ("referrals" is an id, and a plain word in any sentence).
IDS = re.compile(r"\b(" + "|".join(sorted((i for i in catalogue() if "_" in i), key=len,
                                          reverse=True)) + r")\b")


def _charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


# --- a. Sankey labels ------------------------------------------------------------------------

ALL_STEPS = ["Early help", "Referral", "Assessment", "Child in need plan",
             "Child protection plan", "Closed", "Still open"]
FONT_WIDTH = 0.6  # a generous average width of an Arial character, in font sizes
PLOT_WIDTH, PLOT_HEIGHT = 480, 440  # the diagram on a 1024-pixel screen, beside the sidebar


def _boxes(labels: list[dict]) -> list[tuple[float, float, float, float, str]]:
    """Each label's box in pixels (left, right, bottom, top), from the paper coordinates."""
    boxes = []
    for label in labels:
        width = len(label["text"]) * charts.LABEL_FONT * FONT_WIDTH
        height = charts.LABEL_FONT * 1.3
        x = label["x"] * PLOT_WIDTH + label.get("xshift", 0)
        left = {"left": x, "center": x - width / 2, "right": x - width}[label["xanchor"]]
        y = label["y"] * PLOT_HEIGHT
        bottom = {"bottom": y, "middle": y - height / 2, "top": y - height}[label["yanchor"]]
        boxes.append((left, left + width, bottom, bottom + height, label["text"]))
    return boxes


@pytest.mark.parametrize("closed", [1, 50, 99])
def test_sankey_step_names_sit_off_the_links_and_off_each_other(closed):
    positions = charts.sankey_positions(ALL_STEPS, {"Closed": closed, "Still open": 100 - closed})
    labels = charts.sankey_labels(positions)
    assert sorted(label["text"] for label in labels) == sorted(ALL_STEPS)
    boxes = _boxes(labels)
    diagram_top = charts.SANKEY_TOP * PLOT_HEIGHT
    for left, right, bottom, _top, text in boxes:
        # Above the diagram (the links live below SANKEY_TOP) or right of it.
        assert bottom >= diagram_top or left >= PLOT_WIDTH, text
        assert left >= -charts.SANKEY_MARGIN["l"], text  # within the figure's margins
        assert right <= PLOT_WIDTH + charts.SANKEY_MARGIN["r"], text
    for n, (l1, r1, b1, t1, a) in enumerate(boxes):
        for l2, r2, b2, t2, b in boxes[n + 1:]:
            assert r1 <= l2 or r2 <= l1 or t1 <= b2 or t2 <= b1, (a, b)
    # Closed and Still open share the last column, each level with its own node.
    assert positions["Closed"][0] == positions["Still open"][0] > positions["Referral"][0]


def test_the_flows_page_draws_no_label_on_the_links(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, "pages/flows.py")
    [sankey] = [c for c in _charts(at) if c["data"][0]["type"] == "sankey"]
    trace = sankey["data"][0]
    assert set(trace["node"]["label"]) == {""}  # plotly's own labels would sit on the links
    assert trace["node"]["customdata"] == ["Early help", "Referral", "Child protection plan",
                                           "Still open"]  # conftest's journeys, in words
    assert sorted(a["text"] for a in sankey["layout"]["annotations"]) == sorted(
        trace["node"]["customdata"])
    assert "Referral to Child protection plan" in trace["link"]["customdata"]


# --- b. Counts where a rate has no population; a message for an empty chart -----------------

def test_a_locality_shows_counts_for_a_rate_and_says_why(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, "pages/prevalence.py")
    at.sidebar.selectbox(key=widget_key("locality")).set_value("North").run()
    # conftest: North has 6 children on a CP plan at 31 March 2025; no population by locality.
    heading = "Children on a child protection plan: 6"
    assert heading in [s.value for s in at.subheader]
    assert "No population figures for localities, so counts are shown." in [
        c.value for c in at.caption]
    [trend] = [c for c in _charts(at) if any(t.get("name") == "Children on a child protection "
                                             "plan" for t in c["data"])]
    assert trend["data"][0]["y"] == [6.0]
    assert trend["layout"]["yaxis"]["title"]["text"] == "Children"
    assert not trend["layout"].get("shapes")  # England's rate is not set beside a count


def test_a_breakdown_with_every_figure_hidden_says_so_instead_of_an_empty_plot(
        board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, "pages/prevalence.py")
    at.sidebar.selectbox(key=widget_key("locality")).set_value("South").run()
    # South: 4 girls and 4 boys, each a count of 1 to 5: both hidden, nothing to draw.
    assert ("Children with neglect identified by sex: not shown (small numbers)"
            in [s.value for s in at.subheader])
    assert charts.ALL_HIDDEN in [i.value for i in at.info]
    assert not any(c["data"][0].get("y") == ["Female", "Male"] for c in _charts(at))


# --- c. No catalogue ids where a user reads ---------------------------------------------------

def test_every_definition_reads_without_ids():
    for indicator in catalogue().values():
        assert not IDS.search(without_ids(indicator.definition)), indicator.id
    assert without_ids("neglect_children_total per 10,000 children") == (
        "“Children with neglect identified (early help, children in need or child protection)”"
        " per 10,000 children")


def test_the_methodology_page_names_indicators_not_ids(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, "pages/methodology.py")
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    for text in texts:
        # The id is given once per indicator, on its own line, for file names and exports.
        shown = "\n".join(line for line in text.splitlines() if not line.startswith("- **Id**"))
        assert not IDS.search(shown), shown
    definitions = at.dataframe[0].value["Definition"]
    assert not any(IDS.search(d) for d in definitions)
    assert any("“Children with neglect identified" in d for d in definitions)


# --- d. CSV downloads named by indicator, period and filters ----------------------------------

def test_a_download_is_named_by_indicator_period_and_filters(board_db, monkeypatch):
    from neglect_insight.dashboard.data import indicators as data

    monkeypatch.setenv("NEGLECT_INSIGHT_DB", str(board_db))
    load = data.current_load()
    sel = Selection(PERIOD_END, 12, (("sex", "F"), ("locality", "North")))
    view = data.breakdown(load, sel, "neglect_children_total", "age_band")
    assert view_file_name(view, f"by {view.category_name}") == (
        "neglect_children_total_by-age-band-at-period-end_12m-to-2025-03-31_sex-F_"
        "locality-North.csv")
    quarter = Selection(PERIOD_END, 3, (("locality", "North East=1+1"),))
    assert view_file_name(data.indicator_values(load, quarter, ("rereferral_12m_neglect",))) \
        == "rereferral_12m_neglect_3m-to-2025-03-31_locality-North-East-1-1.csv"
    table = view_table(view)
    downloaded = pd.read_csv(io.BytesIO(csv_bytes(view_download(view, table))),
                             encoding="utf-8-sig", dtype=str)
    # North girls: n01, n03, ..., n11, all born June 2015, so 9 at 31 March 2025: 6 children.
    assert downloaded.iloc[0].to_dict() == {
        "Age band at period end": "5 to 9", "Number": "6",
        "Period": "12 months to 31 March 2025 (1 April 2024 to 31 March 2025)",
        "Children included": "Sex: Female; Locality: North",
        "Data": f"Data extracted 31 March 2025, loaded {format_date(load.loaded_at.date())}"}


def test_download_cells_stay_safe_from_formulas(board_db, monkeypatch):
    from neglect_insight.dashboard.data import indicators as data

    monkeypatch.setenv("NEGLECT_INSIGHT_DB", str(board_db))
    view = data.indicator_values(data.current_load(), Selection(PERIOD_END),
                                 ("rereferral_12m_neglect",))
    table = view_table(view).assign(Measure="=1+1")
    assert "'=1+1" in csv_bytes(view_download(view, table)).decode("utf-8-sig")


# --- e. Part-year attendance ------------------------------------------------------------------

def test_attendance_says_when_a_year_is_a_part_year(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, "pages/attendance.py")
    # conftest's attendance.csv has the autumn term of 2024/25 only.
    note = "School attendance for 2024/25 covers the autumn term only, not the whole year."
    # Each measure's cohorts (one tab each, only the chosen one drawn) and the trend.
    in_tabs = outside = 0
    for measure in ATTENDANCE_MEASURES:
        tab = measure_tab(at, measure)
        in_tab = [c.value for c in tab.caption].count(note)
        assert in_tab >= 1, measure
        in_tabs += in_tab
        outside = [c.value for c in at.caption].count(note) - in_tab
    assert in_tabs + outside >= 4


# --- f. Completeness headline ----------------------------------------------------------------

def _completeness(file: str, filled: dict[str, int], rows: int = 8) -> pd.DataFrame:
    return pd.DataFrame({"File": file, "Column": list(filled), "Rows": rows,
                         "Filled rows": list(filled.values()),
                         "Filled (%)": [100 * n / rows for n in filled.values()]})


def test_completeness_headline_skips_columns_empty_by_design():
    # conftest's cp_plans.csv: 8 open plans, so end_date and latest_category are empty.
    plans = {"plan_id": 8, "child_id": 8, "referral_id": 8, "start_date": 8, "end_date": 0,
             "initial_category": 8, "latest_category": 0, "previous_plans": 0}
    assert completeness.completeness_finding(_completeness("cp_plans.csv", plans)) == (
        "Every column of cp_plans.csv is filled on all 8 rows, apart from columns where empty "
        "has a meaning (end_date: empty means still open)")
    gap = plans | {"referral_id": 6}
    assert completeness.completeness_finding(_completeness("cp_plans.csv", gap)) == (
        "referral_id is the least filled column of cp_plans.csv: 75.0% of 8 rows")


def test_the_data_quality_page_does_not_point_at_an_open_plan(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, "pages/data_quality.py")
    at.selectbox(key="completeness_file").set_value("cp_plans.csv").run()
    assert not any(s.value.startswith("end_date") for s in at.subheader)
    assert any(s.value.startswith("Every column of cp_plans.csv is filled on all 8 rows")
               for s in at.subheader)


# --- g. The load in words ---------------------------------------------------------------------

def test_chart_subtitles_give_the_load_in_words(board_db, monkeypatch):
    at = open_app(board_db, monkeypatch, "pages/rereferrals.py")
    subtitles = [c.value for c in at.caption if "All children." in c.value]
    assert len(subtitles) >= 3
    for subtitle in subtitles:
        assert "Load test" not in subtitle  # conftest's run id
        # The load was built when the tests started: loaded that day, in words.
        assert re.search(r"All children\. Data extracted 31 March 2025, loaded "
                         r"\d{1,2} [A-Z][a-z]+ 20\d\d\.$", subtitle), subtitle
