"""Periods come from the data (pipelines/load/coverage.py): a historical delivery, whose events
end on 30 September 2024, loaded with an extract date of 31 March 2025, offers no quarter after
30 September 2024; ingest warns, the Data quality page says so, and `report` for 31 March 2025
is a usage error listing the quarters it can make."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from neglect_insight.dashboard import APP_PATH
from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.indicators.engine import quarter_ends
from neglect_insight.pipelines.ingest import ingest_delivery
from neglect_insight.pipelines.load.coverage import Coverage
from neglect_insight.pipelines.load.database import connect_read_only
from tests.helpers import write_delivery

# One child, C001 of tests/fixtures/valid_delivery: early help from 10 May 2023, a referral
# from 1 December 2023 closed on 30 September 2024 (the newest event), a CP plan and a CIN plan.
FILES = {
    "children": "child_id,sex,birth_month,expected_birth_month,ethnicity,disabled,locality\n"
                "C001,M,2015-04-01,,WBRI,false,North",
    "early_help": "episode_id,child_id,start_date,end_date,factors,end_reason,organisation\n"
                  "E001,C001,2023-05-10,2023-11-30,16A;3B,stepped_up,school",
    "referrals": "referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,"
                 "closure_reason\nR001,C001,2023-12-01,5D,N1,false,2024-09-30,RC9",
    "assessments": "assessment_id,referral_id,child_id,start_date,authorised_date,factors\n"
                   "A001,R001,C001,2023-12-04,2024-01-10,16A;3B",
    "cp_plans": "plan_id,child_id,referral_id,start_date,end_date,initial_category,"
                "latest_category,previous_plans\nP001,C001,R001,2024-01-20,2024-08-15,NEG,,0",
    "cin_plans": "child_id,referral_id,start_date,end_date\nC001,R001,2024-08-15,2024-09-30",
}
WARNING = ("The newest event in this delivery is 30 September 2024, more than three months "
           "before the extract date 31 March 2025: was the extract date right?")
QUARTERS = [date(2023, 6, 30), date(2023, 9, 30), date(2023, 12, 31), date(2024, 3, 31),
            date(2024, 6, 30), date(2024, 9, 30)]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("historical")
    outcome = ingest_delivery(write_delivery(root / "delivery", FILES), root / "neglect.duckdb",
                              date(2025, 3, 31))
    assert not outcome.refused, outcome.blocking[:3]
    return root / "neglect.duckdb", outcome.warnings


def test_ingest_warns_and_no_quarter_after_the_data_is_offered(loaded):
    db, warnings = loaded
    assert len(warnings) == 1 and warnings[0].startswith(WARNING)
    with connect_read_only(db) as conn:
        assert quarter_ends(conn) == QUARTERS


def test_report_for_a_quarter_after_the_data_is_a_usage_error(loaded, tmp_path):
    db, _warnings = loaded
    result = CliRunner().invoke(app, ["report", "--db", str(db), "--period-end", "2025-03-31",
                                      "--out", str(tmp_path / "pack.html")])
    assert result.exit_code == 2
    message = " ".join(result.output.replace("│", " ").split())
    assert ("it covers: 2023-06-30, 2023-09-30, 2023-12-31, 2024-03-31, 2024-06-30, "
            "2024-09-30") in message
    assert not (tmp_path / "pack.html").exists()


def test_the_data_quality_page_shows_the_warning(loaded, monkeypatch):
    db, _warnings = loaded
    monkeypatch.setenv("NEGLECT_INSIGHT_DB", str(db))
    at = AppTest.from_file(str(APP_PATH), default_timeout=60)
    at.run()
    at.switch_page("pages/data_quality.py").run()
    assert not at.exception
    assert any(w.value.startswith(WARNING) for w in at.warning)


@pytest.mark.parametrize(("newest", "stale", "until"), [
    (date(2024, 12, 31), False, date(2025, 3, 31)),  # exactly three months before: covered
    (date(2024, 12, 30), True, date(2024, 12, 30)),  # a day more: the data ends there
    (date(2025, 3, 28), False, date(2025, 3, 31)),   # a quiet weekend keeps the last quarter
    (None, False, date(2025, 3, 31)),                # no events at all
])
def test_stale_means_more_than_three_months_before_the_extract_date(newest, stale, until):
    covered = Coverage(date(2025, 3, 31), newest)
    assert (covered.is_stale, covered.data_until) == (stale, until)
    assert (covered.warning is not None) == stale
