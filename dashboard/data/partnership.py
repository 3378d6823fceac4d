"""Who the dashboard is for: the partnership the settings file names ([partnership]), resolved
against a load's published DfE tables (`pipelines.indicators.benchmarks.partnership`), cached
per load and settings file. Without settings it is the demo's ("Demo partnership
(synthetic)"). A code no shipped DfE file holds raises `PartnershipError` (a `ValueError`) and a
bad settings file `SettingsError`: each message is plain words, for a page to show as it is.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from neglect_insight.dashboard.data import Load, cursor
from neglect_insight.dashboard.data.indicators.views import HASH_FUNCS
from neglect_insight.pipelines.indicators.benchmarks import (
    DEMO_NAME,
    Partnership,
    PartnershipError,
    partnership,
)
from neglect_insight.pipelines.settings import load_settings, settings_path

__all__ = ["DEMO_NAME", "Partnership", "PartnershipError", "name", "who"]


@st.cache_data(show_spinner=False, max_entries=50, hash_funcs=HASH_FUNCS)
def _who(load: Load, settings_file: str | None, changed_ns: int | None) -> Partnership:
    """Cached by load, settings file and its modification time (a changed file is re-read)."""
    settings = load_settings(Path(settings_file) if settings_file else None)
    return partnership(cursor(load), settings.partnership)


def who(load: Load) -> Partnership:
    """The partnership for `load`; raises PartnershipError or SettingsError (plain messages)."""
    path = settings_path()
    if path is None:
        return _who(load, None, None)
    return _who(load, str(path.resolve()), path.stat().st_mtime_ns)


def name(load: Load | None) -> str:
    """The partnership's name for a page header: the demo's when there is no load yet."""
    if load is None:
        settings = load_settings().partnership
        return settings.name or (DEMO_NAME if not settings.la_codes else
                                 " and ".join(settings.la_codes))
    return who(load).name
