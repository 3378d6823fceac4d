"""Re-referrals (Board): referrals within 12 months of a previous referral, for all referrals
and for neglect, against England."""

from neglect_insight.dashboard.components import (
    charts,
    commentary,
    comparison_charts,
    indicator_card,
    page,
)
from neglect_insight.dashboard.data import indicators as data

load, selection = page.start_family("rereferrals")

indicator_card.headlines(data.indicator_values(load, selection, ("referrals",)),
                         "Referrals to children's social care")
charts.compare(data.indicator_values(load, selection,
                                     ("rereferral_12m_neglect", "rereferral_12m")))
charts.trend(data.trend(load, selection, ("rereferral_12m_neglect", "rereferral_12m")))
charts.breakdowns(data.breakdowns(load, selection, "rereferral_12m_neglect"))
comparison_charts.section(data.comparisons(load, selection, "rereferrals"))
commentary.section(load, selection, "rereferrals")
