"""Ingests killed at chosen and at random moments, and two ingests at once (issue 10, point 6).

Each case copies a database whose current load is the old delivery, runs `neglect-insight
ingest` of the new delivery in a child process that kills itself with SIGKILL at a named
point (pipelines/load/faults.py) or is killed after a random delay, then proves: the current
load is the old or the new one, complete (opens read-only, names itself in `load_info`, its
indicators are exactly that delivery's), never a mix; the next run cleans what was left and
says what it cleaned. The killed processes run side by side to keep the suite short.
"""

from __future__ import annotations

import os
import random
import re
import signal
import time
from pathlib import Path

from typer.testing import CliRunner

from neglect_insight.pipelines import ingest
from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.load import commit, faults
from neglect_insight.pipelines.load.commit import SWITCHING, clean_leftovers
from neglect_insight.pipelines.load.database import (
    loads_dir,
    runs_dir,
    store_dir,
    switch_link,
)
from neglect_insight.pipelines.load.locks import ingest_lock, lock_path
from neglect_insight.pipelines.load.run_history import read_runs
from tests.ingest_runs import (
    EXTRACT_DATE,
    assert_one_complete_load,
    copy_store,
    references,
    start_ingest,
)

# Named points, and which load is current after a kill there.
POINTS = {
    "during:read": "old",
    "during:validate": "old",
    "after:build_models": "old",
    "before:switch": "old",
    "after:switch": "new",
}
RANDOM_KILLS = 3  # killed after a random delay within a normal ingest's duration
SEED = int(os.environ.get("NEGLECT_INSIGHT_FAULT_SEED", "10"))


def _clean(db) -> list[str]:
    with ingest_lock(db) as lock:
        return clean_leftovers(db, lock)


def _assert_nothing_left(db) -> None:
    assert not list(store_dir(db).glob(".loading-*"))
    assert not list(db.parent.glob(switch_link(db, "*").name))
    assert not list(runs_dir(db).glob(f"*/{SWITCHING}"))
    loaded = {r["run_id"] for r in read_runs(db) if r["outcome"] == "loaded"}
    assert {p.stem for p in loads_dir(db).glob("*.duckdb")} == loaded
    assert _clean(db) == []  # a second clean finds nothing


def test_killed_at_each_named_point(tmp_path):
    refs = references()
    runs = {}
    for point in POINTS:
        db = copy_store(refs, tmp_path / point.replace(":", "_"))
        runs[point] = (db, start_ingest(refs.new_delivery, db, point))
    for point, (db, process) in runs.items():
        output = process.communicate(timeout=240)[0]
        assert process.returncode == -signal.SIGKILL, f"{point} never reached:\n{output}"
        current = assert_one_complete_load(db, refs)
        assert (current == refs.old_id) == (POINTS[point] == "old"), point
        cleaned = _clean(db)
        assert cleaned[0].startswith("Took over the lock of an ingest that stopped"), point
        if point == "after:switch":
            assert re.fullmatch(r"Run \S+ had become current when its ingest stopped; its "
                                r"record is complete\.", cleaned[1])
        elif point == "before:switch":
            assert cleaned[1].startswith("Removed run ") and "stopped before switching" in \
                cleaned[1]
        else:
            assert cleaned[1].startswith("Removed the half-built load of run "), point
        assert len(cleaned) == 2, cleaned
        _assert_nothing_left(db)
        assert assert_one_complete_load(db, refs) == current


def test_killed_after_random_delays(tmp_path):
    refs = references()
    delays = random.Random(SEED).sample(range(5, 80), RANDOM_KILLS)  # tenths of a second
    runs = []
    for n, delay in enumerate(sorted(delays)):
        db = copy_store(refs, tmp_path / f"random{n}")
        runs.append((db, delay / 10, start_ingest(refs.new_delivery, db)))
    start = time.monotonic()
    for _db, delay, process in runs:
        time.sleep(max(0.0, start + delay - time.monotonic()))
        process.send_signal(signal.SIGKILL)  # or it has finished: then the new load is current
        process.communicate(timeout=240)
    for db, _delay, _process in runs:
        assert_one_complete_load(db, refs)
        _clean(db)
        _assert_nothing_left(db)
        assert_one_complete_load(db, refs)


def test_the_next_ingest_cleans_up_and_says_so(tmp_path):
    refs = references()
    db = copy_store(refs, tmp_path)
    process = start_ingest(refs.new_delivery, db, "before:switch")
    process.communicate(timeout=240)
    result = CliRunner().invoke(app, ["ingest", str(refs.new_delivery), "--db", str(db),
                                      "--extract-date", EXTRACT_DATE.isoformat()])
    assert result.exit_code == 0, result.output
    assert "Cleaned up: Took over the lock of an ingest that stopped" in result.output
    assert "Cleaned up: Removed run " in result.output
    (latest, *_) = read_runs(db)
    assert len(latest["cleaned"]) == 2  # the record keeps what was cleaned
    assert assert_one_complete_load(db, refs) == latest["run_id"] != refs.old_id
    _assert_nothing_left(db)


def test_a_second_ingest_refuses_while_one_runs(tmp_path):
    refs = references()
    db = copy_store(refs, tmp_path)
    first = start_ingest(refs.new_delivery, db)
    deadline = time.monotonic() + 60
    while not lock_path(db).read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    second = CliRunner().invoke(app, ["ingest", str(refs.new_delivery), "--db", str(db),
                                      "--extract-date", EXTRACT_DATE.isoformat()])
    output = first.communicate(timeout=240)[0]
    assert first.returncode == 0, output
    assert second.exit_code == 1
    assert re.search(rf"Another ingest is running since \d\d:\d\d \(pid {first.pid}\)",
                     " ".join(second.output.split()))
    assert [r["outcome"] for r in read_runs(db)] == ["loaded", "loaded"]  # one more, not two
    assert assert_one_complete_load(db, refs) != refs.old_id


def test_every_named_point_is_in_the_ingest():
    """The points faults.py lists are the ones the ingest calls (a renamed point would let a
    kill test pass without killing anything); the kill tests above cover the main ones."""
    listed = set(re.findall(r"(?:after|before|during):\w+", faults.__doc__))
    code = "".join(Path(m.__file__).read_text() for m in (ingest, commit))
    called = set(re.findall(r'fault_point\("([\w:]+)"\)', code)) | {
        f"during:{phase}" for phase in re.findall(r'during\("(\w+)"', code)}
    assert listed == called
    assert set(POINTS) < listed
