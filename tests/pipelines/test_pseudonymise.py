"""`neglect-insight pseudonymise SRC DST --key KEYFILE [--new-key]` (issue 10, point 5): an
identifiable copy of the valid fixture delivery comes out anonymised (extracts.md, "Anonymised
means"), with the same pseudonyms under the same key, and passes `validate`."""

from __future__ import annotations

import csv
import re
import shutil
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from neglect_insight.pipelines.cli import app
from neglect_insight.pipelines.pseudonymise.fields import first_of_month, outward_code
from neglect_insight.pipelines.pseudonymise.keys import Pseudonyms
from neglect_insight.pipelines.read import cin_census_xml, school_census

FIXTURES = Path(__file__).parents[1] / "fixtures"
KEY_COLUMNS = ("child_id", "referral_id", "assessment_id", "plan_id", "episode_id")
KEY_A, KEY_B = "11" * 32, "22" * 32  # two fixed keys (64 hex digits each)
PSEUDONYM = re.compile(r"[CRAPE][a-z]{14}")  # a valid DfE LAchildID (rules 1570, 1580)

# What the identifiable copy adds to children.csv, child by child (C001 ... C005): full birth
# dates (the fixture's months, on another day) and direct identifiers.
BIRTH_DATES = {"C001": "2015-04-17", "C002": "2020-09-23", "C003": "2012-01-05",
               "C005": "2009-02-28"}  # C004 is unborn: no birth date
IDENTIFIERS = {  # column -> value per child (C001 ... C005)
    "first_name": ["Jessica", "Tomasz", "Amara", "Baby", "Kieran"],
    "Surname": ["Okonkwo-Smith", "Wisniewski", "Begum", "Hargreaves", "Doyle"],
    "UPN": ["H801200001001", "H801200001002", "H801200001003", "", "H801200001005"],
    "Former UPN": ["H80120000999Z", "", "", "", ""],
    "NHS_Number": ["943 476 5919", "9434765870", "", "", "4010232137"],
    "home_address": ["12 Acacia Avenue", "3 Mill Lane", "Flat 2, 9 High St", "", "1 Quay Rd"],
    "email": ["jess@example.org", "", "", "", ""],
    "phone": ["07700 900123", "", "", "", ""],
}
POSTCODES = ["CB1 2AB", "PE30 1XY", "cb41aa", "", "PE13 9ZZ"]  # → CB1, PE30, CB4, -, PE13
SECRETS = ([v for values in IDENTIFIERS.values() for v in values if v]
           + [p for p in POSTCODES if len(p) > 4] + list(BIRTH_DATES.values()))


def _identifiable(value: str) -> str:
    """An LA's own id, unlike anything a pseudonym (lower-case letters) can contain."""
    return f"LA{value}Z" if value else value


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def source(tmp_path) -> Path:
    """The valid fixture delivery as an LA holds it: own ids, names, UPNs, NHS numbers, full
    birth dates and postcodes."""
    folder = tmp_path / "identifiable"
    shutil.copytree(FIXTURES / "valid_delivery", folder)
    (folder / "README.md").unlink()
    for path in folder.glob("*.csv"):
        rows = _rows(path)
        for row in rows:
            for column in KEY_COLUMNS:
                if column in row:
                    row[column] = _identifiable(row[column])
        if path.stem == "children":
            for i, row in enumerate(rows):
                child = row["child_id"][2:-1]
                if child in BIRTH_DATES:
                    row["birth_month"] = BIRTH_DATES[child]
                row.update({column: values[i] for column, values in IDENTIFIERS.items()})
                row["postcode"] = POSTCODES[i]
        _write(path, rows)
    return folder


@pytest.fixture
def key_a(tmp_path) -> Path:
    path = tmp_path / "keys" / "a.key"
    path.parent.mkdir()
    path.write_text(KEY_A + "\n")
    path.chmod(0o600)
    return path


def _run(*args: str | Path):
    return CliRunner().invoke(app, ["pseudonymise", *map(str, args)])


def _pseudonymised(source: Path, target: Path, key: Path) -> Path:
    result = _run(source, target, "--key", key)
    assert result.exit_code == 0, result.output
    return target


def test_no_identifier_is_left_and_the_output_validates(source, key_a, tmp_path):
    out = _pseudonymised(source, tmp_path / "out", key_a)
    written = b"".join(p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file())
    for secret in SECRETS + [_identifiable(f"C00{n}") for n in range(1, 6)]:
        assert secret.lower().encode() not in written.lower(), secret
    result = CliRunner().invoke(app, ["validate", str(out), "--extract-date", "2025-03-31",
                                      "--db", str(tmp_path / "db" / "neglect.duckdb")])
    assert result.exit_code == 0, result.output
    assert "VALID" in result.output


