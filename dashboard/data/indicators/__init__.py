"""Readers for the board and strategy pages: indicator values, trends, breakdowns, journeys,
the scorecard and the methodology, disclosure-controlled and in plain English, each ready for
one component. Pages call only what this package exports.

Every number comes from `pipelines.indicators.engine` (the engine behind the `indicators`
command and the board pack), so a figure on a page traces to its family SQL and the load it
was computed from, and is made fit for the board by `pipelines.present`, as the pack's are.
Modules by job:

- `views`: what the user chose (`Selection`) and what a visual shows (`View`, `Scorecard`,
  `Method`); the cache keys.
- `cubes`: raw figures from the load, cached per (load, family, period): a filter or breakdown
  is then `Cube.values` / `Cube.breakdown`, exactly what `engine.compute` / `engine.breakdown`
  return (tests/dashboard/test_indicators_data.py checks its figures against hand-worked
  ones); the optional files a load lacks; England's figures.
- `prefetch`: cubes the next click is likely to need, computed in the background; `warm`:
  what every page asks for, computed once per load in the background of a served dashboard.
- `values`, `trends`, `attendance`, `journeys`, `scorecard`, `methodology`: the readers.

A family whose SQL is missing, whose tables this load predates, or whose optional extract file
was not sent comes back as a `View` with `unavailable` set: pages never see an exception.
"""

from neglect_insight.dashboard.data.indicators.attendance import (
    attendance_after_early_help,
    attendance_cohorts,
    attendance_measures,
)
from neglect_insight.dashboard.data.indicators.benchmarks import comparisons
from neglect_insight.dashboard.data.indicators.cubes import (
    current_load,
    family_ids,
    filter_options,
    period_ends,
)
from neglect_insight.dashboard.data.indicators.journeys import journeys
from neglect_insight.dashboard.data.indicators.methodology import journeys_method, methodology
from neglect_insight.dashboard.data.indicators.scorecard import scorecard, scorecard_trends
from neglect_insight.dashboard.data.indicators.trends import trend
from neglect_insight.dashboard.data.indicators.values import (
    breakdown,
    breakdowns,
    indicator_values,
    prevalence_split,
)
from neglect_insight.dashboard.data.indicators.views import (
    Method,
    Scorecard,
    ScoreLine,
    Selection,
    View,
)
from neglect_insight.dashboard.data.indicators.warm import warm
from neglect_insight.pipelines.present.labels import LEVEL_IDS

__all__ = [
    "LEVEL_IDS", "Method", "ScoreLine", "Scorecard", "Selection", "View",
    "attendance_after_early_help", "attendance_cohorts", "attendance_measures", "breakdown",
    "breakdowns", "comparisons", "current_load", "family_ids", "filter_options", "indicator_values",
    "journeys", "journeys_method", "methodology", "period_ends", "prevalence_split",
    "scorecard", "scorecard_trends", "trend", "warm",
]
