"""Methodology (Quality): every indicator's definition, unit, which way is better, source
fields, caveats and England comparator, generated from the catalogue. Chart "definition" links
land here, on the indicator's anchor (its id)."""

from neglect_insight.dashboard.components import definitions, page
from neglect_insight.dashboard.data import indicators as data
from neglect_insight.dashboard.data.dfe_rules import dfe_rules_table

page.title(
    "Methodology",
    "How every number in Neglect Insight is defined and where it comes from. Definitions "
    "follow the project's indicator specification; England figures are published statistics, "
    "each with its year and source.")

definitions.catalogue(data.methodology(data.current_load()))
definitions.journeys(data.journeys_method())
definitions.readings()
definitions.disclosure()
definitions.dfe_rules(dfe_rules_table())
