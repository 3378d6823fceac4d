"""dfe.1104: no initial conference before the referral (referral 1 June 2024)."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_1104


def test_breaking_1104_is_found(census):
    found = census(dfe_1104, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate><DateOfInitialCPC>2024-05-20</DateOfInitialCPC></CINdetails>
        </Child>""")
    assert found == [('dfe.1104', 7, 'DateOfInitialCPC', '2024-05-20')]


def test_keeping_1104_passes(census):
    assert census(dfe_1104, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate><DateOfInitialCPC>2024-06-20</DateOfInitialCPC></CINdetails>
        </Child>""") == []  # passes: after the referral
