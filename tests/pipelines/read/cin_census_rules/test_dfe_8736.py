"""dfe.8736: an open assessment started in the census year."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8736


def test_breaking_8736_is_found(census):
    found = census(dfe_8736, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <Assessments><AssessmentActualStartDate>2024-03-29</AssessmentActualStartDate></Assessments></CINdetails>
        </Child>""")
    assert found == [('dfe.8736', 8, 'AssessmentActualStartDate', '2024-03-29')]


def test_keeping_8736_passes(census):
    assert census(dfe_8736, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <Assessments><AssessmentActualStartDate>2024-03-29</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-04-10</AssessmentAuthorisationDate></Assessments></CINdetails>
        </Child>""") == []  # passes: a completed assessment may start before the year
