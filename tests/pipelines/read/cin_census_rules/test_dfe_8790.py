"""dfe.8790: disabilities are NONE alone or real codes."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8790


def test_breaking_8790_is_found(census):
    found = census(dfe_8790, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Disabilities><Disability>NONE</Disability><Disability>MOB</Disability></Disabilities></ChildCharacteristics>
        </Child>""")
    assert found == [('dfe.8790', 4, 'Disability', None)]


def test_keeping_8790_passes(census):
    assert census(dfe_8790, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>
        </Child>""") == []  # passes: NONE alone
