"""The Audit log page (Quality, administrators; issue 10 point 4): the events of the store's
audit log, newest first, in plain English, from a chosen day and for chosen actions, with a CSV.
It needs no load: the log is kept beside the load files, not in one."""

from __future__ import annotations

import json
from datetime import date

import pytest

from neglect_insight.dashboard.data.audit import COLUMNS
from neglect_insight.pipelines import audit
from neglect_insight.pipelines.load.database import store_dir
from tests.dashboard.conftest import open_app

PAGE = "pages/audit.py"


@pytest.fixture
def db(tmp_path):
    db = tmp_path / "neglect.duckdb"
    store = store_dir(db)
    store.mkdir()
    audit.log_path(store).write_text(json.dumps({  # long ago: outside the default 30 days
        "time": "2020-01-06T09:00:00+00:00", "user": "ops", "role": "admin", "action": "load",
        "details": {"run_id": "r0"}}) + "\n")
    audit.record(store, "sign_in", "a.smith", "qa")
    audit.record(store, "rows_viewed", "a.smith", "qa", indicator="rereferral_12m", rows=4)
    return db


def _table(at):
    [table] = [t.value for t in at.dataframe]
    assert list(table.columns) == COLUMNS
    return table[["User", "Role", "Action", "Details"]].values.tolist()


def test_the_page_lists_recent_events_newest_first(db, monkeypatch):
    at = open_app(db, monkeypatch, PAGE)
    assert at.title[0].value == "Audit log"
    assert _table(at) == [
        ["a.smith", "qa", "Viewed rows behind a number", "indicator: rereferral_12m; rows: 4"],
        ["a.smith", "qa", "Signed in", ""],
    ]
    assert any("Download" in b.proto.label for b in at.get("download_button"))


def test_an_earlier_day_and_a_chosen_action_narrow_or_widen_the_list(db, monkeypatch):
    at = open_app(db, monkeypatch, PAGE)
    at.date_input(key="audit-since").set_value(date(2020, 1, 1)).run()
    assert [row[2] for row in _table(at)] == [
        "Viewed rows behind a number", "Signed in", "Loaded a delivery"]
    at.multiselect(key="audit-actions").set_value(["load"]).run()
    assert _table(at) == [["ops", "admin", "Loaded a delivery", "run_id: r0"]]


def test_without_events_the_page_says_so(tmp_path, monkeypatch):
    at = open_app(tmp_path / "neglect.duckdb", monkeypatch, PAGE)
    assert "No events to show for these choices." in [i.value for i in at.info]
    assert not at.dataframe
