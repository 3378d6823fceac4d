"""dfe.4013: a CIN plan ends in the census year (1 April 2024 to 31 March 2025)."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_4013


def test_breaking_4013_is_found(census):
    found = census(dfe_4013, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate><CINPlanEndDate>2025-04-01</CINPlanEndDate></CINPlanDates></CINdetails>
        </Child>""")
    assert found == [('dfe.4013', 8, 'CINPlanEndDate', '2025-04-01')]


def test_keeping_4013_passes(census):
    assert census(dfe_4013, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <CINPlanDates><CINPlanStartDate>2024-07-01</CINPlanStartDate><CINPlanEndDate>2025-03-31</CINPlanEndDate></CINPlanDates></CINdetails>
        </Child>""") == []  # passes: ends on the census day
