"""Measure how long the dashboard takes to redraw after a filter change (not a pytest test).

    neglect-insight synth --out /tmp/large --scale large-la
    neglect-insight ingest /tmp/large --db /tmp/large.duckdb --extract-date 2025-03-31
    python -m tests.dashboard.redraw_timing --db /tmp/large.duckdb [--page pages/prevalence.py]

Runs the app headless with Streamlit's AppTest (the whole page script: readers, components,
plotly figures, tables), first cold, then after each filter change, and prints the seconds each
rerun took. A browser adds the time to draw the returned elements, which this does not count.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

PAGES = ("pages/overview.py", "pages/prevalence.py", "pages/repeat_plans.py",
         "pages/rereferrals.py", "pages/attendance.py", "pages/drift.py", "pages/flows.py",
         "pages/cooccurring_factors.py")


def _timed(at) -> float:
    start = time.perf_counter()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return time.perf_counter() - start


def measure(db: str, pages: tuple[str, ...], pause: float) -> None:
    os.environ["NEGLECT_INSIGHT_DB"] = db
    from streamlit.testing.v1 import AppTest

    from neglect_insight.dashboard import APP_PATH
    from neglect_insight.dashboard.components.filters import widget_key
    from neglect_insight.dashboard.data.indicators import current_load, filter_options, period_ends

    options = filter_options(current_load())
    ends = period_ends(current_load())

    at = AppTest.from_file(str(APP_PATH), default_timeout=300)
    at.run()
    print(f"{'page':<32} {'change':<34} {'seconds':>8}")
    for page in pages:
        at.switch_page(page)
        print(f"{page:<32} {'open (cold)':<34} {_timed(at):>8.2f}")
        filter_changes = []
        for name, index in (("locality", 0), ("sex", 0), ("age_band", 3), ("disability", 0),
                            ("ethnicity_group", 0), ("locality", 1), ("locality", None)):
            value, label = options[name][index] if index is not None else ("", "Everyone")
            at.sidebar.selectbox(key=widget_key(name)).set_value(value)
            seconds = _timed(at)
            filter_changes.append(seconds)
            print(f"{page:<32} {name + ' -> ' + label[:20]:<34} {seconds:>8.2f}")
        for name in ("sex", "age_band", "disability", "ethnicity_group"):
            at.sidebar.selectbox(key=widget_key(name)).set_value("")
        _timed(at)
        time.sleep(pause)  # as a reader would: prefetch works meanwhile
        period = at.sidebar.selectbox(key=widget_key("period_end"))
        period.set_value(ends[-2])
        print(f"{page:<32} {'period end -> previous quarter':<34} {_timed(at):>8.2f}")
        period.set_value(ends[-1])
        _timed(at)
        months = at.sidebar.radio(key=widget_key("months"))
        months.set_value(3)
        print(f"{page:<32} {'12 months -> quarter (cold)':<34} {_timed(at):>8.2f}")
        months.set_value(12)
        print(f"{page:<32} {'quarter -> 12 months (cached)':<34} {_timed(at):>8.2f}")
        print(f"{page:<32} {'median of filter changes':<34} "
              f"{statistics.median(filter_changes):>8.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--page", action="append")
    parser.add_argument("--pause", type=float, default=5.0,
                        help="seconds to wait before changing the period, as a reader would")
    args = parser.parse_args()
    measure(args.db, tuple(args.page or PAGES), args.pause)
