"""Board pack (Strategy): the quarterly board pack, as `neglect-insight report` makes it, to
download for the quarter end chosen in the sidebar (HTML, and PDF when the server can print)."""

from neglect_insight.dashboard.components import board_pack, page

load, selection = page.start(
    "Board pack",
    "The quarterly board pack for the partnership's board: every measure for the quarter, "
    "with what moved, the targets and the commentary, in one file to read offline or print.")

board_pack.section(load, selection)
