"""dfe.1510: a given UPN is well formed (B801200001001: breaks 1510); the UPN is never shown."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_1510


def test_breaking_1510_is_found(census):
    found = census(dfe_1510, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><UPN>B801200001001</UPN><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""")
    assert found == [('dfe.1510', 4, 'UPN', None)]
    assert not any('B801200001001' in f.message for f in census.findings)


def test_keeping_1510_passes(census):
    assert census(dfe_1510, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><UPN>H801200001001</UPN><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""") == []  # passes: H801200001001 is well formed (its check letter is H)
