"""dfe.8569Q: no nfa flag on a referral from before the census year, less one working day.
The year starts Monday 1 April 2024, Easter Monday; Good Friday is 29 March, so the working
day before is Thursday 28 March 2024."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8569q


def test_breaking_8569q_is_found(census):
    found = census(dfe_8569q, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-03-27</CINreferralDate><ReferralNFA>true</ReferralNFA></CINdetails>
        </Child>""")
    assert found == [('dfe.8569Q', 7, 'ReferralNFA', 'true')]


def test_keeping_8569q_passes(census):
    assert census(dfe_8569q, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-03-28</CINreferralDate><ReferralNFA>1</ReferralNFA></CINdetails>
        </Child>""") == []  # passes: on the bound
