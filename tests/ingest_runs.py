"""Two small deliveries loaded once per test session, and ways to run, kill and check ingests,
for the fault, rollback and reader tests (issue 10, points 6 to 8).

`references()` loads `tests/fixtures/valid_delivery` (the "old" load) and a copy in which one
referral moved into the year ending 31 March 2025 (the "new" delivery, whose figures differ),
and records every indicator of both. A test copies the old database with `copy_store`, runs an
ingest of the new delivery at it, and checks with `assert_one_complete_load` that whatever is
current is one whole load: its id names it and its figures are exactly that load's figures.
`make_load` writes a tiny hand-made load (only `load_info`) for the retention and rollback tests.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

from neglect_insight.pipelines.indicators.engine import compute
from neglect_insight.pipelines.ingest import ingest_delivery
from neglect_insight.pipelines.load.database import (
    connect_read_only,
    current_load,
    new_load_path,
    store_dir,
)
from neglect_insight.pipelines.load.faults import FAULT_ENV

VALID = Path(__file__).parent / "fixtures" / "valid_delivery"
EXTRACT_DATE = date(2025, 3, 31)
CLI = "from neglect_insight.pipelines.cli import main; main()"


@dataclass(frozen=True)
class References:
    old_db: Path  # a database whose current load is the old delivery
    old_id: str
    new_delivery: Path
    figures: dict[str, dict]  # {"old" | "new": {indicator id: its JSON}}


def make_load(db: Path, run_id: str, day: int = 1) -> Path:
    """A hand-made load naming itself as ingest's do (run id, loaded at, extract date, source),
    loaded at 09:00 on `day` April 2025, extract date `day` March 2025, from folder /d<day>."""
    path = new_load_path(db, run_id)
    with duckdb.connect(str(path)) as conn:
        conn.execute("create table load_info as select ?::varchar as run_id, ?::timestamp as "
                     "loaded_at, ?::date as extract_date, ?::varchar as source",
                     [run_id, datetime(2025, 4, day, 9, 0), date(2025, 3, day), f"/d{day}"])
    return path


def write_new_delivery(folder: Path) -> Path:
    """valid_delivery with C003's nfa referral R003 a month later (5 April 2024: inside the
    year ending 31 March 2025 instead of before it), so referral figures change."""
    shutil.copytree(VALID, folder)
    path = folder / "referrals.csv"
    text = path.read_text()
    old = "R003,C003,2024-03-05,6,,true,2024-03-06,RC8"
    assert old in text
    path.write_text(text.replace(old, "R003,C003,2024-04-05,6,,true,2024-04-06,RC8"))
    return folder


def figures(db: Path) -> tuple[str, dict]:
    """(run id, every indicator's JSON) of the current load, read from one connection."""
    with connect_read_only(db) as conn:
        [(run_id,)] = conn.execute("select run_id from load_info").fetchall()
        return run_id, {i: v.as_json() for i, v in compute(conn, EXTRACT_DATE).items()}


@functools.cache
def references() -> References:
    root = Path(tempfile.mkdtemp(prefix="ni-references-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    new_delivery = write_new_delivery(root / "new_delivery")
    old = ingest_delivery(VALID, root / "old" / "neglect.duckdb", EXTRACT_DATE)
    new = ingest_delivery(new_delivery, root / "new" / "neglect.duckdb", EXTRACT_DATE)
    assert not old.refused and not new.refused
    (old_id, old_figures), (_, new_figures) = (figures(root / name / "neglect.duckdb")
                                               for name in ("old", "new"))
    assert old_figures != new_figures, "the new delivery must change some figure"
    return References(root / "old" / "neglect.duckdb", old_id, new_delivery,
                      {"old": old_figures, "new": new_figures})


def copy_store(refs: References, folder: Path) -> Path:
    """A private copy of the old database (pointer, loads, runs); returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / refs.old_db.name
    shutil.copytree(store_dir(refs.old_db), store_dir(db), symlinks=True)
    os.symlink(os.readlink(refs.old_db), db)
    return db


def start_ingest(delivery: Path, db: Path, fault: str | None = None,
                 *options: str) -> subprocess.Popen:
    """`neglect-insight ingest` in a child process (killed at `fault` when given)."""
    env = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
    env["GX_ANALYTICS_ENABLED"] = "False"
    if fault:
        env[FAULT_ENV] = fault
    return subprocess.Popen(
        [sys.executable, "-c", CLI, "ingest", str(delivery), "--db", str(db),
         "--extract-date", EXTRACT_DATE.isoformat(), *options],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def assert_one_complete_load(db: Path, refs: References) -> str:
    """The current load opens read-only, names itself in load_info, and its figures are the
    old delivery's if it is the old load, else the new delivery's. Returns its run id."""
    assert current_load(db) is not None
    run_id, answer = figures(db)
    assert current_load(db).stem == run_id
    assert answer == refs.figures["old" if run_id == refs.old_id else "new"]
    return run_id
