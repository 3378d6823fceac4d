"""dfe.1550: a given UPN is well formed (H80120000100!: breaks 1550); the UPN is never shown."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_1550


def test_breaking_1550_is_found(census):
    found = census(dfe_1550, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><UPN>H80120000100!</UPN><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""")
    assert found == [('dfe.1550', 4, 'UPN', None)]
    assert not any('H80120000100!' in f.message for f in census.findings)


def test_keeping_1550_passes(census):
    assert census(dfe_1550, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><UPN>H801200001001</UPN><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        </Child>""") == []  # passes: H801200001001 is well formed (its check letter is H)
