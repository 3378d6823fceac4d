"""dfe.100: the ReferenceDate is 31 March of the collection year."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_100


def test_breaking_100_is_found(census):
    found = census(dfe_100, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate></CINdetails>
        </Child>""", reference='2025-03-30', year='2025')
    assert found == [('dfe.100', 1, 'ReferenceDate', '2025-03-30')]


def test_keeping_100_passes(census):
    assert census(dfe_100, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate></CINdetails>
        </Child>""", reference='2025-03-31', year='2025') == []  # passes: 31 March 2025
