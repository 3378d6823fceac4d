"""CIN census XML → canonical tables (pipelines/read/cin_census_xml.py).

The fixture `tests/fixtures/official/cin_census.xml` is hand-written; every expected row below
is read off it by hand (element → column as in the module docstring).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from neglect_insight.pipelines.read import cin_census_xml
from neglect_insight.pipelines.read.cin_census_xml import XmlReadError, detect, read

FIXTURE = Path(__file__).parents[2] / "fixtures" / "official" / "cin_census.xml"
IDENTIFIERS = ("H801200001001", "H80120000999Z", "H801200001003", "H801200001098", "UN1")


@pytest.fixture(scope="module")
def tables():
    frames, findings = read(FIXTURE)
    assert findings == []
    return frames


def test_children(tables):
    assert tables["children"].rows() == [
        # child_id, sex, birth_month, expected_birth_month, ethnicity, disabled, locality
        ("CH1001", "M", "2016-07-01", None, "WBRI", "false", None),  # born 19 Jul 2016; 1; NONE
        ("CH1002", "U", None, "2025-05-01", "NOBT", None, None),  # unborn: expected 20 May 2025, 0
        ("CH1003", "F", "2010-12-01", None, "MWBC", "true", None),  # <Sex>2</Sex>; AUT, LD
    ]


def test_referrals_one_per_cin_details(tables):
    assert tables["referrals"].rows() == [
        # referral_id, child_id, referral_date, source, primary_need, nfa, closure, reason
        ("CH1001-R1", "CH1001", "2023-02-10", "2A", "N1", "false", "2023-10-31", "RC7"),
        ("CH1001-R2", "CH1001", "2024-11-04", "6", "N1", "false", None, None),  # NFA written 0
        ("CH1002-R1", "CH1002", "2025-01-08", "3B", "N1", "false", None, None),
        ("CH1003-R1", "CH1003", "2024-06-03", "1A", None, "true", "2024-06-03", "RC8"),  # nfa
    ]


def test_assessments_with_factors_joined(tables):
    assert tables["assessments"].rows() == [
        # assessment_id, referral_id, child_id, start_date, authorised_date, factors
        ("CH1001-R1-A1", "CH1001-R1", "CH1001", "2023-02-13", "2023-03-20", "2B;16A"),
        ("CH1001-R2-A1", "CH1001-R2", "CH1001", "2024-11-05", None, None),  # not yet authorised
        ("CH1002-R1-A1", "CH1002-R1", "CH1002", "2025-01-09", "2025-02-20", "16A"),
    ]


def test_cin_plans(tables):
    assert tables["cin_plans"].rows() == [
        # child_id, referral_id, start_date, end_date
        ("CH1001", "CH1001-R1", "2023-09-14", "2023-10-31"),
        ("CH1002", "CH1002-R1", "2025-02-21", None),  # open
    ]


def test_cp_plans_with_previous_plans(tables):
    assert tables["cp_plans"].rows() == [
        # plan_id, child_id, referral_id, start, end, initial, latest, previous_plans
        ("CH1001-R1-P1", "CH1001", "CH1001-R1", "2023-03-20", "2023-09-14", "NEG", "NEG", "2"),
        ("CH1001-R2-P1", "CH1001", "CH1001-R2", "2025-01-15", None, "EMO", "NEG", "3"),  # open
    ]


def test_no_identifier_is_copied(tables):
    values = [str(v) for frame in tables.values() for row in frame.rows() for v in row]
    assert not [v for v in values if any(i in v for i in IDENTIFIERS)]
    columns = {c for frame in tables.values() for c in frame.columns}
    assert not {c for c in columns if "upn" in c.lower()}


def test_detect_the_fixture_by_content(tmp_path):
    renamed = tmp_path / "return.dat"  # not the extension that decides
    renamed.write_bytes(FIXTURE.read_bytes())
    assert detect(FIXTURE) and detect(renamed)


def census(children: str, *, root: str = "<Message>", header: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{root}{header}<Children>'
            f"{textwrap.dedent(children)}</Children></Message>\n")


def child(child_id: str, identifiers: str = "", episodes: str = "") -> str:
    return (f"<Child><ChildIdentifiers><LAchildID>{child_id}</LAchildID>{identifiers}"
            "</ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity>"
            f"</ChildCharacteristics>{episodes}</Child>")


EPISODE = ("<CINdetails><CINreferralDate>2024-05-01</CINreferralDate><ReferralSource>2A"
           "</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode><ReferralNFA>false"
           "</ReferralNFA></CINdetails>")


@pytest.mark.parametrize(("text", "expected"), [
    (census(child("A")), True),  # Message → Children → Child → ChildIdentifiers
    ("<Message><Header><CollectionDetails><Collection>CIN</Collection></CollectionDetails>"
     "</Header><Children></Children></Message>", True),  # no children, but a CIN header
    ("<Message><Header><CollectionDetails><Collection>SCHOOL CENSUS</Collection>"
     "</CollectionDetails></Header><Children/></Message>", False),  # another DfE return
    ("<EXPSSDA903><CHILD/></EXPSSDA903>", False),  # the looked-after children return
    ("<Message><Pupils><Pupil/></Pupils></Message>", False),  # a Message, but not CIN
])
def test_detect(tmp_path, text, expected):
    path = tmp_path / "file.xml"
    path.write_text(text)
    assert detect(path) is expected


def test_a_namespaced_file_reads_the_same(tmp_path):
    path = tmp_path / "ns.xml"
    path.write_text(census(child("A", "<GenderCurrent>2</GenderCurrent>", EPISODE),
                           root='<Message xmlns="http://example.org/cin">'))
    frames, _ = read(path)
    assert detect(path)
    assert frames["children"].rows() == [("A", "F", None, None, "WBRI", None, None)]
    assert frames["referrals"]["referral_id"].to_list() == ["A-R1"]


@pytest.mark.parametrize(("element", "expected"), [
    ("<GenderCurrent>1</GenderCurrent>", "M"),
    ("<GenderCurrent>2</GenderCurrent>", "F"),
    ("<GenderCurrent>0</GenderCurrent>", "U"),  # not recorded or unborn
    ("<GenderCurrent>9</GenderCurrent>", "U"),  # indeterminate
    ("<Sex>M</Sex>", "M"),  # the newer element, letters kept
    ("<GenderCurrent>7</GenderCurrent>", "7"),  # not a code: copied, the sex rule reports it
])
def test_sex(tmp_path, element, expected):
    path = tmp_path / "c.xml"
    path.write_text(census(child("A", element)))
    assert read(path)[0]["children"]["sex"].to_list() == [expected]


def test_a_birth_date_that_is_not_a_date_is_withheld_and_reported_by_line(tmp_path):
    path = tmp_path / "c.xml"
    path.write_text(census(
        "\n" + child("A", "\n<PersonBirthDate>19/07/2016</PersonBirthDate>")  # on line 4
        + "\n" + child("B", "<PersonBirthDate>2016-07-19Z</PersonBirthDate>")))  # time zone
    frames, findings = read(path)
    assert frames["children"]["birth_month"].to_list() == [None, "2016-07-01"]
    assert [(f.rule_id, f.file, f.line, f.column) for f in findings] == [
        ("cin_census_xml.birth_date", "c.xml", 4, "PersonBirthDate")]
    assert "19/07/2016" not in findings[0].message and findings[0].value is None


def test_a_child_twice_carries_on_its_episode_numbers(tmp_path):
    path = tmp_path / "c.xml"
    path.write_text(census(child("A", episodes=EPISODE) + child("A", episodes=EPISODE * 2)))
    frames, _ = read(path)
    assert frames["children"]["child_id"].to_list() == ["A", "A"]  # the contract reports this
    assert frames["referrals"]["referral_id"].to_list() == ["A-R1", "A-R2", "A-R3"]


def test_broken_xml_raises_with_its_line(tmp_path):
    path = tmp_path / "c.xml"
    text = census(child("A", episodes=EPISODE) + "\n\n" + child("B"))
    path.write_text(text.replace("<Child><ChildIdentifiers><LAchildID>B",
                                 "<Child><ChildIdentifiers><LAchildID>B</Wrong>"))
    with pytest.raises(XmlReadError) as raised:
        read(path)
    assert raised.value.line == 4


def test_entities_are_not_expanded(tmp_path):
    path = tmp_path / "c.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                    + census(child("&x;"))[len('<?xml version="1.0" encoding="UTF-8"?>\n'):])
    try:
        frames, _ = read(path)
    except XmlReadError:
        return  # refusing the file is as good
    assert "root" not in str(frames["children"]["child_id"].to_list())


def test_streaming_clears_each_child(tmp_path, monkeypatch):
    """Each Child is cleared once read, so memory does not grow with the file."""
    earlier_children = []
    original = cin_census_xml._read_child

    def spy(element, *args):
        # at most the one read just before, and that one emptied
        earlier_children.append([len(e) for e in element.itersiblings(preceding=True)])
        original(element, *args)

    monkeypatch.setattr(cin_census_xml, "_read_child", spy)
    path = tmp_path / "c.xml"
    path.write_text(census("".join(child(f"C{i}", episodes=EPISODE) for i in range(50))))
    frames, _ = read(path)
    assert frames["referrals"].height == 50
    assert earlier_children == [[]] + [[0]] * 49
