"""dfe.8841: a CP plan review is after the plan starts."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8841


def test_breaking_8841_is_found(census):
    found = census(dfe_8841, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><Reviews><CPPreviewDate>2024-07-01</CPPreviewDate></Reviews></ChildProtectionPlans></CINdetails>
        </Child>""")
    assert found == [('dfe.8841', 8, 'CPPreviewDate', '2024-07-01')]


def test_keeping_8841_passes(census):
    assert census(dfe_8841, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <ChildProtectionPlans><CPPstartDate>2024-07-01</CPPstartDate><Reviews><CPPreviewDate>2024-07-02</CPPreviewDate><CPPreviewDate>2024-10-02</CPPreviewDate></Reviews></ChildProtectionPlans></CINdetails>
        </Child>""") == []  # passes: reviews after the start
