"""The sidebar's list of pages, drawn by us: a heading per section (Strategy, Board, Quality)
and a link per page the person looking may open.

Streamlit's own sidebar navigation is hidden (`st.navigation(..., position="hidden")`): its
markup fails axe-core's `list` and `listitem` rules (WCAG 1.3.1) on every page. Pages a role
cannot open are not listed; each page still checks the role itself (`page.require`), on the
server, so a typed URL is refused as before. Nobody signed in: no links (the sign-in form)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from neglect_insight.dashboard.data import access
from neglect_insight.pipelines.settings import SettingsError

BOARD = "board"


def needed_role(page: StreamlitPage, roles: Mapping[str, str]) -> str:
    """The role `page` asks for: its url path's entry in `roles`, else board."""
    return roles.get(page.url_path, BOARD)


def visible(sections: Mapping[str, Sequence[StreamlitPage]], roles: Mapping[str, str],
            person: access.Viewer | None) -> dict[str, list[StreamlitPage]]:
    """The sections and pages `person` may open, in order; sections left empty are dropped."""
    if person is None:
        return {}
    shown = {name: [p for p in pages if person.may(needed_role(p, roles))]
             for name, pages in sections.items()}
    return {name: pages for name, pages in shown.items() if pages}


def _viewer() -> access.Viewer | None:
    """Who is looking; None (no links) for a bad [access] section: the page says why."""
    try:
        return access.viewer()
    except SettingsError:
        return None


def links(sections: Mapping[str, Sequence[StreamlitPage]], roles: Mapping[str, str]) -> None:
    """The page links in the sidebar, under their section headings."""
    shown = visible(sections, roles, _viewer())
    if not shown:
        return
    with st.sidebar.container(key="navigation"):
        for section, pages in shown.items():
            st.subheader(section, anchor=False)
            for page in pages:
                st.page_link(page, label=page.title)


def run(sections: Mapping[str, Sequence[StreamlitPage]], roles: Mapping[str, str]) -> None:
    """Register every page (each keeps its URL, and its own role check), draw our links, and
    run the page the URL names."""
    current = st.navigation({name: list(pages) for name, pages in sections.items()},
                            position="hidden")
    links(sections, roles)
    current.run()
