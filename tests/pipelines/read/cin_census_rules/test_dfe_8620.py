"""dfe.8620: an episode's closure date is in the census year."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8620


def test_breaking_8620_is_found(census):
    found = census(dfe_8620, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate><CINclosureDate>2024-03-31</CINclosureDate><ReasonForClosure>RC1</ReasonForClosure></CINdetails>
        </Child>""")
    assert found == [('dfe.8620', 7, 'CINclosureDate', '2024-03-31')]


def test_keeping_8620_passes(census):
    assert census(dfe_8620, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate><CINclosureDate>2024-04-01</CINclosureDate><ReasonForClosure>RC1</ReasonForClosure></CINdetails>
        </Child>""") == []  # passes: closed on the first day of the year