def test_identifiers_dropped_dates_and_postcodes_cut(source, key_a, tmp_path):
    children = _rows(_pseudonymised(source, tmp_path / "out", key_a) / "children.csv")
    assert list(children[0]) == ["child_id", "sex", "birth_month", "expected_birth_month",
                                 "ethnicity", "disabled", "locality", "postcode"]
    assert [c["birth_month"] for c in children] == [
        "2015-04-01", "2020-09-01", "2012-01-01", "", "2009-02-01"]
    assert [c["postcode"] for c in children] == ["CB1", "PE30", "CB4", "", "PE13"]
    assert all(PSEUDONYM.fullmatch(c["child_id"]) for c in children)


def test_a_key_maps_the_same_way_in_every_file_and_run(source, key_a, tmp_path):
    first = _pseudonymised(source, tmp_path / "first", key_a)
    second = _pseudonymised(source, tmp_path / "second", key_a)
    for path in first.glob("*.csv"):
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name
    child = {row["child_id"] for row in _rows(first / "children.csv")}
    # Fixture line 2 of referrals.csv is R001 of C001, line 2 of children.csv: one pseudonym.
    assert _rows(first / "referrals.csv")[0]["child_id"] == \
        _rows(first / "children.csv")[0]["child_id"]
    for name in ("referrals", "assessments", "cp_plans", "early_help", "attendance"):
        assert {row["child_id"] for row in _rows(first / f"{name}.csv")} <= child, name
    referral = {row["referral_id"] for row in _rows(first / "referrals.csv")}
    assert {row["referral_id"] for row in _rows(first / "cp_plans.csv")} <= referral
    prefixes = {name: {row[column][0] for row in _rows(first / f"{name}.csv")}
                for name, column in (("referrals", "referral_id"), ("assessments",
                                     "assessment_id"), ("cp_plans", "plan_id"),
                                     ("early_help", "episode_id"))}
    assert prefixes == {"referrals": {"R"}, "assessments": {"A"}, "cp_plans": {"P"},
                        "early_help": {"E"}}


def test_another_key_gives_other_pseudonyms(source, key_a, tmp_path):
    key_b = tmp_path / "keys" / "b.key"
    key_b.write_text(KEY_B)
    key_b.chmod(0o600)
    a = _rows(_pseudonymised(source, tmp_path / "a", key_a) / "children.csv")
    b = _rows(_pseudonymised(source, tmp_path / "b", key_b) / "children.csv")
    assert not {c["child_id"] for c in a} & {c["child_id"] for c in b}


def test_the_report_gives_counts_and_columns_never_values(source, key_a, tmp_path):
    result = _run(source, tmp_path / "out", "--key", key_a)
    children = next(line for line in result.output.splitlines()
                    if line.startswith("children.csv"))
    assert children.startswith("children.csv: 5 rows; pseudonymised: child_id; dropped: ")
    assert "birth_month (4 values changed)" in children
    assert "postcode (4 values changed)" in children
    assert not PSEUDONYM.search(result.output)
    for secret in SECRETS:
        assert secret not in result.output


def test_a_cin_census_child_has_its_csv_pseudonym(tmp_path, key_a):
    source = tmp_path / "src"
    source.mkdir()
    shutil.copy(FIXTURES / "official" / "cin_census.xml", source)
    (source / "children.csv").write_text("child_id\nCH1001\n")
    out = _pseudonymised(source, tmp_path / "out", key_a)
    xml = (out / "cin_census.xml").read_text()
    for secret in ("H801200001001", "F801200009990", "UN1", "2016-07-19", "2010-12-31",
                   "CH1001", "CH1002"):
        assert secret not in xml
    tables, findings = cin_census_xml.read(out / "cin_census.xml")
    assert findings == []
    children = tables["children"]
    assert children["child_id"][0] == _rows(out / "children.csv")[0]["child_id"]
    assert children["birth_month"].to_list() == ["2016-07-01", None, "2010-12-01"]
    assert children["expected_birth_month"].to_list() == [None, "2025-05-01", None]


@pytest.mark.parametrize("name", ["school_census_spring.xml", "school_census_export.csv"])
def test_a_pupil_has_the_pseudonym_of_the_child(tmp_path, key_a, name):
    source = tmp_path / "src"
    source.mkdir()
    shutil.copy(FIXTURES / "official" / name, source)
    (source / "children.csv").write_text("child_id\nC001\n")
    out = _pseudonymised(source, tmp_path / "out", key_a)
    text = (out / name).read_text()
    for secret in ("A999999999001", "Example", "Sam", "2015-04-12", "C001,", ">C001<"):
        assert secret not in text
    tables, _findings = school_census.read(out / name)
    pupils = set(tables["attendance"]["child_id"].to_list())
    assert _rows(out / "children.csv")[0]["child_id"] in pupils
    assert all(PSEUDONYM.fullmatch(pupil) for pupil in pupils)


