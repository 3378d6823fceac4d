"""dfe.8670Q: an open assessment started no more than 45 working days before the census day
(45 working days before Monday 31 March 2025 is Monday 27 January 2025)."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8670q


def test_breaking_8670q_is_found(census):
    found = census(dfe_8670q, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <Assessments><AssessmentActualStartDate>2025-01-24</AssessmentActualStartDate></Assessments></CINdetails>
        </Child>""")
    assert found == [('dfe.8670Q', 8, 'AssessmentActualStartDate', '2025-01-24')]


def test_keeping_8670q_passes(census):
    assert census(dfe_8670q, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <Assessments><AssessmentActualStartDate>2025-01-27</AssessmentActualStartDate></Assessments></CINdetails>
        </Child>""") == []  # passes: exactly 45 working days
