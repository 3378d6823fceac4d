"""dfe.8930: a CP plan ends in the census year."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8930


def test_breaking_8930_is_found(census):
    found = census(dfe_8930, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <ChildProtectionPlans><CPPstartDate>2023-07-01</CPPstartDate><CPPendDate>2024-03-01</CPPendDate></ChildProtectionPlans></CINdetails>
        </Child>""")
    assert found == [('dfe.8930', 8, 'CPPendDate', '2024-03-01')]


def test_keeping_8930_passes(census):
    assert census(dfe_8930, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <ChildProtectionPlans><CPPstartDate>2023-07-01</CPPstartDate><CPPendDate>2024-05-01</CPPendDate></ChildProtectionPlans></CINdetails>
        </Child>""") == []  # passes: ends in the year
