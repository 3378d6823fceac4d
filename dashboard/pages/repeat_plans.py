"""Repeat plans and plan durations (Board): second and subsequent child protection plans,
neglect plans repeated, plans ending within 3 months and plans open 2 years or more."""

from neglect_insight.dashboard.components import (
    charts,
    commentary,
    comparison_charts,
    indicator_card,
    page,
)
from neglect_insight.dashboard.data import indicators as data

load, selection = page.start_family("repeat_plans")

indicator_card.headlines(data.indicator_values(load, selection, ("cpp_starts",)),
                         "Child protection plans starting")
charts.compare(data.indicator_values(load, selection, (
    "cpp_neglect_repeat", "cpp_second_or_subsequent", "cpp_repeat_within_2y",
    "cpp_ended_within_3m", "cpp_open_2y_plus")))
charts.trend(data.trend(load, selection, ("cpp_neglect_repeat", "cpp_second_or_subsequent")))
charts.trend(data.trend(load, selection, ("cpp_ended_within_3m", "cpp_open_2y_plus")))
charts.breakdowns(data.breakdowns(load, selection, "cpp_neglect_repeat"))
comparison_charts.section(data.comparisons(load, selection, "repeat_plans"))
commentary.section(load, selection, "repeat_plans")
