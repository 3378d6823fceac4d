"""The `neglect-insight` command's usage errors (interface.md): for every command, a bad option
exits 2 with a plain message that names the option, never a traceback; nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.load.database import switch_current
from tests.helpers import build_load

# One early help episode from 1 May 2024 and an extract date of 15 January 2025: the load covers
# the quarter ends 30 June, 30 September and 31 December 2024 (31 March 2025 is still running).
FILES = {
    "children": "child_id,sex,birth_month,ethnicity,disabled,locality\nc1,F,2015-01-01,WBRI,,",
    "early_help": "episode_id,child_id,start_date,end_date,factors,end_reason,organisation\n"
                  "e1,c1,2024-05-01,,16A,,la",
    "referrals": "referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,"
                 "closure_reason",
    "assessments": "assessment_id,referral_id,child_id,start_date,authorised_date,factors",
    "cp_plans": "plan_id,child_id,referral_id,start_date,end_date,initial_category,"
                "latest_category",
}
COVERED = "2024-06-30, 2024-09-30, 2024-12-31"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    from datetime import date

    root = tmp_path_factory.mktemp("cli")
    build_load(root, FILES, extract_date=date(2025, 1, 15)).close()
    switch_current(root / "neglect.duckdb", root / "load.duckdb")
    return root / "neglect.duckdb"


@pytest.fixture(autouse=True)
def in_empty_folder(tmp_path, monkeypatch):
    """Each command runs in an empty folder, so anything it wrote would show."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEGLECT_INSIGHT_DB", raising=False)


def usage_error(args: list[str]) -> str:
    """Run the command, check it is a usage error, and return its message on one line."""
    result = CliRunner().invoke(app, args, input="")
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not a traceback
    assert "Traceback" not in result.output
    return " ".join(result.output.replace("│", " ").split())


@pytest.mark.parametrize(("args", "message"), [
    (["synth"], "Missing option '--out'"),
    (["synth", "--out", "d", "--scale", "huge"],
     "--scale must be one of small, la, large-la, national"),
    (["synth", "--out", "d", "--end", "31/03/2025"], "--end must be a date written YYYY-MM-DD"),
    (["synth", "--out", "d", "--years", "0"], "Invalid value for '--years'"),
    (["validate"], "Missing argument 'FOLDER'"),
    (["validate", "no-such-folder"], "the delivery folder no-such-folder does not exist"),
    (["validate", ".", "--extract-date", "2025-02-30"],
     "--extract-date must be a date written YYYY-MM-DD"),
    (["ingest", "no-such-folder"], "the delivery folder no-such-folder does not exist"),
    (["ingest", ".", "--extract-date", "yesterday"],
     "--extract-date must be a date written YYYY-MM-DD"),
    (["indicators"], "Missing option '--period-end'"),
    (["indicators", "--period-end", "31 March 2025"],
     "--period-end must be a date written YYYY-MM-DD"),
    (["indicators", "--period-end", "2025-03-31", "--format", "xml"],
     "--format must be json, csv or table"),
    (["indicators", "--period-end", "2025-03-31", "--months", "6"],
     "--months must be 12 (a year) or 3 (a quarter)"),
    (["report", "--period-end", "2025-03-31"], "Missing option '--out'"),
    (["report", "--out", "pack.html"], "Missing option '--period-end'"),
    (["report", "--period-end", "March", "--out", "pack.html"],
     "--period-end must be a date written YYYY-MM-DD"),
    (["report", "--period-end", "2025-03-31", "--out", "pack.html", "--months", "1"],
     "--months must be 12 (a year) or 3 (a quarter)"),
    (["add-qa-user"], "Missing argument 'NAME'"),
    (["add-qa-user", "A Smith"], "A user name is 2 to 40 characters"),
    (["users", "add", "A Smith"], "A user name is 2 to 40 characters"),
    (["users", "add", "a.smith", "--role", "root"], "A role is one of board, qa, admin"),
    (["serve", "--host", " "], "--host must be an address"),
    (["serve", "--port", "0"], "Invalid value for '--port'"),
    (["serve", "--port", "web"], "Invalid value for '--port'"),
    (["demo", "--scale", "huge"], "--scale must be one of small, la, large-la, national"),
    (["demo", "--port", "70000"], "Invalid value for '--port'"),
    (["bench", "--scale", "tiny"], "--scale must be one of small, la, large-la, national"),
    (["no-such-command"], "No such command 'no-such-command'"),
])
def test_a_bad_option_is_a_usage_error(tmp_path, args, message):
    assert message.lower() in usage_error(args).lower()
    assert list(tmp_path.iterdir()) == []  # nothing written: no delivery, load or run record


def test_a_delivery_must_be_a_folder(tmp_path):
    Path("children.csv").write_text("child_id\n")
    assert ("children.csv is a file; give the folder that holds the delivery"
            in usage_error(["validate", "children.csv"]))


@pytest.mark.parametrize("period_end", ["2024-11-30", "2025-03-31", "2024-03-31"])
def test_a_board_pack_is_for_a_quarter_end_the_load_covers(db, tmp_path, period_end):
    # 30 November is no quarter end; 31 March 2025 is after the extract date; 31 March 2024 is
    # before the first event.
    message = usage_error(["report", "--db", str(db), "--period-end", period_end,
                           "--out", "pack.html"])
    assert f"quarter end this load covers; it covers: {COVERED}" in message
    assert not (tmp_path / "pack.html").exists()


def test_a_covered_quarter_end_makes_the_pack(db, tmp_path):
    result = CliRunner().invoke(app, ["report", "--db", str(db), "--period-end", "2024-12-31",
                                      "--out", "pack.html", "--months", "3"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pack.html").exists()


@pytest.mark.parametrize("command", [["indicators", "--period-end", "2025-03-31"],
                                     ["report", "--period-end", "2025-03-31", "--out", "p.html"]])
def test_no_load_yet_says_what_to_do(command):
    result = CliRunner().invoke(app, [*command, "--db", "nothing.duckdb"])
    assert result.exit_code == 1  # not a usage error: the command was right, the load is missing
    assert "Run 'neglect-insight ingest DIR' first" in " ".join(result.output.split())
    assert "Traceback" not in result.output
