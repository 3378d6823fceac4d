"""Flows between services (Board): children's journeys from early help to child protection,
early help stepping up, and social care stepping down to early help."""

from neglect_insight.dashboard.components import charts, commentary, comparison_charts, page
from neglect_insight.dashboard.data import indicators as data

load, selection = page.start_family("flows")

charts.sankey(data.journeys(load, selection))
charts.compare(data.indicator_values(load, selection, ("eh_step_up", "step_down_to_eh")))
charts.trend(data.trend(load, selection, ("eh_step_up", "step_down_to_eh")))
comparison_charts.section(data.comparisons(load, selection, "flows"))
commentary.section(load, selection, "flows")
