"""dfe.1580: LAchildID holds only letters and digits."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_1580


def test_breaking_1580_is_found(census):
    found = census(dfe_1580, """
        <Child>
        <ChildIdentifiers><LAchildID>C-1</LAchildID><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""")
    assert found == [('dfe.1580', 4, 'LAchildID', None)]


def test_keeping_1580_passes(census):
    assert census(dfe_1580, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""") == []  # passes: letters and digits
