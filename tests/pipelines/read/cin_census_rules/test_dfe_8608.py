"""dfe.8608: an assessment is not authorised before it starts."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8608


def test_breaking_8608_is_found(census):
    found = census(dfe_8608, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <Assessments><AssessmentActualStartDate>2024-07-02</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-01</AssessmentAuthorisationDate></Assessments></CINdetails>
        </Child>""")
    assert found == [('dfe.8608', 8, 'AssessmentActualStartDate', '2024-07-02')]


def test_keeping_8608_passes(census):
    assert census(dfe_8608, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <Assessments><AssessmentActualStartDate>2024-07-01</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-07-01</AssessmentAuthorisationDate></Assessments></CINdetails>
        </Child>""") == []  # passes: authorised the day it starts
