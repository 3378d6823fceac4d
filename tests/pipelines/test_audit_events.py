"""What the command line leaves in the audit log (issue 10, point 4): a load, a refusal and a
rollback each append one event, as the OS user in the admin role, naming runs, files and row
counts but never a child; and `neglect-insight audit` prints the log."""

from __future__ import annotations

import csv
import getpass
import json
import shutil
from datetime import date

import pytest
from typer.testing import CliRunner

from neglect_insight.pipelines import audit
from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.ingest import ingest_delivery
from neglect_insight.pipelines.load.database import store_dir, switch_current
from neglect_insight.pipelines.load.rollback import rollback
from tests.ingest_runs import EXTRACT_DATE, VALID, make_load
from tests.pipelines.test_ingest import _break_cp_plan


def _child_level_ids() -> set[str]:
    """Every id of the fixture delivery that names a child or one of their records."""
    ids = set()
    for path in VALID.glob("*.csv"):
        with path.open() as f:
            for row in csv.DictReader(f):
                ids |= {v for k, v in row.items() if k.endswith("_id") and v}
    return ids


def test_a_load_and_a_refusal_each_leave_one_event_without_a_child_id(tmp_path):
    db = tmp_path / "neglect.duckdb"
    loaded = ingest_delivery(VALID, db, EXTRACT_DATE)
    broken = tmp_path / "broken"
    shutil.copytree(VALID, broken)
    _break_cp_plan(broken)
    refused = ingest_delivery(broken, db, EXTRACT_DATE)

    load, refusal = audit.read(store_dir(db))
    assert (load.action, load.user, load.role) == ("load", getpass.getuser(), "admin")
    assert load.details["run_id"] == loaded.run.run_id
    assert load.details["source"] == "valid_delivery"
    assert "children.csv" in load.details["files"]
    assert load.details["rows"] == sum(f.rows for f in loaded.run.files) > 0
    assert load.details["blocking_rows"] == 0
    assert refusal.action == "refusal"
    assert refusal.details["run_id"] == refused.run.run_id
    assert refusal.details["blocking_rows"] == refused.run.blocking_rows > 0
    text = audit.log_path(store_dir(db)).read_text()
    assert not [i for i in _child_level_ids() if f'"{i}"' in text]


def test_a_rollback_leaves_one_event_from_and_to_runs(tmp_path):
    db = tmp_path / "neglect.duckdb"
    for day in (1, 2):
        switch_current(db, make_load(db, f"run{day}", day))
    done = rollback(db)
    [event] = audit.read(store_dir(db))
    assert (event.action, event.user, event.role) == ("rollback", getpass.getuser(), "admin")
    assert event.details == {"run_id": done.record.run_id, "from_run_id": "run2",
                             "to_run_id": "run1"}


def test_a_rollback_named_by_the_caller_is_recorded_as_theirs(tmp_path):
    db = tmp_path / "neglect.duckdb"
    for day in (1, 2):
        switch_current(db, make_load(db, f"run{day}", day))
    rollback(db, "run1", user="a.admin")
    assert [e.user for e in audit.read(store_dir(db))] == ["a.admin"]


@pytest.fixture
def logged(tmp_path):
    db = tmp_path / "neglect.duckdb"
    audit.log_path(store_dir(db)).parent.mkdir(parents=True)
    audit.log_path(store_dir(db)).write_text("".join(json.dumps(event) + "\n" for event in [
        {"time": "2025-03-30T08:00:00+00:00", "user": "ops", "role": "admin", "action": "load",
         "details": {"run_id": "r1", "files": ["children.csv", "referrals.csv"]}},
        {"time": "2025-03-31T09:15:00+00:00", "user": "a.smith", "role": "qa",
         "action": "rows_viewed", "details": {"indicator": "rereferral_12m", "rows": 4}},
    ]))
    return db


def test_the_audit_command_prints_the_log_as_a_table(logged):
    result = CliRunner().invoke(app, ["audit", "--db", str(logged)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["time", "(UTC)", "user", "role", "action", "details"]
    assert lines[1].split() == ["2025-03-30", "08:00:00", "ops", "admin", "load", "run_id:",
                                "r1;", "files:", "children.csv,", "referrals.csv"]
    assert "a.smith" in lines[2] and "indicator: rereferral_12m; rows: 4" in lines[2]


def test_the_audit_command_filters_by_day_and_prints_json(logged):
    result = CliRunner().invoke(app, ["audit", "--db", str(logged), "--since", "2025-03-31",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    [event] = json.loads(result.output)
    assert event == {"line": 2, "time": "2025-03-31T09:15:00+00:00", "user": "a.smith",
                     "role": "qa", "action": "rows_viewed",
                     "details": {"indicator": "rereferral_12m", "rows": 4}}


def test_the_audit_command_says_when_there_is_nothing(tmp_path):
    result = CliRunner().invoke(app, ["audit", "--db", str(tmp_path / "n.duckdb"), "--since",
                                      date(2025, 1, 1).isoformat()])
    assert result.exit_code == 0
    assert "No audit events since 2025-01-01" in result.output


@pytest.mark.parametrize("args, message", [
    (["--since", "31/03/2025"], "--since must be a date written YYYY-MM-DD"),
    (["--format", "xml"], "--format must be table or json"),
])
def test_a_bad_audit_option_exits_2_with_a_message(logged, args, message):
    result = CliRunner().invoke(app, ["audit", "--db", str(logged), *args])
    assert result.exit_code == 2
    assert message in " ".join(result.output.replace("│", " ").split())
