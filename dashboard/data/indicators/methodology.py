"""Methodology reader: every indicator of the catalogue in words, with its family's sources and
caveats and the England figure it is compared with (its latest published year in the load)."""

from __future__ import annotations

from neglect_insight.dashboard.data import Load
from neglect_insight.dashboard.data.indicators.cubes import england
from neglect_insight.dashboard.data.indicators.views import Method
from neglect_insight.pipelines.indicators.catalogue import catalogue, family
from neglect_insight.pipelines.present.headlines import england_text
from neglect_insight.pipelines.present.numbers import UNIT_NAMES
from neglect_insight.pipelines.present.states import NO_COMPARATOR
from neglect_insight.pipelines.present.travel import BETTER_WORDS


def methodology(load: Load | None) -> list[Method]:
    """Every indicator of the catalogue, with its sources, caveats and England comparator (from
    `load`'s published figures; none before the first load)."""
    published = england(load, None) if load is not None else {}
    out = []
    for indicator in catalogue().values():
        home = family(indicator.family)
        figure = published.get(indicator.id)
        out.append(Method(
            indicator.id, home.name, indicator.label, indicator.short_label,
            UNIT_NAMES[indicator.unit], BETTER_WORDS[indicator.better], indicator.definition,
            home.sources, home.caveats,
            england_text(figure, indicator.unit, with_source=True) if figure
            else NO_COMPARATOR))
    return out


def journeys_method() -> str:
    """How the journeys (Sankey) diagram on Flows between services is drawn."""
    return family("flows").visuals["journeys"]
