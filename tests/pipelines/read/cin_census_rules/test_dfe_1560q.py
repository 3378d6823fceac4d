"""dfe.1560Q: a given former UPN has the form of a UPN; it is never shown."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_1560q


def test_breaking_1560q_is_found(census):
    found = census(dfe_1560q, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><FormerUPN>X98765432123B</FormerUPN><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""")
    assert found == [('dfe.1560Q', 4, 'FormerUPN', None)]
    assert not any('X98765432123B' in f.message for f in census.findings)


def test_keeping_1560q_passes(census):
    assert census(dfe_1560q, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><FormerUPN>H801200001001</FormerUPN><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""") == []  # passes: a well-formed former UPN
