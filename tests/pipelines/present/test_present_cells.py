"""pipelines/present/cells.py: raw engine values as the board may see them, with the
deployment's disclosure threshold."""

from __future__ import annotations

import pytest

from neglect_insight.pipelines.indicators.engine import IndicatorValue
from neglect_insight.pipelines.present import cells
from neglect_insight.pipelines.present.cells import (
    Cell,
    comparable,
    count_cells,
    indicator_cells,
    published,
)
from neglect_insight.pipelines.settings import SETTINGS_ENV


@pytest.fixture
def threshold_of(tmp_path, monkeypatch):
    """Set the deployment's threshold through a settings file."""
    def use(threshold: int) -> None:
        settings = tmp_path / f"settings-{threshold}.toml"
        settings.write_text(f"[disclosure]\nthreshold = {threshold}\n")
        monkeypatch.setenv(SETTINGS_ENV, str(settings))
    return use


def levels(eh: int, cin: int, cp: int) -> dict[str, IndicatorValue]:
    counts = {"neglect_children_eh": eh, "neglect_children_cin": cin, "neglect_children_cp": cp,
              "neglect_children_total": eh + cin + cp}
    return {i: IndicatorValue(i, n, None, n) for i, n in counts.items()}


def test_a_rate_on_a_small_count_is_hidden_and_not_drawn():
    shown = cells.cell(IndicatorValue("rereferral_12m", 3, 40, 7.5))
    assert shown == Cell("c", "c", "40", None)
    assert shown.suppressed
    assert cells.cell(IndicatorValue("rereferral_12m", 0, 40, 0.0)) == Cell("0.0%", "0", "40",
                                                                            0.0)


def test_the_levels_hide_a_second_count_where_the_total_would_reveal_one():
    # South (tests/dashboard/conftest.py): EH 6, CIN 0, CP 2 of 8: CP is small, and EH would
    # give it away as 8 - 0 - 6, so EH is hidden too; the total and the zero are shown.
    shown = indicator_cells(levels(6, 0, 2))
    assert [shown[i].value for i in ("neglect_children_eh", "neglect_children_cin",
                                     "neglect_children_cp", "neglect_children_total")] == [
        "c", "0", "c", "8"]


def test_the_threshold_comes_from_the_settings_file(threshold_of):
    threshold_of(10)
    assert cells.threshold() == 10
    assert cells.cell(IndicatorValue("neglect_children_total", 8, None, 8)).value == "c"
    threshold_of(5)
    assert cells.cell(IndicatorValue("neglect_children_total", 8, None, 8)).value == "8"


def test_counts_hidden_elsewhere():
    assert count_cells([1200, 3], [False, True]) == [Cell("1,200", "1,200", "–", 1200),
                                                     Cell("c", "c", "–", None)]


def test_a_published_figure_is_written_as_ours_and_never_set_beside_a_count():
    england = published(40.6, "31 March 2025", "DfE", "per_10k")
    assert england.cell == Cell("40.6", "–", "–", 40.6)
    assert comparable(england, "per_10k") is england
    assert comparable(published(632830, "2024-25", "DfE", "count"), "count") is None
    assert published(None, "2024-25", "DfE", "percent") is None  # not published


def test_a_level_not_supplied_is_no_part_of_the_sum():
    # No early_help.csv: EH has no figure and is no part of the sum. CP 3 is small; with CIN
    # 20 and the total 23 shown it would be recovered (23 - 20), so CIN is hidden too (rule 3:
    # the smallest shown non-zero part); EH reads "Not supplied", never 0.
    values = levels(0, 20, 3)
    values["neglect_children_eh"] = IndicatorValue("neglect_children_eh", 0, None, 0,
                                                   reason="early help not supplied")
    shown = indicator_cells(values)
    assert shown["neglect_children_eh"] == cells.NOT_SUPPLIED_CELL
    assert shown["neglect_children_eh"].value == "Not supplied"
    assert [shown[i].value for i in ("neglect_children_cin", "neglect_children_cp",
                                     "neglect_children_total")] == ["c", "c", "23"]
    assert cells.cell(values["neglect_children_eh"]).number is None  # never drawn as 0
