"""dfe.8831: no plan, Section 47 or conference on a referral with no further action."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8831


def test_breaking_8831_is_found(census):
    found = census(dfe_8831, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate><ReferralNFA>true</ReferralNFA><DateOfInitialCPC>2024-06-10</DateOfInitialCPC></CINdetails>
        </Child>""")
    assert found == [('dfe.8831', 7, 'DateOfInitialCPC', None)]


def test_keeping_8831_passes(census):
    assert census(dfe_8831, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate><ReferralNFA>false</ReferralNFA><DateOfInitialCPC>2024-06-10</DateOfInitialCPC></CINdetails>
        </Child>""") == []  # passes: not nfa
