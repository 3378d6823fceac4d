"""dfe.8825Q: an episode closed RC8/RC9 has an assessment. R001 (line 2, RC9) has A001
(assessments line 2); R003 (line 4) is nfa and closed RC8 with no assessment: allowed in our
CSV files, reported (as the DfE does) when the referral comes from a CIN census return."""

from datetime import date

import duckdb

from neglect_insight.pipelines.load.staging import stage
from neglect_insight.pipelines.validate.rules import dfe_8825q

EXTRACT_DATE = date(2025, 3, 31)
NFA_EPISODE = ("<CINdetails><CINreferralDate>2024-06-01</CINreferralDate><ReferralSource>1A"
               "</ReferralSource><ReferralNFA>true</ReferralNFA><CINclosureDate>2024-06-01"
               "</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure></CINdetails>")


def test_closed_after_assessment_without_one_is_a_query(delivery):
    delivery.set("assessments.csv", 2, referral_id="R002", child_id="C002")  # A001 leaves R001
    [f] = delivery.rule(dfe_8825q)  # fails: R001 closed RC9 with no assessment
    assert (f.rule_id, f.severity, f.line, f.column, f.value) == (
        "dfe.8825Q", "query", 2, "closure_reason", "RC9")


def test_assessed_and_csv_nfa_referrals_pass(delivery):
    assert delivery.rule(dfe_8825q) == []  # R001 and R004 assessed; R003 is nfa in a CSV


def test_nfa_referral_from_a_census_return_is_a_query(tmp_path):
    (tmp_path / "cin_census_2025.xml").write_text(
        "<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2025</Year>"
        "<ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails></Header><Children>"
        "<Child><ChildIdentifiers><LAchildID>C9</LAchildID><PersonBirthDate>2015-05-01"
        "</PersonBirthDate><Sex>M</Sex></ChildIdentifiers><ChildCharacteristics><Ethnicity>"
        f"WBRI</Ethnicity></ChildCharacteristics>{NFA_EPISODE}</Child></Children></Message>")
    conn = duckdb.connect()
    stage(conn, tmp_path)
    [f] = dfe_8825q.check(conn, EXTRACT_DATE)  # fails: the DfE's wording has no nfa exception
    assert (f.rule_id, f.severity, f.column, f.value) == (
        "dfe.8825Q", "query", "closure_reason", "RC8")
    assert "C9/2024-06-01/1" in f.message
