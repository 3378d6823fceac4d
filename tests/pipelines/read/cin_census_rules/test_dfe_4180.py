"""dfe.4180: the sex code fits the return's schema (Sex: M, F, U; GenderCurrent: 1, 2, 0, 9)."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_4180


def test_breaking_4180_is_found(census):
    found = census(dfe_4180, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><Sex>1</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""")
    assert found == [('dfe.4180', 4, 'Sex', '1')]


def test_keeping_4180_passes(census):
    assert census(dfe_4180, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><GenderCurrent>1</GenderCurrent></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""") == []  # passes: 1 is a GenderCurrent code
