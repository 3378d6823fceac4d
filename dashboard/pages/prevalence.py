"""Neglect prevalence (Board): how many children have neglect identified across early help,
children in need and child protection; rates per 10,000; trend; who they are."""

from neglect_insight.dashboard.components import (
    charts,
    commentary,
    comparison_charts,
    indicator_card,
    page,
)
from neglect_insight.dashboard.data import indicators as data

load, selection = page.start_family("prevalence")

charts.split(data.prevalence_split(load, selection))
indicator_card.headlines(
    data.indicator_values(load, selection,
                          ("neglect_rate_per_10k", "cp_rate_per_10k", "cp_neglect_share_open")),
    "Rates per 10,000 children and the share of child protection plans for neglect")
charts.trend(data.trend(load, selection, ("neglect_children_total", *data.LEVEL_IDS)),
             stacked=True)
charts.trend(data.trend(load, selection, ("cp_rate_per_10k",)))
charts.trend(data.trend(load, selection, ("cp_neglect_share_open",)))
charts.breakdowns(data.breakdowns(load, selection, "neglect_children_total"))
comparison_charts.section(data.comparisons(load, selection, "prevalence"))
commentary.section(load, selection, "prevalence")
