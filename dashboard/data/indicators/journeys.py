"""Journeys reader: children's paths through services in the period as Sankey links, small
numbers hidden by the journey rule of `disclosure.hidden_links`."""

from __future__ import annotations

import duckdb

from neglect_insight.dashboard.data import Load, cursor
from neglect_insight.dashboard.data.indicators.views import Selection, View, cached, row, view
from neglect_insight.pipelines.indicators import disclosure, engine
from neglect_insight.pipelines.indicators.catalogue import family
from neglect_insight.pipelines.present.cells import count_cells, threshold
from neglect_insight.pipelines.present.states import LOAD_TOO_OLD, not_available

NOT_DRAWN = "this version of Neglect Insight does not draw journeys yet."


@cached()
def _journey_links(load: Load, sel: Selection) -> list[engine.JourneyLink] | str:
    try:
        return engine.journeys(cursor(load), sel.period_end, sel.months, sel.filter_map)
    except FileNotFoundError:
        return not_available(family("flows").name, NOT_DRAWN)
    except duckdb.CatalogException:
        return not_available(family("flows").name, LOAD_TOO_OLD)


def journeys(load: Load, sel: Selection) -> View:
    """Children's paths through services in the period as Sankey links (category: from,
    series: to, value: children), small numbers suppressed."""
    links = _journey_links(load, sel)
    if isinstance(links, str):
        return view((), sel, load, [], {"flows": links}, category_name="From",
                    series_name="To")
    shown = count_cells([link.children for link in links],
                        disclosure.hidden_links(links, threshold()))
    rows = [row("", sel.period_end, link.source, link.target, cell)
            for link, cell in zip(links, shown, strict=True)]
    return view((), sel, load, rows, {}, category_name="From", series_name="To")
