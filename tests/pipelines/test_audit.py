"""The audit log (issue 10, point 4): one JSON line per event, appended and never rewritten,
whole lines when two processes append at once, a fixed vocabulary of actions, and details that
can never carry a password or a child-level identifier."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest

from neglect_insight.pipelines import audit


def _line(time: str, action: str = "load", **details) -> str:
    return json.dumps({"time": time, "user": "a.admin", "role": "admin", "action": action,
                       "details": details}) + "\n"


def test_an_event_is_one_line_with_time_user_role_action_and_details(tmp_path):
    audit.record(tmp_path, "rows_viewed", "a.smith", "qa", indicator="cpp_repeat_within_2y",
                 period_end=date(2025, 3, 31), filters=["North", "Female"], rows=12)
    [line] = audit.log_path(tmp_path).read_text().splitlines()
    raw = json.loads(line)
    assert raw["user"] == "a.smith" and raw["role"] == "qa" and raw["action"] == "rows_viewed"
    assert raw["details"] == {"indicator": "cpp_repeat_within_2y", "period_end": "2025-03-31",
                              "filters": ["North", "Female"], "rows": 12}
    assert datetime.fromisoformat(raw["time"]).tzinfo == UTC
    [event] = audit.read(tmp_path)
    assert (event.user, event.role, event.action, event.line) == ("a.smith", "qa",
                                                                  "rows_viewed", 1)
    assert audit.details_text(event.details) == ("indicator: cpp_repeat_within_2y; period_end: "
                                                 "2025-03-31; filters: North, Female; rows: 12")


def test_a_second_writer_appends_and_earlier_lines_are_kept_byte_for_byte(tmp_path):
    audit.record(tmp_path, "sign_in", "a.smith", "qa")
    first = audit.log_path(tmp_path).read_bytes()
    audit.record(tmp_path, "sign_out", "a.smith", "qa")
    after = audit.log_path(tmp_path).read_bytes()
    assert after.startswith(first)
    assert [e.action for e in audit.read(tmp_path)] == ["sign_in", "sign_out"]


WRITER = """
import sys
from pathlib import Path
from neglect_insight.pipelines import audit
for number in range(200):
    audit.record(Path(sys.argv[1]), "review_viewed", sys.argv[2], "qa", number=number,
                 padding="x" * 400)
"""


def test_two_processes_appending_at_once_leave_whole_lines(tmp_path):
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), name])
               for name in ("one", "two")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    events = audit.read(tmp_path)
    assert len(events) == 400
    assert audit.UNREADABLE not in {e.action for e in events}
    for name in ("one", "two"):  # each writer's events, all there and in its own order
        assert [e.details["number"] for e in events if e.user == name] == list(range(200))


def test_since_keeps_events_from_that_utc_day_on(tmp_path):
    audit.log_path(tmp_path).write_text(
        _line("2025-03-30T23:59:59+00:00", run_id="old")
        + _line("2025-03-31T00:00:00+00:00", run_id="first of the day")
        + _line("2025-04-02T10:00:00+00:00", run_id="later"))
    assert [e.details["run_id"] for e in audit.read(tmp_path, date(2025, 3, 31))] == [
        "first of the day", "later"]
    assert len(audit.read(tmp_path)) == 3


def test_a_line_that_cannot_be_read_is_reported_never_hidden(tmp_path):
    audit.log_path(tmp_path).write_text(
        _line("2025-03-31T09:00:00+00:00") + '{"time": "2025-03-31T09:0\n'
        + _line("2025-03-31T10:00:00+00:00", action="something_else"))
    events = audit.read(tmp_path, date(2026, 1, 1))  # unreadable lines show whatever the date
    assert [(e.action, e.details) for e in events] == [
        (audit.UNREADABLE, {"line": 2}), (audit.UNREADABLE, {"line": 3})]


def test_no_log_yet_reads_as_no_events(tmp_path):
    assert audit.read(tmp_path / "no-store-yet") == []


@pytest.mark.parametrize("action", ["viewed", "LOAD", "unreadable", ""])
def test_an_action_outside_the_vocabulary_is_refused(tmp_path, action):
    with pytest.raises(ValueError, match="Unknown audit action"):
        audit.record(tmp_path, action, "a.smith", "qa")
    assert not audit.log_path(tmp_path).exists()


@pytest.mark.parametrize("details", [
    {"password": "hunter2hunter2"},
    {"typed_password": "x"},
    {"child_id": "C001"},
    {"child_ids": ["C001"]},
    {"pseudonym": "P-1"},
    {"referral_id": "R001"},
    {"upn": "A123"},
    {"nhs_number": "1"},
    {"api_token": "t"},
])
def test_details_that_would_name_a_secret_or_a_child_are_refused(tmp_path, details):
    with pytest.raises(ValueError, match="never holds a password, secret or child-level"):
        audit.record(tmp_path, "rows_viewed", "a.smith", "qa", **details)
    assert not audit.log_path(tmp_path).exists()


@pytest.mark.parametrize("details", [
    {"rows": {"nested": 1}},
    {"rows": [[1, 2]]},
    {"rows": object()},
    {"note": "x" * (audit.MAX_TEXT + 1)},
    {"Rows": 1},
])
def test_details_are_plain_values_with_snake_case_names(tmp_path, details):
    with pytest.raises(ValueError, match="Audit detail"):
        audit.record(tmp_path, "rows_viewed", "a.smith", "qa", **details)


def test_a_name_merely_containing_a_short_word_is_allowed(tmp_path):
    audit.record(tmp_path, "rows_viewed", "a.smith", "qa", groupname="North", rows=1)
    assert audit.read(tmp_path)[0].details == {"groupname": "North", "rows": 1}


def test_a_long_name_typed_at_sign_in_is_cut_and_a_role_must_be_text(tmp_path):
    audit.record(tmp_path, "sign_in_failed", "x" * 5000, None)
    assert audit.read(tmp_path)[0].user == "x" * audit.MAX_WHO
    with pytest.raises(ValueError, match="audit role"):
        audit.record(tmp_path, "sign_in", "a.smith", 3)


def test_the_log_is_not_readable_by_other_users(tmp_path):
    audit.record(tmp_path, "sign_in", "a.smith", "qa")
    assert audit.log_path(tmp_path).stat().st_mode & 0o007 == 0
