"""Several CIN census returns in one delivery (pipelines/read/cin_census_returns.py): every
episode, assessment and plan kept once, from the latest return that has it; one the later
return should have restated but did not is kept and queried; a child's characteristics from the
latest return. Returns are written by the test; every expectation is worked by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from neglect_insight.pipelines.read.cin_census_returns import read_all, read_returns

UPN = "A123456789012"


def census_return(year: int | None, children: str, reference_date: str | None = None) -> str:
    details = (f"<Year>{year}</Year>" if year else "") + (
        f"<ReferenceDate>{reference_date}</ReferenceDate>" if reference_date else "")
    return (f"<?xml version='1.0'?>\n<Message><Header><CollectionDetails><Collection>CIN"
            f"</Collection>{details}</CollectionDetails></Header>\n<Children>\n{children}"
            "</Children></Message>\n")


def child(child_id: str, sex: str, ethnicity: str, *episodes: str) -> str:
    return (f"<Child><ChildIdentifiers><LAchildID>{child_id}</LAchildID><UPN>{UPN}</UPN>{sex}"
            f"</ChildIdentifiers><ChildCharacteristics><Ethnicity>{ethnicity}</Ethnicity>"
            f"</ChildCharacteristics>\n{''.join(episodes)}</Child>\n")


def episode(referral: str, closed: str | None = None, *,
            assessments: tuple[tuple[str, str | None], ...] = (),
            plans: tuple[tuple[str, str | None], ...] = ()) -> str:
    """One CINdetails on one line: (start, authorised) assessments, (start, end) CP plans."""
    closure = f"<CINclosureDate>{closed}</CINclosureDate>" if closed else ""
    parts = "".join(
        f"<Assessments><AssessmentActualStartDate>{start}</AssessmentActualStartDate>"
        + (f"<AssessmentAuthorisationDate>{done}</AssessmentAuthorisationDate>" if done else "")
        + "</Assessments>" for start, done in assessments)
    cp = "".join(
        f"<ChildProtectionPlans><CPPstartDate>{start}</CPPstartDate>"
        + (f"<CPPendDate>{end}</CPPendDate>" if end else "")
        + "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG"
        "</LatestCategoryOfAbuse><NumberOfPreviousCPP>0</NumberOfPreviousCPP>"
        "</ChildProtectionPlans>" for start, end in plans)
    return (f"<CINdetails><CINreferralDate>{referral}</CINreferralDate><ReferralSource>6"
            f"</ReferralSource>{closure}{parts}<ReferralNFA>0</ReferralNFA>{cp}</CINdetails>\n")


@pytest.fixture
def two_returns(tmp_path) -> list[Path]:
    # Lines: 1 declaration, 2 header, 3 <Children>, then one line per Child, per CINdetails
    # (its assessments and plans on the same line) and per </Child>.
    y2024 = tmp_path / "cin_census_2024.xml"
    y2024.write_text(census_return(2024, (
        child("A", "<GenderCurrent>1</GenderCurrent>", "WBRI",  # line 4
              episode("2023-05-01", "2023-09-01"),  # line 5: closed in 2023/24, only here
              episode("2023-11-01",  # line 6: open at 31 March 2024
                      assessments=(("2023-11-02", "2023-12-15"),  # done: not restated later
                                   ("2024-03-01", None)),  # open: restated in 2025
                      plans=(("2024-01-05", None),)))  # open, but not in 2025: a query
        + child("B", "<GenderCurrent>2</GenderCurrent>", "WOTH",  # line 8
                episode("2024-01-10"))  # line 9: open at 31 March 2024, not in 2025: a query
        + child("C", "<GenderCurrent>2</GenderCurrent>", "AIND",  # line 11
                episode("2024-02-01"), episode("2024-02-01")))))  # lines 12, 13: same day
    y2025 = tmp_path / "cin_census_2025.xml"
    y2025.write_text(census_return(2025, (
        child("A", "<Sex>M</Sex>", "MOTH",  # line 4; ethnicity corrected in the later return
              episode("2023-11-01", "2024-06-30",  # line 5: closed in 2024/25
                      assessments=(("2024-03-01", "2024-04-10"),),
                      plans=(("2024-04-02", "2024-06-30"),)))
        + child("C", "<Sex>F</Sex>", "AIND",  # line 7
                episode("2024-02-01", "2024-05-01"), episode("2024-02-01")))))  # lines 8, 9
    return [y2025, y2024]  # the order given does not matter: the collection year decides


def test_each_record_is_kept_once_from_the_latest_return_that_has_it(two_returns):
    tables = read_returns(two_returns).tables
    assert sorted(tables["referrals"].select(
        "referral_id", "closure_date", "_source", "_place").rows()) == [
        ("A/2023-05-01/1", "2023-09-01", "cin_census_2024.xml", "line 5"),  # only in 2024
        ("A/2023-11-01/1", "2024-06-30", "cin_census_2025.xml", "line 5"),  # closed in 2025
        ("B/2024-01-10/1", None, "cin_census_2024.xml", "line 9"),  # kept, and queried
        ("C/2024-02-01/1", "2024-05-01", "cin_census_2025.xml", "line 8"),
        ("C/2024-02-01/2", None, "cin_census_2025.xml", "line 9"),
    ]
    assert sorted(tables["assessments"].select(
        "assessment_id", "authorised_date", "_source").rows()) == [
        ("A/2023-11-01/1/A2023-11-02/1", "2023-12-15", "cin_census_2024.xml"),  # not restated
        ("A/2023-11-01/1/A2024-03-01/1", "2024-04-10", "cin_census_2025.xml"),  # the later one
    ]
    assert sorted(tables["cp_plans"].select("plan_id", "end_date", "_source").rows()) == [
        ("A/2023-11-01/1/P2024-01-05/1", None, "cin_census_2024.xml"),  # kept, and queried
        ("A/2023-11-01/1/P2024-04-02/1", "2024-06-30", "cin_census_2025.xml"),
    ]
    assert all("_return_rank" not in frame.columns and "_record" not in frame.columns
               for frame in tables.values())


def test_a_childs_characteristics_come_from_the_latest_return(two_returns):
    children = read_returns(two_returns).tables["children"]
    assert sorted(children.select("child_id", "sex", "ethnicity", "_source").rows()) == [
        ("A", "M", "MOTH", "cin_census_2025.xml"),
        ("B", "F", "WOTH", "cin_census_2024.xml"),  # only in 2024
        ("C", "F", "AIND", "cin_census_2025.xml"),
    ]


def test_a_record_open_in_an_earlier_return_but_not_restated_is_queried(two_returns):
    combined = read_returns(two_returns)
    missing = [f for f in combined.findings if f.rule_id == "cin_census_xml.missing_later"]
    assert sorted((f.severity, f.source, f.place, f.child_id) for f in missing) == [
        ("query", "cin_census_2024.xml", "line 6", "A"),  # the CP plan starting 5 Jan 2024
        ("query", "cin_census_2024.xml", "line 9", "B"),  # the episode referred 10 Jan 2024
    ]
    assert any("CP plan dated 2024-01-05 is open at the end of this return but is not in the "
               "later return cin_census_2025.xml" in f.message for f in missing)
    assert [(s.file, s.schema_year, s.episodes) for s in combined.summaries] == [
        ("cin_census_2024.xml", "2023/24", 5), ("cin_census_2025.xml", "2024/25", 3)]


def test_no_upn_in_the_combined_tables_or_findings(two_returns):
    tables, findings = read_all(two_returns)
    values = [str(v) for frame in tables.values() for row in frame.rows() for v in row]
    values += [str(v) for f in findings for v in f.as_row().values()]
    assert not [v for v in values if UPN in v]


def test_without_a_header_year_the_reference_date_orders_the_returns(tmp_path):
    older, newer = tmp_path / "b_older.xml", tmp_path / "a_newer.xml"  # names sort the other way
    older.write_text(census_return(None, child("A", "<GenderCurrent>1</GenderCurrent>", "WBRI",
                                               episode("2023-11-01")), "2024-03-31"))
    newer.write_text(census_return(None, child("A", "<Sex>M</Sex>", "WBRI",
                                               episode("2023-11-01", "2024-05-01")), "2025-03-31"))
    combined = read_returns([older, newer])
    assert combined.tables["referrals"].select("closure_date", "_source").rows() == [
        ("2024-05-01", "a_newer.xml")]
    assert [s.year_from for s in combined.summaries] == ["header ReferenceDate"] * 2


def test_one_return_is_read_as_it_is(tmp_path):
    path = tmp_path / "cin.xml"
    path.write_text(census_return(2025, child("A", "<Sex>M</Sex>", "WBRI", episode("2024-05-01"),
                                              episode("2024-05-01"))))
    tables, findings = read_all([path])
    assert tables["referrals"]["referral_id"].to_list() == ["A/2024-05-01/1", "A/2024-05-01/2"]
    assert [f for f in findings if not f.rule_id.startswith("dfe.")] == []  # DfE rules aside
