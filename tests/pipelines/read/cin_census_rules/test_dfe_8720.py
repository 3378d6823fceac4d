"""dfe.8720: every CP plan starts, on or before the census day."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8720


def test_breaking_8720_is_found(census):
    found = census(dfe_8720, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <ChildProtectionPlans><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse></ChildProtectionPlans></CINdetails>
        </Child>""")
    assert found == [('dfe.8720', 8, 'CPPstartDate', None)]


def test_keeping_8720_passes(census):
    assert census(dfe_8720, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <ChildProtectionPlans><CPPstartDate>2025-03-31</CPPstartDate></ChildProtectionPlans></CINdetails>
        </Child>""") == []  # passes: starts on the census day
