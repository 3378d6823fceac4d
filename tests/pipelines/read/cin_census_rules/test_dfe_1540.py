"""dfe.1540: a given UPN is well formed (H8012000X1001: breaks 1540); the UPN is never shown."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_1540


def test_breaking_1540_is_found(census):
    found = census(dfe_1540, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><UPN>H8012000X1001</UPN><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""")
    assert found == [('dfe.1540', 4, 'UPN', None)]
    assert not any('H8012000X1001' in f.message for f in census.findings)


def test_keeping_1540_passes(census):
    assert census(dfe_1540, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><UPN>H801200001001</UPN><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""") == []  # passes: H801200001001 is well formed (its check letter is H)
