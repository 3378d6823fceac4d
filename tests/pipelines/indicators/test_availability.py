"""pipelines/indicators/availability.py: which figures a load can give. A load without
early_help.csv or population.csv: the indicators that need them have a reason, those that
count less without early help a note, and the rest neither."""

from __future__ import annotations

from datetime import date

from neglect_insight.pipelines.indicators import engine
from neglect_insight.pipelines.indicators.availability import availability, file_reason
from tests.helpers import build_load

FILES = {
    "children": "child_id,sex,birth_month,ethnicity,disabled,locality\nc1,F,2015-01-01,WBRI,,",
    "referrals": "referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,"
                 "closure_reason",
    "assessments": "assessment_id,referral_id,child_id,start_date,authorised_date,factors",
    "cp_plans": "plan_id,child_id,referral_id,start_date,end_date,initial_category,"
                "latest_category\np1,c1,,2024-06-01,,NEG,",
}


def test_a_load_without_early_help_or_population(tmp_path):
    conn = build_load(tmp_path, FILES)
    known = availability(conn)
    assert file_reason("early_help") == (
        "early help not supplied: this delivery had no early_help.csv")
    assert known.reasons["neglect_children_eh"] == file_reason("early_help")
    assert known.reasons["cp_rate_per_10k"] == (
        "population not supplied: this delivery had no population.csv")
    # a family's required file stands for all its indicators
    assert known.reasons["attendance_absence_rate_cin"] == (
        "school attendance not supplied: this delivery had no attendance.csv")
    assert "neglect_children_cp" not in known.reasons
    assert known.notes["neglect_children_total"].startswith(
        "Counts children in need and child protection only")
    # the engine's values carry them: c1's neglect plan is counted, early help is not given
    values = engine.compute(conn, date(2025, 3, 31), ids=["neglect_children_cp",
                                                          "neglect_children_eh"])
    assert values["neglect_children_cp"].as_json() == {"numerator": 1, "denominator": None,
                                                       "value": 1}
    assert values["neglect_children_eh"].as_json()["reason"] == file_reason("early_help")
