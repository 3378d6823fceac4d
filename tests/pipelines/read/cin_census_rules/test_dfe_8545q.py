"""dfe.8545Q: a date of death is in the census year."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8545q


def test_breaking_8545q_is_found(census):
    found = census(dfe_8545q, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><Sex>M</Sex><PersonDeathDate>2024-03-31</PersonDeathDate></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""")
    assert found == [('dfe.8545Q', 4, 'PersonDeathDate', '2024-03-31')]


def test_keeping_8545q_passes(census):
    assert census(dfe_8545q, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><Sex>M</Sex><PersonDeathDate>2024-04-01</PersonDeathDate></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""") == []  # passes: the first day of the year
