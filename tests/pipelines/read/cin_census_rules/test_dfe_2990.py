"""dfe.2990: no CIN plan, Section 47, conference or CP plan on an episode closed RC8/RC9."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_2990


def test_breaking_2990_is_found(census):
    found = census(dfe_2990, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate><CINclosureDate>2024-09-01</CINclosureDate><ReasonForClosure>RC9</ReasonForClosure>
        <CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate></CINPlanDates></CINdetails>
        </Child>""")
    assert found == [('dfe.2990', 8, 'CINPlanDates', None)]


def test_keeping_2990_passes(census):
    assert census(dfe_2990, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate><CINclosureDate>2024-09-01</CINclosureDate><ReasonForClosure>RC1</ReasonForClosure>
        <CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate></CINPlanDates></CINdetails>
        </Child>""") == []  # passes: closed RC1 after a plan
