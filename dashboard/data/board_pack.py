"""The quarterly board pack for the dashboard's download (interface.md, `report`): the same
document `neglect-insight report` writes (`pipelines.report.board_pack_html`), made for the
current load and the selected quarter on the load's read-only cursor, and its PDF printed by
headless Chromium (`pipelines.pack.pdf`) when this machine has one.

The pack is disclosure-controlled board output for all children (the sidebar's population
filters do not apply to it). Made HTML and PDF are cached per (load, period end, months) and
the inputs a pack reads besides the load: the quarter's commentary, the settings file
(partnership, disclosure threshold), the targets file and the day it was made (on its cover);
so a rerun, or another board member asking for the same quarter, does not make it again, and
a new commentary version or target does. Nothing here writes to the audit log or logs anything
about the pack's contents.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import streamlit as st

from neglect_insight.dashboard.data import Load, cursor, partnership
from neglect_insight.dashboard.data import commentary as commentary_data
from neglect_insight.dashboard.data.indicators import Selection, period_ends
from neglect_insight.dashboard.data.indicators.views import HASH_FUNCS
from neglect_insight.pipelines.calendar import format_date, quarter_label
from neglect_insight.pipelines.commentary import store_path
from neglect_insight.pipelines.indicators.benchmarks import PartnershipError
from neglect_insight.pipelines.indicators.scorecard import targets_path
from neglect_insight.pipelines.pack import pdf
from neglect_insight.pipelines.report import board_pack_html
from neglect_insight.pipelines.settings import SettingsError, settings_path

__all__ = ["CONTENTS", "Pack", "cannot_make", "file_stem", "html", "pdf_bytes", "pdf_unavailable",
           "scope"]

# What the made pack holds, for the page.
CONTENTS = (
    "The board pack is one file to read offline or print: a cover naming the partnership and "
    "the quarter; a one-page summary of what moved most since the last quarter and a year "
    "ago, how many measures are on or off track and each target met or not; then one section "
    "per indicator family with its headline measure, a chart of the trend beside England, "
    "the region and statistical neighbours, the quarter's commentary and every measure now, "
    "a quarter ago and a year ago. Small counts are suppressed (shown as c), as on these "
    "pages, and a note lists them; definitions close the pack.")


@dataclass(frozen=True)
class Pack:
    """A made board pack: its HTML and the name its files are offered under."""

    period_end: date
    months: int
    html: str

    @property
    def file_stem(self) -> str:
        return file_stem(self.period_end)

    @property
    def quarter(self) -> str:
        """'Q4 2024-25 (quarter ending 31 March 2025)'."""
        return f"{quarter_label(self.period_end)} (quarter ending {format_date(self.period_end)})"


def scope(selection: Selection) -> str:
    """'The quarter ending 31 March 2025 (Q4 2024-25), with figures for the 12 months to each
    quarter end.'"""
    length = "the quarter" if selection.months == 3 else f"the {selection.months} months"
    return (f"The quarter ending {format_date(selection.period_end)} "
            f"({quarter_label(selection.period_end)}), with figures for {length} to each "
            "quarter end.")


def file_stem(period_end: date) -> str:
    """'board-pack-2025-03-31'."""
    return f"board-pack-{period_end.isoformat()}"


def cannot_make(load: Load, selection: Selection) -> str | None:
    """Why no pack can be made for the selected period end, naming the quarter ends the load
    covers; None when it can."""
    ends = period_ends(load)
    if selection.period_end in ends:
        return None
    offered = ", ".join(f"{format_date(e)} ({quarter_label(e)})" for e in reversed(ends))
    return (f"A board pack is made for a quarter end this load covers, and "
            f"{format_date(selection.period_end)} is not one. Choose one of these in "
            f"\"Period ending\" in the sidebar: {offered or 'none yet'}.")


def _version(path: Path | None) -> tuple[str, int] | None:
    """A file's path and modification time: a changed file makes a new cache entry."""
    if path is None or not path.is_file():
        return None
    return str(path), path.stat().st_mtime_ns


def _inputs() -> tuple:
    """What a pack reads besides the load, as a cache key."""
    return (_version(store_path(commentary_data.store())), _version(settings_path()),
            _version(targets_path()), date.today().isoformat())


@st.cache_data(show_spinner=False, max_entries=20, hash_funcs=HASH_FUNCS)
def _html(load: Load, period_end: date, months: int, inputs_key: tuple) -> str:
    return board_pack_html(cursor(load), period_end, months, store=commentary_data.store(),
                           who=partnership.who(load))


def html(load: Load, selection: Selection) -> Pack | str:
    """The board pack for the selected quarter end and period length, or, when it cannot be
    made, why (in plain words: a period end the load does not cover, a bad settings file or
    partnership code)."""
    problem = cannot_make(load, selection)
    if problem:
        return problem
    try:
        text = _html(load, selection.period_end, selection.months, _inputs())
    except (PartnershipError, SettingsError) as err:
        return f"The board pack could not be made: {err}"
    return Pack(selection.period_end, selection.months, text)


def pdf_unavailable() -> str | None:
    """Why no PDF is offered on this machine (no Chromium found); None when one can be
    printed."""
    if pdf.chromium() is None:
        return ("The PDF is not offered: this server has no Chromium to print it with (ask "
                f"whoever runs the dashboard to install it, or set {pdf.CHROMIUM_ENV}). The "
                "HTML pack prints to PDF from any browser.")
    return None


@st.cache_data(show_spinner=False, max_entries=20, hash_funcs=HASH_FUNCS)
def _pdf(load: Load, period_end: date, months: int, inputs_key: tuple, _html_text: str,
         browser: str) -> bytes:
    """Keyed as `_html` is (the HTML itself is not hashed: it is that entry's)."""
    with tempfile.TemporaryDirectory(prefix="neglect-pack-") as folder:
        page = Path(folder) / f"{file_stem(period_end)}.html"
        page.write_text(_html_text, encoding="utf-8")
        return pdf.print_pdf(page, Path(folder) / f"{file_stem(period_end)}.pdf").read_bytes()


def pdf_bytes(load: Load, pack: Pack) -> bytes | str:
    """The pack printed to A4 PDF, or why not (no Chromium, or Chromium failed)."""
    missing = pdf_unavailable()
    if missing:
        return missing
    try:
        return _pdf(load, pack.period_end, pack.months, _inputs(), pack.html,
                    pdf.chromium() or "")
    except pdf.PdfError as err:
        return f"The PDF could not be made: {err} The HTML pack prints to PDF from any browser."
