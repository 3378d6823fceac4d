"""dfe.8600: every episode has a referral date on or before the census day."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8600


def test_breaking_8600_is_found(census):
    found = census(dfe_8600, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><ReferralSource>1A</ReferralSource></CINdetails>
        <CINdetails><CINreferralDate>2025-04-01</CINreferralDate></CINdetails>
        </Child>""")
    assert found == [('dfe.8600', 7, 'CINreferralDate', None),  # no referral date
                     ('dfe.8600', 8, 'CINreferralDate', '2025-04-01')]  # after the year


def test_keeping_8600_passes(census):
    assert census(dfe_8600, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2025-03-31</CINreferralDate></CINdetails>
        </Child>""") == []  # passes: referred on the census day
