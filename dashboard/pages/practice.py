"""Practice on neglect (Board and QA sub-group): how partners use the Graded Care Profile 2 with
families where neglect is identified, whether rescoring shows care improving overall and in each
area of care, and how multi-agency case audits of neglect are graded, beside the audit learning
of the same quarter."""

from neglect_insight.dashboard.components import (
    charts,
    commentary,
    indicator_card,
    page,
    practice_charts,
)
from neglect_insight.dashboard.data import indicators as data
from neglect_insight.dashboard.data.indicators import practice

load, selection = page.start_family("practice")

indicator_card.headlines(data.indicator_values(load, selection, data.family_ids("practice")),
                         "Practice on neglect now")
practice_charts.agency_over_time(practice.gcp2_by_agency(load, selection))
charts.trend(data.trend(load, selection, ("gcp2_neglect_coverage",)))
charts.breakdowns(data.breakdowns(load, selection, "gcp2_neglect_coverage"))
charts.trend(data.trend(load, selection, ("gcp2_improved",)))
practice_charts.grade_changes(practice.gcp2_grade_changes(load, selection))
practice_charts.audit_grades(practice.audit_grades(load, selection),
                             practice.audit_learning(load, selection))
charts.trend(data.trend(load, selection, ("audits_neglect_good",)))
commentary.section(load, selection, "practice")
