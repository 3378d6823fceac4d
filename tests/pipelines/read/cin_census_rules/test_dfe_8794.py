"""dfe.8794: no disability code twice."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_8794


def test_breaking_8794_is_found(census):
    found = census(dfe_8794, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Disabilities><Disability>MOB</Disability><Disability>mob</Disability></Disabilities></ChildCharacteristics>
        </Child>""")
    assert found == [('dfe.8794', 4, 'Disability', 'MOB')]


def test_keeping_8794_passes(census):
    assert census(dfe_8794, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Disabilities><Disability>MOB</Disability><Disability>HAND</Disability></Disabilities></ChildCharacteristics>
        </Child>""") == []  # passes: two codes
