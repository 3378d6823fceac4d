"""CIN census returns of three schema years → canonical tables (pipelines/read/cin_census_xml.py).

Fixtures (hand-written, tests/fixtures/official/): cin_census_2019.xml (2018/19, GenderCurrent),
cin_census.xml (2024/25, Sex), cin_census_2026.xml (2025/26, pre-proceedings). Every expected
row is read off the file by hand; `_place` is the line of the element's start tag.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from neglect_insight.pipelines.read.cin_census_xml import describe, read, read_return

FIXTURES = Path(__file__).parents[2] / "fixtures" / "official"
Y2019, Y2025, Y2026 = (FIXTURES / name for name in (
    "cin_census_2019.xml", "cin_census.xml", "cin_census_2026.xml"))
UPN_LIKE = ("G935123456789", "T935123456790", "X93512345678D", "J873123456789", "UN2", "UN3",
            "H801200001001", "F801200009990", "L801200001003", "Z801200001098", "UN1")


@pytest.fixture(scope="module")
def y2019():
    return read_return(Y2019)


@pytest.fixture(scope="module")
def y2026():
    return read_return(Y2026)


def rows(census, stem, *columns):
    return census.tables[stem].select(columns).rows()


def reader_findings(findings):
    """The reader's own findings (the DfE rules' are tested below and in cin_census_rules/)."""
    return [f for f in findings if not f.rule_id.startswith("dfe.")]


def test_2019_children_from_gender_current(y2019):
    assert rows(y2019, "children", "child_id", "sex", "birth_month", "expected_birth_month",
                "ethnicity", "disabled", "locality", "_place") == [
        ("S0001", "M", "2012-04-01", None, "WBRI", "false", None, "line 19"),  # 1; NONE
        ("S0002", "F", "2005-11-01", None, "APKN", None, None, "line 66"),  # 2; no Disabilities
        ("S0003", "U", "2017-02-01", None, "WOTH", "true", None, "line 95"),  # 9 indeterminate
    ]


def test_2019_two_same_day_referrals_get_ordinals_in_document_order(y2019):
    assert rows(y2019, "referrals", "referral_id", "child_id", "referral_date", "source",
                "primary_need", "nfa", "closure_date", "closure_reason", "_place") == [
        ("S0001/2018-05-14/1", "S0001", "2018-05-14", "6", "N1", "true", "2018-05-14", "RC8",
         "line 32"),  # NFA written 1
        ("S0001/2018-05-14/2", "S0001", "2018-05-14", "2A", "N1", "false", None, None,
         "line 40"),  # same child, same day: ordinal 2
        ("S0002/2018-09-03/1", "S0002", "2018-09-03", "3A", "N4", "false", "2019-01-05", "RC2",
         "line 78"),
        ("S0003/2019-02-01/1", "S0003", "2019-02-01", "1B", "N2", "false", None, None,
         "line 108"),
    ]


def test_2019_assessments_factors_normalised_and_plans(y2019):
    assert rows(y2019, "assessments", "assessment_id", "referral_id", "start_date",
                "authorised_date", "factors", "_place") == [
        ("S0001/2018-05-14/2/A2018-05-15/1", "S0001/2018-05-14/2", "2018-05-15", "2018-06-19",
         "16A;18A", "line 45"),  # 16a written in lower case
        ("S0002/2018-09-03/1/A2018-09-04/1", "S0002/2018-09-03/1", "2018-09-04", "2018-10-01",
         "4B;24A", "line 84"),
    ]
    assert y2019.tables["cin_plans"].height == 0  # no CINPlanDates before 2021/22
    assert rows(y2019, "cp_plans", "plan_id", "referral_id", "start_date", "end_date",
                "initial_category", "latest_category", "previous_plans", "_place") == [
        ("S0001/2018-05-14/2/P2018-06-20/1", "S0001/2018-05-14/2", "2018-06-20", None, "NEG",
         "PHY", "0", "line 58")]


def test_2019_a_factor_of_a_later_year_is_kept_and_queried(y2019):
    [found] = reader_findings(y2019.findings)
    assert (found.rule_id, found.severity, found.source, found.place) == (
        "cin_census_xml.unknown_factor", "query", "cin_census_2019.xml", "line 84")
    assert "'24A' is not an assessment factor code of the 2018/19 census" in found.message


def test_2019_summary(y2019):
    summary = y2019.summary
    assert (summary.collection_year, summary.schema_year, summary.year_from) == (
        2019, "2018/19", "header Year")
    assert (summary.children, summary.episodes, summary.assessments, summary.cin_plans,
            summary.cp_plans, summary.pre_proceedings) == (3, 4, 2, 0, 1, 0)


def test_2025_sex_and_summary():
    frames, findings = read(Y2025)
    assert findings == []  # Sex in a 2024/25 return, every factor a 2024/25 code
    assert frames["children"].select("child_id", "sex").rows() == [
        ("CH1001", "M"), ("CH1002", "U"), ("CH1003", "F")]
    assert describe(Y2025).schema_year == "2024/25"


def test_2026_rows_with_pre_proceedings_counted_not_copied(y2026):
    assert rows(y2026, "children", "child_id", "sex", "birth_month", "expected_birth_month",
                "disabled") == [
        ("T0001", "F", "2019-08-01", None, "false"),
        ("T0002", "U", None, "2026-05-01", None),  # unborn
    ]
    assert rows(y2026, "referrals", "referral_id", "source", "closure_date", "_place") == [
        ("T0001/2025-04-22/1", "5D", None, "line 27"),
        ("T0002/2026-01-12/1", "3B", None, "line 81"),
    ]
    assert rows(y2026, "assessments", "assessment_id", "authorised_date", "factors") == [
        ("T0001/2025-04-22/1/A2025-04-23/1", "2025-05-30", "16A;18B"),
        ("T0001/2025-04-22/1/A2025-11-03/1", None, "24A"),  # not yet authorised
    ]
    assert rows(y2026, "cin_plans", "referral_id", "start_date", "end_date", "_place") == [
        ("T0001/2025-04-22/1", "2025-06-02", "2025-09-01", "line 45")]
    assert rows(y2026, "cp_plans", "plan_id", "start_date", "previous_plans", "_place") == [
        ("T0001/2025-04-22/1/P2025-09-01/1", "2025-09-01", "1", "line 50")]
    assert reader_findings(y2026.findings) == []
    assert (y2026.summary.schema_year, y2026.summary.pre_proceedings) == ("2025/26", 1)
    columns = {c for frame in y2026.tables.values() for c in frame.columns}
    assert not {c for c in columns if c.lower().startswith(("pp", "fgdm", "lbp"))}


@pytest.mark.parametrize(("path", "dfe_rules"), [
    (Y2019, ["dfe.2886Q", "dfe.2887Q"]),  # S0003's sex is 9; one disability code
    (Y2025, []),  # a valid return: every UPN well formed, eight disability codes
    (Y2026, ["dfe.8670Q", "dfe.2887Q"]),  # T0001's open assessment; no disability code
])
def test_the_dfe_rules_check_each_return_by_its_own_schema(path, dfe_rules):
    """GenderCurrent in 2018/19 and Sex from 2024/25 are both the right element (no 4180)."""
    findings = read_return(path).findings
    assert [f.rule_id for f in findings if f.rule_id.startswith("dfe.")] == dfe_rules


@pytest.mark.parametrize("path", [Y2019, Y2025, Y2026])
def test_no_upn_or_upn_code_in_any_output(path):
    census = read_return(path)
    values = [str(v) for frame in census.tables.values() for row in frame.rows() for v in row]
    values += [str(v) for f in census.findings for v in f.as_row().values()]
    assert not [v for v in values if any(u in v for u in UPN_LIKE)]
    assert all(frame.columns[-2:] == ["_source", "_place"] for frame in census.tables.values())


@pytest.mark.parametrize(("header", "sex", "problem"), [
    ("<Year>2023</Year>", "<Sex>M</Sex>",
     "its header says 2022/23 but it uses elements first used in 2024/25"),
    ("<Year>2025</Year>", "<GenderCurrent>1</GenderCurrent>",
     "its header says 2024/25 but it uses GenderCurrent, replaced by Sex in 2024/25"),
    ("<Year>2030</Year>", "<Sex>M</Sex>",
     "its collection year 2029/30 is not one this reader knows (2016/17 to 2025/26)"),
])
def test_a_year_that_does_not_fit_is_read_and_queried(tmp_path, header, sex, problem):
    path = tmp_path / "c.xml"
    path.write_text(f"<Message><Header><CollectionDetails>{header}</CollectionDetails></Header>"
                    f"<Children><Child><ChildIdentifiers><LAchildID>A</LAchildID>{sex}"
                    "</ChildIdentifiers></Child></Children></Message>")
    census = read_return(path)
    assert census.tables["children"]["sex"].to_list() == ["M"]
    [found] = reader_findings(census.findings)
    assert (found.rule_id, found.severity) == ("cin_census_xml.schema_year", "query")
    assert problem in found.message


def test_without_a_header_the_year_comes_from_the_elements(tmp_path):
    path = tmp_path / "c.xml"
    path.write_text(Y2026.read_text().replace("<Year>2026</Year>", "")
                    .replace("<ReferenceDate>2026-03-31</ReferenceDate>", ""))
    summary = read_return(path).summary
    assert (summary.schema_year, summary.year_from) == ("2025/26", "the elements used")
