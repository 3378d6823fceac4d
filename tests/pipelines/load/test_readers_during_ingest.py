"""Readers are never blocked and never see a mix (issue 10, point 8): while another process
ingests a second delivery, a loop reads as the dashboard does (`dashboard.data.current()`,
then one indicator query on `cursor(load)`). Every answer must come from one complete load and
carry that load's id: the old id with the old figures until the switch, then the new id with
the new figures; never an error, never a step back."""

from __future__ import annotations

import time

from neglect_insight.dashboard import data
from neglect_insight.pipelines.indicators.engine import compute
from neglect_insight.pipelines.load.database import DB_ENV
from neglect_insight.pipelines.load.run_history import read_runs
from tests.ingest_runs import EXTRACT_DATE, copy_store, references, start_ingest

MAX_READS = 2000
MAX_SECONDS = 240
READS_AFTER = 3  # reads once the ingest has finished


def test_every_answer_is_one_whole_load_before_and_after_the_switch(tmp_path, monkeypatch):
    refs = references()
    db = copy_store(refs, tmp_path)
    monkeypatch.setenv(DB_ENV, str(db))
    ingest = start_ingest(refs.new_delivery, db)
    answers, during, after = [], 0, 0
    deadline = time.monotonic() + MAX_SECONDS
    while len(answers) < MAX_READS and time.monotonic() < deadline and after < READS_AFTER:
        running = ingest.poll() is None
        load = data.current()
        figures = {i: v.as_json() for i, v in compute(data.cursor(load), EXTRACT_DATE).items()}
        answers.append((load.run_id, figures))
        during, after = during + running, after + (not running)
    output = ingest.communicate(timeout=60)[0]
    assert ingest.returncode == 0, output
    new_id = read_runs(db)[0]["run_id"]

    ids = [run_id for run_id, _ in answers]
    assert during >= 2, "the loop must read while the ingest runs"
    assert ids[0] == refs.old_id and ids[-1] == new_id
    switched = ids.index(new_id)
    assert set(ids[:switched]) == {refs.old_id} and set(ids[switched:]) == {new_id}
    for run_id, figures in answers:
        assert figures == refs.figures["old" if run_id == refs.old_id else "new"], run_id
