"""What every page asks for, computed once per load in the background when a served dashboard
first shows it: each family's cubes for the latest quarter ends (the trends' points, the 12
months first, then the quarters) and each family's comparison section (the published
benchmarks and series, which no filter changes). A page opened later then draws from cache.

Only in a running server (`streamlit.runtime.exists()`): a page test has no server, and its
small loads gain nothing from it."""

from __future__ import annotations

import threading
from datetime import date

import duckdb
from streamlit import runtime
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from neglect_insight.dashboard.data import Load
from neglect_insight.dashboard.data.indicators.benchmarks import comparisons
from neglect_insight.dashboard.data.indicators.cubes import RECENT_QUARTERS, period_ends
from neglect_insight.dashboard.data.indicators.prefetch import WORKER, prefetch
from neglect_insight.dashboard.data.indicators.views import HASH_FUNCS, Selection
from neglect_insight.pipelines.indicators.catalogue import families

_WARMED: set[tuple] = set()
_LOCK = threading.Lock()


def warm(load: Load) -> None:
    """Queue, once per load, what the pages will ask for at the latest quarter end."""
    if not runtime.exists():
        return
    key = HASH_FUNCS[Load](load)
    with _LOCK:
        if key in _WARMED:
            return
        _WARMED.add(key)
    ends = period_ends(load)
    if not ends:
        return
    recent = list(reversed(ends[-RECENT_QUARTERS:]))  # newest first
    prefetch(load, families(), [(end, 12) for end in recent])
    WORKER.submit(_comparisons, get_script_run_ctx(suppress_warning=True), load, ends[-1])
    prefetch(load, families(), [(end, 3) for end in recent])


def _comparisons(context, load: Load, end: date) -> None:
    if context is not None:
        add_script_run_ctx(threading.current_thread(), context)
    for family_id in families():
        try:
            comparisons(load, Selection(end, 12), family_id)
        except duckdb.Error:  # a warm-up never fails a page; the page computes it if asked
            pass
