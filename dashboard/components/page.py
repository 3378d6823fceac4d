"""The top of every board page: its title and what it is for, the load it shows, and the global
filters; or, before the first good load, an explanation instead of the page."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from neglect_insight.dashboard.components import filters
from neglect_insight.dashboard.data import Load
from neglect_insight.dashboard.data.indicators import Selection, current_load
from neglect_insight.pipelines.calendar import format_date
from neglect_insight.pipelines.indicators.catalogue import family

NO_LOAD = (
    "No data has been loaded yet, so there is nothing to show. Load a delivery with "
    "`neglect-insight ingest FOLDER` (or try the synthetic demo with `neglect-insight demo`); "
    "the Data quality page shows whether a delivery was refused and why."
)


def _use_app_navigation() -> None:
    """Streamlit treats a `pages/` folder beside app.py as an old-style page list until app.py
    has run once in the server; a first visit straight to /prevalence would then run the page
    alone (folder navigation, narrow layout). Switch to app.py's st.navigation and run again:
    page URLs are the file names, so the same page opens."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def title(text: str, purpose: str) -> None:
    """The page title and, beneath it, what the page is for."""
    _use_app_navigation()
    st.title(text, anchor=False)
    st.markdown(purpose)


def start(heading: str, purpose: str) -> tuple[Load, Selection]:
    """Title, purpose and the sidebar filters; stops the page with an explanation when there
    is no load, or no whole quarter to show."""
    title(heading, purpose)
    load = current_load()
    if load is None:
        st.info(NO_LOAD, icon=":material/info:")
        st.stop()
    selection = filters.sidebar(load)
    if selection is None:
        st.stop()
    with st.sidebar:
        st.caption(f"Showing load {load.run_id}: extract of {format_date(load.extract_date)}, "
                   f"loaded {format_date(load.loaded_at.date())}.")
    return load, selection


def start_family(family_id: str) -> tuple[Load, Selection]:
    """`start` for an indicator family's page: its name and purpose from the catalogue."""
    home = family(family_id)
    return start(home.name, home.purpose)
