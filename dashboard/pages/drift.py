"""Drift and timeliness (Board): assessments over 45 working days and children in need
episodes open for 2 years or more."""

from neglect_insight.dashboard.components import (
    charts,
    commentary,
    comparison_charts,
    indicator_card,
    page,
)
from neglect_insight.dashboard.data import indicators as data

load, selection = page.start_family("drift")

indicator_card.headlines(
    data.indicator_values(load, selection, ("assessments_over_45wd", "cin_open_2y_plus")),
    "Timeliness and drift now")
charts.trend(data.trend(load, selection, ("assessments_over_45wd",)))
charts.trend(data.trend(load, selection, ("cin_open_2y_plus",)))
charts.breakdowns(data.breakdowns(load, selection, "assessments_over_45wd"))
comparison_charts.section(data.comparisons(load, selection, "drift"))
commentary.section(load, selection, "drift")
