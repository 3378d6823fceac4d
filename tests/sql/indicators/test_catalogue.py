"""The catalogue names every indicator of the spec, and every family file exists and returns
only catalogue ids."""

import re

import pytest
from neglect_insight.pipelines.indicators.catalogue import catalogue, families
from neglect_insight.pipelines.load.build import SQL_ROOT

# Every id of shared spec indicators.md, copied by hand from the spec.
SPEC_IDS = {
    "neglect_children_total", "neglect_children_cp", "neglect_children_cin",
    "neglect_children_eh", "neglect_rate_per_10k", "cp_neglect_share_open", "cp_rate_per_10k",
    "cpp_starts", "cpp_second_or_subsequent", "cpp_repeat_within_2y", "cpp_neglect_repeat",
    "cpp_ended_within_3m", "cpp_open_2y_plus",
    "referrals", "rereferral_12m", "rereferral_12m_neglect",
    *(f"attendance_{m}_{c}" for m in ("absence_rate", "persistent", "severe")
      for c in ("eh", "cin", "cp", "neglect")),
    "eh_attendance_improved",
    "assessments_over_45wd", "cin_open_2y_plus",
    "eh_step_up", "step_down_to_eh",
    "fras_2yo_takeup",
}
COUNTS = {"neglect_children_total", "neglect_children_cp", "neglect_children_cin",
          "neglect_children_eh", "cpp_starts", "referrals", "cin_open_2y_plus"}


def test_every_spec_id_is_catalogued():
    assert SPEC_IDS <= set(catalogue())


def test_units_follow_the_spec():
    for indicator_id, indicator in catalogue().items():
        if indicator_id in COUNTS:
            assert indicator.unit == "count", indicator_id
        elif indicator_id.endswith("_per_10k"):
            assert indicator.unit == "per_10k", indicator_id
        else:
            assert indicator.unit == "percent", indicator_id


@pytest.mark.parametrize("family", families())
def test_family_file_names_only_its_catalogue_ids(family):
    sql = (SQL_ROOT / "indicators" / f"{family}.sql").read_text()
    named = set(re.findall(r"'([a-z0-9_]+)'", sql)) & (set(catalogue()) | SPEC_IDS)
    mine = {i for i, ind in catalogue().items() if ind.family == family}
    assert named <= mine, named - mine


def test_england_figures_carry_period_and_source():
    for indicator in catalogue().values():
        if indicator.england:
            assert indicator.england.period and indicator.england.source
            assert isinstance(indicator.england.value, float)

