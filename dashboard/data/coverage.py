"""Reader for the Data quality page: whether the current load's data stops well before its
extract date (`pipelines/load/coverage.py`, recorded in `load_info` at load time), so the
periods offered stop where the data does."""

from __future__ import annotations

import streamlit as st

from neglect_insight.dashboard.data import Load, cursor
from neglect_insight.pipelines.load.coverage import stored_coverage


@st.cache_data(show_spinner=False, hash_funcs={Load: lambda load: (load.run_id, str(load.file))})
def stale_warning(load: Load | None) -> str | None:
    """The warning ingest printed when the newest event is more than three months before the
    extract date; None when it is not, before any load, or for a load older than the check."""
    if load is None:
        return None
    covered = stored_coverage(cursor(load))
    return covered.warning if covered else None
