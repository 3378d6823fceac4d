"""dfe.8730: every CP plan gives the number of previous plans."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8730


def test_breaking_8730_is_found(census):
    found = census(dfe_8730, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate></ChildProtectionPlans></CINdetails>
        </Child>""")
    assert found == [('dfe.8730', 8, 'NumberOfPreviousCPP', None)]


def test_keeping_8730_passes(census):
    assert census(dfe_8730, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><NumberOfPreviousCPP>0</NumberOfPreviousCPP></ChildProtectionPlans></CINdetails>
        </Child>""") == []  # passes: 0 given
