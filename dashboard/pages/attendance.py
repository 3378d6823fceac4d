"""School attendance (Board): absence of children known to early help, children in need,
child protection and with neglect identified, beside all pupils and England; and whether
attendance improved after early help."""

from neglect_insight.dashboard.components import charts, commentary, comparison_charts, page
from neglect_insight.dashboard.data import indicators as data

load, selection = page.start_family("attendance")

charts.cohort_tabs(data.attendance_measures(load, selection))
charts.compare(data.attendance_after_early_help(load, selection))
charts.trend(data.trend(load, selection, ("attendance_absence_rate_neglect",
                                          "attendance_absence_rate_eh")))
comparison_charts.section(data.comparisons(load, selection, "attendance"))
commentary.section(load, selection, "attendance")
