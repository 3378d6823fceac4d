"""dfe.8555Q: no referral after the date of death."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8555q


def test_breaking_8555q_is_found(census):
    found = census(dfe_8555q, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><Sex>M</Sex><PersonDeathDate>2024-05-01</PersonDeathDate></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate></CINdetails>
        </Child>""")
    assert found == [('dfe.8555Q', 7, 'CINreferralDate', '2024-06-01')]


def test_keeping_8555q_passes(census):
    assert census(dfe_8555q, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><Sex>M</Sex><PersonDeathDate>2024-06-01</PersonDeathDate></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate></CINdetails>
        </Child>""") == []  # passes: referred on the day of death
