"""dfe.1530: a given UPN is well formed (A999200001001: breaks 1530); the UPN is never shown."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_1530


def test_breaking_1530_is_found(census):
    found = census(dfe_1530, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><UPN>A999200001001</UPN><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""")
    assert found == [('dfe.1530', 4, 'UPN', None)]
    assert not any('A999200001001' in f.message for f in census.findings)


def test_keeping_1530_passes(census):
    assert census(dfe_1530, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><UPN>H801200001001</UPN><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""") == []  # passes: H801200001001 is well formed (its check letter is H)
