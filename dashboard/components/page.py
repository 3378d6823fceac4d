"""The top of every page: who may see it (checked on the server before any data is read), whose
figures they are (the partnership's name), its title and what it is for, the load it shows,
and the global filters; or, before the first good load, an explanation instead of the page.

Every page's first call is `require(role)`, directly or through `title` / `start`: a visitor
who is not signed in sees the sign-in form, and one whose role is below `role` (board < qa <
admin) is refused, recorded in the audit log, and sees nothing of the page."""

from __future__ import annotations

import re

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from neglect_insight.dashboard.components import filters, sign_in
from neglect_insight.dashboard.data import Load, access, partnership
from neglect_insight.dashboard.data.indicators import Selection, current_load, warm
from neglect_insight.pipelines.indicators.catalogue import family
from neglect_insight.pipelines.present.colours import SECONDARY_TEXT
from neglect_insight.pipelines.present.labels import load_words
from neglect_insight.pipelines.settings import SettingsError

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


# WCAG 2.2 AA, 1.4.3 (contrast 4.5:1): Streamlit draws captions at 60% opacity, which turns
# their links (#1d70b8 to #77a9d4, 2.5:1: the "Definition" links) and code spans pale. Captions
# are drawn opaque in GOV.UK's secondary text colour instead (7.1:1 on white, 6.3:1 on the
# sidebar's grey; links keep #1d70b8, 5.2:1 and 4.6:1). No external fonts or assets.
STYLE = f"""<style>
[data-testid="stCaptionContainer"] {{ opacity: 1; color: {SECONDARY_TEXT}; }}
.st-key-partnership p {{ color: {SECONDARY_TEXT}; font-size: 1.25rem; margin-bottom: 0; }}
</style>"""
MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")  # a name is shown as written


REFUSED = {
    "qa": "This page shows child-level records or unsuppressed figures, so it is for QA users "
          "and administrators only. Your visit has been recorded.",
    "admin": "This page is for administrators only. Your visit has been recorded.",
}


def require(role: str, page_name: str) -> access.Viewer:
    """The person looking, when their role is `role` or above; otherwise the sign-in form or
    a refusal (recorded with `page_name`), and the page stops. Call before reading any data."""
    _use_app_navigation()
    st.html(STYLE)
    try:
        person = access.viewer()
    except SettingsError as err:  # fail closed: a bad [access] section shows nothing
        st.error(str(err), icon=":material/error:")
        st.stop()
    if person is None:
        sign_in.form()
        st.stop()
    sign_in.status(person)
    if not person.may(role):
        access.record_for(person, "refusal", page=page_name, needs=role)
        st.error(REFUSED[role], icon=":material/lock:")
        st.stop()
    partnership_name()
    return person


def partnership_name() -> None:
    """Whose figures these are, above the page's title (in the GOV.UK caption style): the
    settings file's [partnership] name, "Demo partnership (synthetic)" without one. A bad
    partnership setting is said in plain words; the page goes on."""
    try:
        name = partnership.name(current_load())
    except (partnership.PartnershipError, SettingsError) as err:
        st.error(str(err), icon=":material/error:")
        return
    with st.container(key="partnership"):
        st.markdown(MARKDOWN.sub(r"\\\1", name))


def title(text: str, purpose: str, role: str = "board") -> access.Viewer:
    """`require(role)`, then the page title and, beneath it, what the page is for."""
    person = require(role, text)
    st.title(text, anchor=False)
    st.markdown(purpose)
    return person


def viewer() -> access.Viewer:
    """The person `require` let in on this run (for the audit log)."""
    person = access.viewer()
    if person is None:  # cannot happen after require(); never show anything if it does
        st.stop()
    return person


def start(heading: str, purpose: str, role: str = "board") -> tuple[Load, Selection]:
    """`require(role)`, title, purpose and the sidebar filters; stops the page with an
    explanation when there is no load, or no whole quarter to show."""
    person = title(heading, purpose, role)
    load = current_load()
    if load is None:
        st.info(NO_LOAD, icon=":material/info:")
        st.stop()
    warm(load)  # once per load: the other pages' figures, computed while this one is read
    selection = filters.sidebar(load)
    if selection is None:
        st.stop()
    words = load_words(load.extract_date, load.loaded_at)
    with st.sidebar:  # the run id only for those who trace numbers to rows
        st.caption(f"{words[0].upper()}{words[1:]}.",
                   help=f"Load {load.run_id}" if person.may("qa") else None)
    return load, selection


def start_family(family_id: str) -> tuple[Load, Selection]:
    """`start` for an indicator family's page: its name and purpose from the catalogue."""
    home = family(family_id)
    return start(home.name, home.purpose)
