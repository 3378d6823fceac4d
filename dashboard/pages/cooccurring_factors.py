"""Co-occurring factors (Board): the parental "toxic trio" (alcohol, drugs, domestic abuse,
mental health) identified beside neglect at assessment."""

from neglect_insight.dashboard.components import charts, commentary, comparison_charts, page
from neglect_insight.dashboard.data import indicators as data

load, selection = page.start_family("cooccurring_factors")

charts.compare(data.indicator_values(load, selection, data.family_ids("cooccurring_factors")))
charts.trend(data.trend(load, selection, ("neglect_cooccurring_toxic_trio",)))
charts.breakdowns(data.breakdowns(load, selection, "neglect_cooccurring_toxic_trio"))
comparison_charts.section(data.comparisons(load, selection, "cooccurring_factors"))
commentary.section(load, selection, "cooccurring_factors")
