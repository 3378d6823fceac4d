"""pipelines/present/travel.py: direction of travel, status and target in words, one phrase
per state (a target without a figure is "Not assessed", no target is "No target")."""

from __future__ import annotations

from datetime import date

from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.indicators.scorecard import Target, travel
from neglect_insight.pipelines.present.travel import (
    THRESHOLD_NOTE,
    rag_counts,
    rag_summary,
    status_text,
    status_with_symbol,
    target_text,
    travel_text,
)

TARGET = Target(20.0, "lower", "Head of Service", 2.0)


def test_direction_of_travel_with_the_way_the_number_moved():
    assert travel_text("better", 18.0, 24.0) == "▼ Better"  # lower is better, and it fell
    assert travel_text("worse", 30.0, 24.0) == "▲ Worse"
    assert travel_text("up", 5.0, 4.0) == "▲ Up"  # neither way is better
    assert travel_text("down", 3.0, 4.0) == "▼ Down"
    assert travel_text("same", 4.0, 4.0) == "About the same"
    assert travel_text("same", 24.04, 24.0) == "About the same"  # no arrow below the threshold
    assert travel_text(None, None, 4.0) == "–"


def test_status_against_the_target():
    assert status_text("green", TARGET) == "On track"
    assert status_text("amber", TARGET) == "Close to target"
    assert status_text("red", TARGET) == "Off track"
    assert status_text(None, TARGET) == "Not assessed"  # the figure is c or –
    assert status_text(None, None) == "No target"


def test_the_target_in_words():
    assert target_text(TARGET, "percent") == "20.0% or lower"
    assert target_text(TARGET, "per_10k") == "20.0 per 10,000 children or lower"
    assert target_text(Target(150, "higher", "", 15), "count") == "150 or higher"
    assert target_text(None, "count") == "–"


def test_a_change_that_rounds_to_nothing_has_no_arrow():
    # the defect: "+0.0 points" drawn as a red up arrow. 24.04 against 24.0 is 0.04 points.
    repeat = catalogue()["cpp_neglect_repeat"]
    direction = travel(repeat, 24.04, 24.0)
    assert direction == "same"
    assert travel_text(direction, 24.04, 24.0) == "About the same"
    assert "▲" not in travel_text(direction, 24.04, 24.0)
    # 1.0 point as written is the threshold: worse, with the arrow of the rise
    assert travel_text(travel(repeat, 25.0, 24.0), 25.0, 24.0) == "▲ Worse"
    assert "1.0 percentage point" in THRESHOLD_NOTE and "5%" in THRESHOLD_NOTE


def test_status_never_by_colour_alone_and_counted():
    assert status_with_symbol("green", TARGET) == "✔ On track"
    assert status_with_symbol("red", TARGET) == "✖ Off track"
    assert status_with_symbol(None, None) == "No target"
    # two on track, one close, one off, one not assessed (a target, no figure), two without
    statuses = [("green", TARGET), ("amber", TARGET), ("green", TARGET), ("red", TARGET),
                (None, TARGET), (None, None), (None, None)]
    assert rag_summary(statuses) == ("2 on track, 1 close to target, 1 off track, "
                                     "1 not assessed, 2 without a target")
    assert rag_counts([("red", TARGET)]) == [("red", "off track", 1)]


def test_the_target_on_a_trajectory():
    trajectory = Target(20.0, "lower", "", 2.0, ((date(2025, 3, 31), 22.0),
                                                 (date(2025, 6, 30), 21.0)))
    assert target_text(trajectory, "percent", date(2025, 6, 30)) == (
        "21.0% or lower by Q1 2025-26 (trajectory)")
    assert target_text(trajectory, "percent", date(2025, 9, 30)) == "20.0% or lower"
    assert target_text(trajectory, "percent", date(2025, 3, 31), say_quarter=False) == (
        "22.0% or lower (trajectory)")
    assert target_text(trajectory, "percent") == "20.0% or lower"
