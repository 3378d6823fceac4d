"""One ingest at a time: a second one refuses naming the first, or waits; a lock left by a
killed process is taken over and named (issue 10, point 6)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time

import pytest

from neglect_insight.pipelines.load.locks import IngestBusy, ingest_lock, lock_path

HOLD = ("import sys, time\n"
        "from pathlib import Path\n"
        "from neglect_insight.pipelines.load.locks import ingest_lock\n"
        "with ingest_lock(Path(sys.argv[1])):\n"
        "    print('held', flush=True)\n"
        "    time.sleep(60)\n")


def test_a_second_ingest_refuses_naming_the_first(tmp_path):
    db = tmp_path / "neglect.duckdb"
    with ingest_lock(db) as first:
        assert first.stale is None
        with pytest.raises(IngestBusy) as refused, ingest_lock(db):
            pass
    assert re.search(rf"another ingest is running since \d\d:\d\d \(pid {os.getpid()}\)",
                     str(refused.value), re.IGNORECASE)
    assert "--wait" in str(refused.value)
    with ingest_lock(db) as again:  # released at the end of the block: free again, not stale
        assert again.stale is None


def test_wait_blocks_until_the_first_finishes(tmp_path):
    db = tmp_path / "neglect.duckdb"
    said, order = [], []
    held = threading.Event()

    def first() -> None:
        with ingest_lock(db):
            held.set()
            time.sleep(0.5)
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    held.wait(5)
    with ingest_lock(db, wait=True, waiting=said.append):
        order.append("second in")
    thread.join()
    assert order == ["first done", "second in"]
    assert len(said) == 1 and said[0].startswith("Waiting for the ingest running since")


def test_the_lock_of_a_killed_process_is_taken_over_and_named(tmp_path):
    db = tmp_path / "neglect.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(IngestBusy, match=f"pid {holder.pid}"), ingest_lock(db):
            pass
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(10)
    with ingest_lock(db) as lock:  # the kernel released the flock when the holder died
        assert lock.stale is not None and lock.stale.pid == holder.pid
    assert lock_path(db).read_text() == ""  # released cleanly: nobody named
