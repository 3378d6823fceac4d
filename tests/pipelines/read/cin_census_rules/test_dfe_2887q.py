"""dfe.2887Q: a return uses at least 8 disability codes."""

from neglect_insight.pipelines.read.cin_census_rules import dfe_2887q


def test_breaking_2887q_is_found(census):
    found = census(dfe_2887q, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Disabilities><Disability>MOB</Disability></Disabilities></ChildCharacteristics>
        </Child>""")
    assert found == [('dfe.2887Q', 1, 'Disability', None)]


def test_keeping_2887q_passes(census):
    assert census(dfe_2887q, """
        <Child>
        <ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-05-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
        <ChildCharacteristics><Disabilities><Disability>MOB</Disability><Disability>HAND</Disability><Disability>PC</Disability><Disability>INC</Disability><Disability>COMM</Disability><Disability>LD</Disability><Disability>HEAR</Disability><Disability>VIS</Disability></Disabilities></ChildCharacteristics>
        </Child>""") == []  # passes: 8 codes