def test_new_key_is_private_and_never_replaced(source, tmp_path):
    key = tmp_path / "keys" / "new.key"
    result = _run(source, tmp_path / "out", "--key", key, "--new-key")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(bytes.fromhex(key.read_text().strip())) == 32
    before = key.read_bytes()
    again = _run(source, tmp_path / "out2", "--key", key, "--new-key")
    assert again.exit_code == 2 and "already exists" in again.output
    assert key.read_bytes() == before and not (tmp_path / "out2").exists()


def test_a_key_others_can_read_is_used_with_a_warning(source, key_a, tmp_path):
    key_a.chmod(0o644)
    result = _run(source, tmp_path / "out", "--key", key_a)
    assert result.exit_code == 0 and "other users can read the key file" in result.output


@pytest.mark.parametrize("key_args", [[], ["--key", "missing.key"]])
def test_no_key_file_exits_2_saying_how_to_make_one(source, tmp_path, key_args):
    result = _run(source, tmp_path / "out", *key_args)
    assert result.exit_code == 2
    assert "--new-key" in result.output
    assert not (tmp_path / "out").exists()


def test_dst_must_be_new_or_empty_and_not_src(source, key_a, tmp_path):
    assert _run(source, source, "--key", key_a).exit_code == 2
    assert _run(source, source / "inside", "--key", key_a).exit_code == 2
    full = tmp_path / "full"
    full.mkdir()
    (full / "old.csv").write_text("x\n")
    assert _run(source, full, "--key", key_a).exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _run(source, empty, "--key", key_a).exit_code == 0


def test_the_key_may_not_sit_in_the_delivery(source, tmp_path):
    result = _run(source, tmp_path / "out", "--key", source / "key.hex", "--new-key")
    assert result.exit_code == 2 and not (source / "key.hex").exists()


@pytest.mark.parametrize(("name", "content", "said"), [
    ("annex_a.xlsx", b"PK\x03\x04 not really a workbook", "a workbook"),
    ("report.xml", b"<?xml version='1.0'?><Report><Row>Jessica</Row></Report>",
     "not a CIN or school census return"),
])
def test_formats_it_cannot_handle_are_refused_and_nothing_is_written(
        source, key_a, tmp_path, name, content, said):
    (source / name).write_bytes(content)
    result = _run(source, tmp_path / "out", "--key", key_a)
    assert result.exit_code == 1
    assert f"{name}: pseudonymise does not handle" in result.output and said in result.output
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_a_row_longer_than_its_header_refuses_without_its_values(source, key_a, tmp_path):
    with (source / "children.csv").open("a") as f:
        f.write("LAC009Z,F,2019-05-06,,WBRI,,,Ann,Lee,,,,,,,,CB2 1TN,extra\n")
    result = _run(source, tmp_path / "out", "--key", key_a)
    assert result.exit_code == 1 and "children.csv, line 7" in result.output
    assert "LAC009Z" not in result.output and "2019-05-06" not in result.output
    assert not (tmp_path / "out").exists()


def test_other_files_are_not_copied(source, key_a, tmp_path):
    (source / "notes.txt").write_text("Jessica Okonkwo-Smith, 12 Acacia Avenue")
    result = _run(source, tmp_path / "out", "--key", key_a)
    assert "notes.txt: not copied" in result.output
    assert not (tmp_path / "out" / "notes.txt").exists()


@given(kind=st.sampled_from("CRAPE"), value=st.text(min_size=1, max_size=40))
def test_pseudonyms_are_stable_prefixed_and_never_look_like_identifiers(kind, value):
    pseudonym = Pseudonyms(bytes.fromhex(KEY_A)).of(kind, value)
    assert pseudonym == Pseudonyms(bytes.fromhex(KEY_A)).of(kind, value)
    assert pseudonym != Pseudonyms(bytes.fromhex(KEY_B)).of(kind, value)
    assert PSEUDONYM.fullmatch(pseudonym) and pseudonym[0] == kind
    assert pseudonym.isascii() and pseudonym.isalnum() and len(pseudonym) <= 20  # DfE 1580, 1570
    assert not re.search(r"\d", pseudonym)  # no digit: never an NHS number (10) or a UPN (12)
    other = "R" if kind == "C" else "C"
    assert Pseudonyms(bytes.fromhex(KEY_A)).of(other, value)[1:] != pseudonym[1:]


@pytest.mark.parametrize(("value", "expected"), [
    ("2015-04-17", "2015-04-01"), ("17/04/2015", "2015-04-01"), ("2015-04", "2015-04-01"),
    ("2015-04-01", "2015-04-01"), ("not a date", None), ("2015-13-01", None),
])
def test_first_of_month(value, expected):
    assert first_of_month(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("CB1 2AB", "CB1"), ("pe30 1xy", "PE30"), ("SW1A1AA", "SW1A"), ("CB1", "CB1"),
    (" E1W  1AA ", "E1W"), ("not a postcode", None), ("12345", None),
])
def test_outward_code(value, expected):
    assert outward_code(value) == expected
