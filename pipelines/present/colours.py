"""Colours for charts, the scorecard and the pack: the GOV.UK Government Analysis Function
palette (colour-blind safe), the same colour for the same service everywhere (early help,
children in need, child protection), GOV.UK RAG colours and one grey for what is hidden."""

from __future__ import annotations

from neglect_insight.pipelines.present.labels import (
    ALL_PUPILS,
    COHORTS,
    LEVEL_IDS,
    SERVICES,
)

# GOV.UK Government Analysis Function palette.
DARK_BLUE, TURQUOISE, DARK_PINK, ORANGE = "#12436D", "#28A197", "#801650", "#F46A25"
DARK_GREY, LIGHT_PURPLE = "#3D3D3D", "#A285D1"
PALETTE = (DARK_BLUE, ORANGE, TURQUOISE, DARK_PINK, LIGHT_PURPLE, DARK_GREY)

TEXT, SECONDARY_TEXT, BORDER, PANEL = "#0b0c0c", "#505a5f", "#b1b4b6", "#f3f2f1"
HIDDEN = "#b1b4b6"  # a part not drawn because it is suppressed; England's bars
ENGLAND_COLOUR = DARK_GREY  # England's reference lines

SERVICE_COLOURS = {"eh": TURQUOISE, "cin": ORANGE, "cp": DARK_BLUE}
LEVEL_COLOURS = {i: SERVICE_COLOURS[service] for i, service in LEVEL_IDS.items()}
CATEGORY_COLOURS = {SERVICES[s]: c for s, c in SERVICE_COLOURS.items()} | {
    COHORTS["neglect"]: DARK_PINK, ALL_PUPILS: LIGHT_PURPLE}
# Journey steps (sql/indicators/journeys.sql) by the service they belong to.
STEP_COLOURS = {"Early help": TURQUOISE, "Referral": ORANGE, "Assessment": ORANGE,
                "Child in need plan": ORANGE, "Child protection plan": DARK_BLUE,
                "Closed": DARK_GREY, "Still open": LIGHT_PURPLE}

# RAG status: (background, text) in GOV.UK colours.
RAG_COLOURS = {"green": ("#00703c", "#ffffff"), "amber": ("#ffdd00", TEXT),
               "red": ("#d4351c", "#ffffff")}


def colour(indicator_id: str, n: int = 0) -> str:
    """The colour of an indicator's series: its service or cohort where it has one, else the
    n-th palette colour."""
    if indicator_id in LEVEL_COLOURS:
        return LEVEL_COLOURS[indicator_id]
    if indicator_id.startswith("attendance_"):
        for cohort in ("eh", "cin", "cp"):
            if indicator_id.endswith(f"_{cohort}"):
                return SERVICE_COLOURS[cohort]
        if indicator_id.endswith("_neglect"):
            return DARK_PINK
    return PALETTE[n % len(PALETTE)]
