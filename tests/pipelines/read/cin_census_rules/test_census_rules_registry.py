"""The census-return rules: every module is discovered with the rule shape and a test, and the
checker works as the XML reader drives it (streaming, Header found from the first Child,
findings naming file, line and child, never a UPN)."""

from pathlib import Path

from lxml import etree

from neglect_insight.pipelines.read import cin_census_rules
from neglect_insight.pipelines.read.cin_census_rules import CensusChecker

HERE = Path(__file__).parent


def test_every_rule_module_is_discovered_and_has_a_test():
    folder = Path(cin_census_rules.__file__).parent
    on_disk = {p.stem for p in folder.glob("dfe_*.py")}
    assert {m.__name__.rsplit(".", 1)[1] for m in cin_census_rules.discover()} == on_disk
    for name in on_disk:
        assert (HERE / f"test_{name}.py").exists(), f"{name} has no test file"


def test_streaming_checker_names_file_line_and_child_never_the_upn(tmp_path, census):
    path = tmp_path / "cin_census_2025.xml"
    path.write_bytes(census.write("""
        <Child>
        <ChildIdentifiers><LAchildID>C7</LAchildID><UPN>B801200001001</UPN><Sex>M</Sex>
        </ChildIdentifiers>
        <CINdetails><CINreferralDate>2024-06-01</CINreferralDate>
        <CINclosureDate>2024-03-01</CINclosureDate></CINdetails>
        </Child>"""))
    checker = CensusChecker(path.name)
    for _event, child in etree.iterparse(str(path), events=("end",), tag="Child"):
        checker.child(child)  # as the reader does, before clearing
        child.clear()
    found = {f.rule_id: f for f in checker.findings()}
    closed = found["dfe.8620"]  # closed before the census year (line 7)
    assert (closed.source, closed.place, closed.child_id, closed.line) == (
        "cin_census_2025.xml", "line 7", "C7", 7)
    assert closed.message.startswith(
        "cin_census_2025.xml, line 7 (child C7), CINclosureDate: the episode closed on "
        "2024-03-01, outside the census year 2024-04-01 to 2025-03-31. DfE rule 8620:")
    assert found["dfe.1510"].value is None  # a wrong check letter; the UPN is not shown
    assert not any("B801200001001" in (f.message + str(f.value)) for f in found.values())
