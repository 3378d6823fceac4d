"""The catalogue names every indicator of the spec, and every family file exists and returns
only catalogue ids; a bad catalogue entry is refused, naming its key."""

import re

import pytest
import yaml

from neglect_insight.pipelines.indicators.catalogue import (
    CATALOGUE_PATH,
    CatalogueError,
    catalogue,
    families,
    family_catalogue,
    optional_files,
    parse,
    scorecard_ids,
)
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
    "gcp2_completed", "gcp2_neglect_coverage", "gcp2_rescored", "gcp2_improved",
    "audits_neglect", "audits_neglect_good",
}
COUNTS = {"neglect_children_total", "neglect_children_cp", "neglect_children_cin",
          "neglect_children_eh", "cpp_starts", "referrals", "cin_open_2y_plus",
          "gcp2_completed", "gcp2_rescored", "audits_neglect"}


def test_every_spec_id_is_catalogued():
    assert SPEC_IDS <= set(catalogue())


def test_units_follow_the_spec():
    for indicator_id, indicator in catalogue().items():
        if indicator_id in COUNTS:
            assert indicator.unit == "count", indicator_id
        elif indicator_id.endswith("per_10k"):
            assert indicator.unit == "per_10k", indicator_id
        else:
            assert indicator.unit == "percent", indicator_id


@pytest.mark.parametrize("family", families())
def test_family_file_names_only_its_catalogue_ids(family):
    sql = (SQL_ROOT / "indicators" / f"{family}.sql").read_text()
    named = set(re.findall(r"'([a-z0-9_]+)'", sql)) & (set(catalogue()) | SPEC_IDS)
    mine = {i for i, ind in catalogue().items() if ind.family == family}
    assert named <= mine, named - mine


def test_every_family_has_its_name_sources_and_indicators():
    for family_id, family in family_catalogue().items():
        assert family.name and family.purpose and family.sources and family.caveats, family_id
        assert family.indicator_ids == tuple(i for i, ind in catalogue().items()
                                             if ind.family == family_id)
    assert set(scorecard_ids()) <= set(catalogue())


def test_optional_files_and_what_a_family_cannot_do_without():
    assert {stem: (f.view, f.file_name) for stem, f in optional_files().items()} == {
        "population": ("stg_population", "population.csv"),
        "attendance": ("stg_attendance", "attendance.csv"),
        "attendance_all_pupils": ("stg_attendance_all_pupils", "attendance_all_pupils.csv"),
        "early_years": ("stg_early_years", "early_years.csv"),
        "early_help": ("stg_early_help", "early_help.csv"),
        "gcp2": ("stg_gcp2", "gcp2.csv"),
        "case_audits": ("stg_case_audits", "case_audits.csv"),
    }
    required = {f: fam.required_file.stem for f, fam in family_catalogue().items()
                if fam.required_file}
    assert required == {"attendance": "attendance", "early_years": "early_years"}


def test_practice_figures_need_their_own_file():
    # Both practice files are optional and neither stops the other's figures (indicators.md,
    # "Practice on neglect"; extracts.md: gcp2.csv and case_audits.csv are optional).
    needs = {i: ind.needs for i, ind in catalogue().items() if ind.family == "practice"}
    assert needs == {**{i: ("gcp2",) for i in ("gcp2_completed", "gcp2_neglect_coverage",
                                               "gcp2_rescored", "gcp2_improved")},
                     "audits_neglect": ("case_audits",), "audits_neglect_good": ("case_audits",)}


def test_which_indicators_need_early_help_and_population():
    # Without early_help.csv: no figure for the early help level, cohort and flows; the total
    # and the neglect cohort are still counted, at children in need and child protection only.
    needs = {i: ind.needs for i, ind in catalogue().items() if ind.needs}
    assert {i for i, stems in needs.items() if "early_help" in stems} == {
        "neglect_children_eh", "attendance_absence_rate_eh", "attendance_persistent_eh",
        "attendance_severe_eh", "eh_attendance_improved", "eh_step_up", "step_down_to_eh"}
    assert {i for i, stems in needs.items() if "population" in stems} == {
        "neglect_rate_per_10k", "cp_rate_per_10k"}
    partial = {i for i, ind in catalogue().items() if dict(ind.without).get("early_help")}
    assert partial == {"neglect_children_total", "neglect_rate_per_10k", "gcp2_neglect_coverage",
                       *(f"attendance_{m}_neglect" for m in ("absence_rate", "persistent",
                                                             "severe"))}
    assert "neglect_children_cp" not in needs and "neglect_children_cin" not in needs


# --- A bad entry fails loudly, naming its key --------------------------------------------------

def _with(change) -> str:
    """The shipped catalogue text after `change(raw)` edits its parsed form in place."""
    raw = yaml.safe_load(CATALOGUE_PATH.read_text())
    change(raw)
    return yaml.safe_dump(raw, sort_keys=False)


@pytest.mark.parametrize(("change", "message"), [
    (lambda raw: raw["indicators"]["referrals"].update(england={"value": 632830}),
     "indicators.referrals: unknown key 'england'"),
    (lambda raw: raw["indicators"]["rereferral_12m"]["comparator"].update(value=22.6),
     "indicators.rereferral_12m.comparator: unknown key 'value'"),
    (lambda raw: raw["indicators"]["rereferral_12m"]["comparator"].update(year="2025"),
     "indicators.rereferral_12m.comparator.year: '2025' is not one of"),
    (lambda raw: raw["indicators"]["referrals"].pop("definition"),
     "indicators.referrals: missing key 'definition'"),
    (lambda raw: raw["indicators"]["referrals"].update(unit="people"),
     "indicators.referrals.unit: 'people' is not one of"),
    (lambda raw: raw["indicators"]["referrals"].update(family="referral"),
     "indicators.referrals.family: 'referral' is not under families"),
    (lambda raw: raw["indicators"]["cp_rate_per_10k"]["comparator"].pop("per_10k_of"),
     "indicators.cp_rate_per_10k.comparator: per_10k_of is for, and only for"),
    (lambda raw: raw["families"]["drift"].pop("caveats"),
     "families.drift: missing key 'caveats'"),
    (lambda raw: raw["families"]["drift"].update(needs=[
        {"file": "drift.csv", "for": "drift", "required": True}]),
     "families.drift.needs[0].file: 'drift.csv' is not an extract file"),
    (lambda raw: raw["indicators"]["referrals"].update(needs=["early_help.csv"]),
     "indicators.referrals.needs: 'early_help.csv' is not under its family's needs"),
    (lambda raw: raw["indicators"]["referrals"].update(without={"population.csv": "x"}),
     "indicators.referrals.without: 'population.csv' is not under its family's needs"),
    (lambda raw: raw["families"].update(missing={**raw["families"]["drift"]}),
     "families.missing: no indicators"),
    (lambda raw: raw["scorecard"].append("not_an_indicator"),
     "scorecard[12]: 'not_an_indicator' is not an indicator"),
])
def test_a_bad_entry_raises_naming_its_key(change, message):
    with pytest.raises(CatalogueError, match=re.escape(message)):
        parse(_with(change))


def test_the_shipped_catalogue_parses_as_loaded():
    assert parse(CATALOGUE_PATH.read_text()).indicators == catalogue()
