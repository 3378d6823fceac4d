"""Co-occurring factors (Board): the parental "toxic trio" (alcohol, drugs, domestic abuse,
mental health) identified beside neglect at assessment."""

from neglect_insight.dashboard.components import charts, page
from neglect_insight.dashboard.data import indicators as data

load, selection = page.start(
    "Co-occurring factors",
    "How often parental alcohol misuse, drug misuse, domestic abuse and mental health are "
    "identified beside neglect in children in need assessments.")

charts.compare(data.indicator_values(load, selection, data.family_ids("cooccurring_factors")))
charts.trend(data.trend(load, selection, ("neglect_cooccurring_toxic_trio",)))
charts.breakdowns(data.breakdowns(load, selection, "neglect_cooccurring_toxic_trio"))
