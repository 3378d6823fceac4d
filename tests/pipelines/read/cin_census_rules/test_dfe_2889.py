"""dfe.2889: no Section 47 enquiry before the referral (1 June 2024)."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_2889


def test_breaking_2889_is_found(census):
    found = census(dfe_2889, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <Section47><S47ActualStartDate>2024-05-01</S47ActualStartDate></Section47></CINdetails>
        </Child>""")
    assert found == [('dfe.2889', 8, 'S47ActualStartDate', '2024-05-01')]


def test_keeping_2889_passes(census):
    assert census(dfe_2889, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <Section47><S47ActualStartDate>2024-06-02</S47ActualStartDate></Section47></CINdetails>
        </Child>""") == []  # passes: after the referral
