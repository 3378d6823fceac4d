"""dfe.1570: LAchildID is at most 20 characters."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_1570


def test_breaking_1570_is_found(census):
    found = census(dfe_1570, """
        <Child>
        <ChildIdentifiers><LAchildID>C123456789012345678901</LAchildID><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""")
    assert found == [('dfe.1570', 4, 'LAchildID', None)]


def test_keeping_1570_passes(census):
    assert census(dfe_1570, """
        <Child>
        <ChildIdentifiers><LAchildID>C1234567890123456789</LAchildID><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""") == []  # passes: 20 characters
