"""Overview (Strategy): what moved, RAG counts at a glance, and the strategy's headline measures
on one screen, each with its recent trend and against a quarter before, a year before, England
and the partnership's target (pipelines/indicators/targets.toml, with its quarter's trajectory
value where one is set)."""

from neglect_insight.dashboard.components import indicator_card, page
from neglect_insight.dashboard.data import indicators as data

load, selection = page.start(
    "Overview",
    "The neglect strategy's headline measures: what moved, where they are now, which way they "
    "are going and how they compare with England and with the partnership's targets.")

indicator_card.scorecard(data.scorecard(load, selection),
                         trends=data.scorecard_trends(load, selection))
