"""dfe.8715: an initial conference is in the census year."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8715


def test_breaking_8715_is_found(census):
    found = census(dfe_8715, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <Section47><S47ActualStartDate>2024-06-01</S47ActualStartDate><DateOfInitialCPC>2025-04-02</DateOfInitialCPC></Section47></CINdetails>
        </Child>""")
    assert found == [('dfe.8715', 8, 'DateOfInitialCPC', '2025-04-02')]


def test_keeping_8715_passes(census):
    assert census(dfe_8715, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <Section47><S47ActualStartDate>2024-06-01</S47ActualStartDate><DateOfInitialCPC>2024-06-20</DateOfInitialCPC></Section47></CINdetails>
        </Child>""") == []  # passes: in the year
