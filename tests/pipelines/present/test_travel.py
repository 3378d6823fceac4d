"""pipelines/present/travel.py: direction of travel, status and target in words, one phrase
per state (a target without a figure is "Not assessed", no target is "No target")."""

from __future__ import annotations

from neglect_insight.pipelines.indicators.scorecard import Target
from neglect_insight.pipelines.present.travel import status_text, target_text, travel_text

TARGET = Target(20.0, "lower", "Head of Service", 2.0)


def test_direction_of_travel_with_the_way_the_number_moved():
    assert travel_text("better", 18.0, 24.0) == "▼ Better"  # lower is better, and it fell
    assert travel_text("worse", 30.0, 24.0) == "▲ Worse"
    assert travel_text("up", 5.0, 4.0) == "▲ Up"  # neither way is better
    assert travel_text("down", 3.0, 4.0) == "▼ Down"
    assert travel_text("same", 4.0, 4.0) == "No change"
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
