"""What the next click is likely to need, computed on one background thread while the user
reads: the cubes for the other period length, or for the period end moved back. That click
then redraws from cache. Filters need no prefetch: a cube holds every part of the population."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import duckdb
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from neglect_insight.dashboard.data import Load
from neglect_insight.dashboard.data.indicators.cubes import cube, period_ends
from neglect_insight.dashboard.data.indicators.views import HASH_FUNCS

WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="neglect-insight-prefetch")
_QUEUED: set[tuple] = set()
_LOCK = threading.Lock()


def prefetch(load: Load, families: Iterable[str], periods: Iterable[tuple[date, int]]) -> None:
    """Queue the cubes of `families` for each (period end, months), once per load."""
    context = get_script_run_ctx(suppress_warning=True)
    key = HASH_FUNCS[Load](load)
    wanted = [(family, end, months) for end, months in periods for family in families]
    with _LOCK:
        todo = [w for w in dict.fromkeys(wanted) if (key, *w) not in _QUEUED]
        _QUEUED.update((key, *w) for w in todo)
    for family, end, months in todo:
        WORKER.submit(_prefetch_one, context, load, family, end, months)


def earlier(load: Load, end: date) -> list[date]:
    """The quarter end before `end` in the load, if any."""
    return [e for e in period_ends(load) if e < end][-1:]


def _prefetch_one(context, load: Load, family: str, end: date, months: int) -> None:
    if context is not None:
        add_script_run_ctx(threading.current_thread(), context)
    try:
        cube(load, family, end, months)
    except duckdb.Error:  # a prefetch never fails a page; the page computes it if asked
        pass
