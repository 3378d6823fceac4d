"""dfe.8565: nothing in a closed episode is dated after its closure."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8565


def test_breaking_8565_is_found(census):
    found = census(dfe_8565, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate><CINclosureDate>2024-09-01</CINclosureDate><ReasonForClosure>RC1</ReasonForClosure>
        <Assessments><AssessmentActualStartDate>2024-06-02</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-09-02</AssessmentAuthorisationDate></Assessments></CINdetails>
        </Child>""")
    assert found == [('dfe.8565', 8, 'AssessmentAuthorisationDate', '2024-09-02')]


def test_keeping_8565_passes(census):
    assert census(dfe_8565, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate><CINclosureDate>2024-09-01</CINclosureDate><ReasonForClosure>RC1</ReasonForClosure>
        <Assessments><AssessmentActualStartDate>2024-06-02</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-09-01</AssessmentAuthorisationDate></Assessments></CINdetails>
        </Child>""") == []  # passes: authorised on the closure day
