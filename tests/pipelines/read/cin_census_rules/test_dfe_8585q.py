"""dfe.8585Q: an episode closed RC2 (died) belongs to a child with a date of death."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8585q


def test_breaking_8585q_is_found(census):
    found = census(dfe_8585q, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate><CINclosureDate>2024-09-01</CINclosureDate><ReasonForClosure>RC2</ReasonForClosure></CINdetails>
        </Child>""")
    assert found == [('dfe.8585Q', 7, 'ReasonForClosure', 'RC2')]


def test_keeping_8585q_passes(census):
    assert census(dfe_8585q, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><Sex>M</Sex><PersonDeathDate>2024-09-01</PersonDeathDate></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate><CINclosureDate>2024-09-01</CINclosureDate><ReasonForClosure>RC2</ReasonForClosure></CINdetails>
        </Child>""") == []  # passes: the child has a date of death
