"""CIN census XML → canonical tables (pipelines/read/cin_census_xml.py).

The fixture `tests/fixtures/official/cin_census.xml` (a 2024/25 return) is hand-written; every
expected row below is read off it by hand (element → column as in the module docstring). Other
schema years: test_cin_census_xml_years.py; several returns: test_cin_census_returns.py.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from neglect_insight.pipelines.read import cin_census_rows
from neglect_insight.pipelines.read.cin_census_xml import XmlReadError, detect, read
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES

FIXTURE = Path(__file__).parents[2] / "fixtures" / "official" / "cin_census.xml"
IDENTIFIERS = ("H801200001001", "F801200009990", "L801200001003", "Z801200001098", "UN1")


@pytest.fixture(scope="module")
def tables():
    frames, findings = read(FIXTURE)
    assert findings == []
    return {stem: frame.select(EXTRACT_FILES[stem].column_names) for stem, frame in frames.items()}


def test_children(tables):
    assert tables["children"].rows() == [
        # child_id, sex, birth_month, expected_birth_month, ethnicity, disabled, locality
        ("CH1001", "M", "2016-07-01", None, "WBRI", "false", None),  # born 19 Jul 2016; NONE
        ("CH1002", "U", None, "2025-05-01", "NOBT", None, None),  # unborn: expected 20 May 2025
        ("CH1003", "F", "2010-12-01", None, "MWBC", "true", None),  # eight codes, not NONE
    ]


def test_referrals_one_per_cin_details(tables):
    assert tables["referrals"].rows() == [
        # referral_id, child_id, referral_date, source, primary_need, nfa, closure, reason
        ("CH1001/2024-04-10/1", "CH1001", "2024-04-10", "2A", "N1", "false", "2024-10-31", "RC7"),
        # NFA written 0:
        ("CH1001/2025-02-03/1", "CH1001", "2025-02-03", "6", "N1", "false", None, None),
        ("CH1002/2025-01-08/1", "CH1002", "2025-01-08", "3B", "N1", "false", None, None),
        ("CH1003/2024-06-03/1", "CH1003", "2024-06-03", "1A", None, "true", "2024-06-03",
         "RC8"),  # nfa
    ]


def test_assessments_with_factors_joined(tables):
    assert tables["assessments"].rows() == [
        # assessment_id, referral_id, child_id, start_date, authorised_date, factors
        ("CH1001/2024-04-10/1/A2024-04-12/1", "CH1001/2024-04-10/1", "CH1001", "2024-04-12",
         "2024-05-20", "2B;16A"),
        ("CH1001/2025-02-03/1/A2025-02-04/1", "CH1001/2025-02-03/1", "CH1001", "2025-02-04",
         None, None),  # not yet authorised
        ("CH1002/2025-01-08/1/A2025-01-09/1", "CH1002/2025-01-08/1", "CH1002", "2025-01-09",
         "2025-02-20", "16A"),
    ]


def test_cin_plans(tables):
    assert tables["cin_plans"].rows() == [
        # child_id, referral_id, start_date, end_date
        ("CH1001", "CH1001/2024-04-10/1", "2024-09-16", "2024-10-31"),
        ("CH1002", "CH1002/2025-01-08/1", "2025-02-21", None),  # open
    ]


def test_cp_plans_with_previous_plans(tables):
    assert tables["cp_plans"].rows() == [
        # plan_id, child_id, referral_id, start, end, initial, latest, previous_plans
        ("CH1001/2024-04-10/1/P2024-05-20/1", "CH1001", "CH1001/2024-04-10/1", "2024-05-20",
         "2024-09-16", "NEG", "NEG", "2"),
        ("CH1001/2025-02-03/1/P2025-03-03/1", "CH1001", "CH1001/2025-02-03/1", "2025-03-03",
         None, "EMO", "NEG", "3"),  # open
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


@pytest.mark.parametrize(("text", "line", "reason"), [
    (census("\n" + child("A"), root='<Message xmlns="http://example.org/cin">'), 2,
     "in an XML namespace the CIN census does not use"),  # the census has no namespace
    ("<?xml version='1.0'?>\n<CINCensus>\n<Children><Child><ChildIdentifiers><LAchildID>A"
     "</LAchildID></ChildIdentifiers></Child></Children></CINCensus>", 2,
     "root element is <CINCensus>, not <Message>"),  # the census's shape under another root
])
def test_a_census_under_a_root_or_namespace_it_does_not_use_is_refused(tmp_path, text, line,
                                                                        reason):
    path = tmp_path / "c.xml"
    path.write_text(text)
    for call in (detect, read):
        with pytest.raises(XmlReadError) as raised:
            call(path)
        assert (raised.value.line, raised.value.path) == (line, path)
        assert reason in raised.value.reason


@pytest.mark.parametrize(("element", "expected"), [
    ("<GenderCurrent>1</GenderCurrent>", "M"),
    ("<GenderCurrent>2</GenderCurrent>", "F"),
    ("<GenderCurrent>0</GenderCurrent>", "U"),  # not recorded or unborn
    ("<GenderCurrent>9</GenderCurrent>", "U"),  # indeterminate
    ("<Sex>M</Sex>", "M"),  # the newer element, letters kept
    ("<Sex>f</Sex>", "F"),  # in any case
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
    assert [(f.rule_id, f.file, f.line, f.column, f.source, f.place, f.child_id)
            for f in findings if not f.rule_id.startswith("dfe.")] == [  # DfE rules aside
        ("cin_census_xml.birth_date", "c.xml", 4, "PersonBirthDate", "c.xml", "line 4", "A")]
    assert "19/07/2016" not in findings[0].message and findings[0].value is None


def test_same_day_referrals_are_numbered_within_the_child(tmp_path):
    path = tmp_path / "c.xml"
    path.write_text(census(child("A", episodes=EPISODE * 2) + child("B", episodes=EPISODE)
                           + child("A", episodes=EPISODE)))
    frames, _ = read(path)
    assert frames["children"]["child_id"].to_list() == ["A", "B", "A"]
    assert frames["referrals"]["referral_id"].to_list() == [
        "A/2024-05-01/1", "A/2024-05-01/2", "B/2024-05-01/1",
        "A/2024-05-01/1"]  # A written twice: its id repeats, and the contract reports both


def test_broken_xml_raises_with_its_line(tmp_path):
    path = tmp_path / "c.xml"
    text = census(child("A", episodes=EPISODE) + "\n\n" + child("B"))
    path.write_text(text.replace("<Child><ChildIdentifiers><LAchildID>B",
                                 "<Child><ChildIdentifiers><LAchildID>B</Wrong>"))
    with pytest.raises(XmlReadError) as raised:
        read(path)
    assert (raised.value.line, raised.value.reason) == (4, "not well-formed XML")


def test_a_truncated_return_raises_with_the_line_it_stops_on(tmp_path):
    path = tmp_path / "c.xml"
    text = FIXTURE.read_text()
    cut = text.index("<UPN>L801200001003") + len("<UPN>L8012")  # inside a UPN
    path.write_text(text[:cut])
    with pytest.raises(XmlReadError) as raised:
        read(path)
    assert raised.value.line == text[:cut].count("\n") + 1
    assert raised.value.reason == "the XML stops before it is complete"
    assert "L8012" not in str(raised.value)


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
    original = cin_census_rows.ReturnRows.child

    def spy(self, element):
        # at most the one read just before, and that one emptied
        earlier_children.append([len(e) for e in element.itersiblings(preceding=True)])
        original(self, element)

    monkeypatch.setattr(cin_census_rows.ReturnRows, "child", spy)
    path = tmp_path / "c.xml"
    path.write_text(census("".join(child(f"C{i}", episodes=EPISODE) for i in range(50))))
    frames, _ = read(path)
    assert frames["referrals"].height == 50
    assert earlier_children == [[]] + [[0]] * 49


def test_a_census_under_another_root_refuses_the_delivery_naming_file_line_and_why(tmp_path):
    from neglect_insight.pipelines.read.official import convert_official_formats

    path = tmp_path / "cin_census_2025.xml"
    path.write_text(census("\n" + child("A", "<UPN>A123456789012</UPN>"))
                    .replace("<Message>", "<Census>\n").replace("</Message>", "</Census>"))
    conversion = convert_official_formats([path])
    assert conversion.tables == {}
    assert [(f.rule_id, f.severity, f.file, f.line) for f in conversion.findings] == [
        ("official.unreadable", "blocking", "cin_census_2025.xml", 2)]
    assert "root element is <Census>, not <Message>" in conversion.findings[0].message
    assert "A123456789012" not in conversion.findings[0].message
