"""dfe.2886Q: no more than 2% of born children without a sex."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_2886q


def test_breaking_2886q_is_found(census):
    found = census(dfe_2886q, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><Sex>U</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""")
    assert found == [('dfe.2886Q', 1, 'Sex', None)]


def test_keeping_2886q_passes(census):
    assert census(dfe_2886q, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><ExpectedPersonBirthDate>2025-06-01</ExpectedPersonBirthDate><Sex>U</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""") == []  # passes: an unborn child is not counted
