"""The board pack's download (the Board pack page): what the pack holds, a button that makes it
for the selected quarter end (with progress words while it works), then the HTML file and, when
the server has Chromium, the PDF. A period end the pack cannot be made for is explained instead.

Once made, the downloads stay on the page for the same load, quarter end and period length
(kept in the session; the files themselves come from the readers' cache), so a rerun does not
make the pack again. Downloading does not rerun the page.
"""

from __future__ import annotations

import streamlit as st

from neglect_insight.dashboard.data import Load
from neglect_insight.dashboard.data import board_pack as data
from neglect_insight.dashboard.data.indicators import Selection

MADE = "board_pack_made"  # session key: which pack was made, and why its PDF is missing
ASKED = "board_pack_asked"  # set by the button's callback (see `section`)
BUTTON = "Make the board pack"
ALL_CHILDREN = ("The pack covers all children: the population filters in the sidebar do not "
                "apply to it.")


def _ask() -> None:
    st.session_state[ASKED] = True


def _made_key(load: Load, selection: Selection) -> tuple[str, str, int]:
    return (load.run_id, selection.period_end.isoformat(), selection.months)


def _make(load: Load, selection: Selection) -> None:
    """Make the pack (and its PDF) with progress words; remember it was made."""
    with st.status("Making the board pack…", expanded=True) as status:
        status.write("Working out every measure for the quarter, the quarter before and the "
                     "same quarter a year ago…")
        pack = data.html(load, selection)
        if isinstance(pack, str):
            status.update(label="The board pack could not be made", state="error")
            st.error(pack, icon=":material/error:")
            return
        pdf_problem = data.pdf_unavailable()
        if pdf_problem is None:
            status.write("Printing the PDF (A4)…")
            printed = data.pdf_bytes(load, pack)
            pdf_problem = printed if isinstance(printed, str) else None
        status.update(label=f"The board pack for {pack.quarter} is ready", state="complete",
                      expanded=False)
    st.session_state[MADE] = {"key": _made_key(load, selection), "pdf_problem": pdf_problem}


def _downloads(load: Load, selection: Selection, pdf_problem: str | None) -> None:
    pack = data.html(load, selection)
    if isinstance(pack, str):  # the settings changed since it was made
        st.error(pack, icon=":material/error:")
        return
    st.download_button(f"Download the board pack for {pack.quarter} (HTML)",
                       pack.html.encode("utf-8"), file_name=f"{pack.file_stem}.html",
                       mime="text/html", on_click="ignore", icon=":material/download:",
                       key="board_pack_html")
    printed = pdf_problem or data.pdf_bytes(load, pack)
    if isinstance(printed, str):
        st.info(printed, icon=":material/info:")
        return
    st.download_button(f"Download the board pack for {pack.quarter} (PDF)", printed,
                       file_name=f"{pack.file_stem}.pdf", mime="application/pdf",
                       on_click="ignore", icon=":material/download:", key="board_pack_pdf")


def section(load: Load, selection: Selection) -> None:
    """What the pack holds, then the button and downloads for the selected quarter end, or why
    it cannot be made for it."""
    st.markdown(data.CONTENTS)
    problem = data.cannot_make(load, selection)
    if problem:
        st.info(problem, icon=":material/info:")
        return
    st.markdown(f"**{data.scope(selection)}** Choose another quarter end or period in the "
                "sidebar.")
    if selection.filters:
        st.caption(ALL_CHILDREN)
    # A callback, not st.button's return: under st.navigation, AppTest (1.67) drops a button's
    # True on the run it was clicked, while callbacks always run.
    st.button(BUTTON, type="primary", key="board_pack_make", on_click=_ask)
    if st.session_state.pop(ASKED, False):
        _make(load, selection)
    made = st.session_state.get(MADE)
    if made and made["key"] == _made_key(load, selection):
        _downloads(load, selection, made["pdf_problem"])
