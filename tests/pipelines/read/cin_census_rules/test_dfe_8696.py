"""dfe.8696: an assessment is authorised in the census year."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8696


def test_breaking_8696_is_found(census):
    found = census(dfe_8696, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <Assessments><AssessmentActualStartDate>2024-03-01</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-03-20</AssessmentAuthorisationDate></Assessments></CINdetails>
        </Child>""")
    assert found == [('dfe.8696', 8, 'AssessmentAuthorisationDate', '2024-03-20')]


def test_keeping_8696_passes(census):
    assert census(dfe_8696, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <Assessments><AssessmentActualStartDate>2024-06-01</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-06-20</AssessmentAuthorisationDate></Assessments></CINdetails>
        </Child>""") == []  # passes: authorised in the year
