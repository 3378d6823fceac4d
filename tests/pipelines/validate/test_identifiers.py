"""Refusing direct identifiers (extracts.md, "Refusals"): columns named like identifiers,
postcodes beyond the outward code, and UPNs, emails and NHS numbers in any text column.

The valid delivery (tests/fixtures/valid_delivery) has five children on lines 2-6.
"""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES
from neglect_insight.pipelines.validate import identifiers
from neglect_insight.pipelines.validate.identifiers import check_table, is_identifier_name

VALID_NHS = "9434765919"  # weights 10..2 give 299; 299 mod 11 = 2; 11 - 2 = 9, the last digit
BAD_CHECK_NHS = "9434765918"  # the same number with the wrong check digit


def nhs_check_ok(number: str) -> bool:
    """The NHS mod-11 check, written out independently of the SQL."""
    total = sum(int(d) * w for d, w in zip(number[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(number[9])


def assert_refused(findings, rule_id, file, column, rows, line, secret=None):
    """Exactly one finding, naming file, column and row count, never the value."""
    assert [(f.rule_id, f.file, f.column, f.line, f.value) for f in findings] == [
        (rule_id, file, column, line, None)]
    message = findings[0].message
    assert file in message and f"'{column}'" in message
    assert f"{rows} row" in message
    if secret:
        assert secret not in message
        assert secret.replace(" ", "") not in message


# -- column names --------------------------------------------------------------------------

@pytest.mark.parametrize("column", [
    "surname", "NHS_Number", "First Name", "forenames", "Middle_Names", "preferred_surname",
    "Former Surname", "name", "full_name", "home_address", "Email", "phone_no", "MobileNumber",
    "pupil_upn", "last-name",
])
def test_identifier_column_names(column):
    assert is_identifier_name(column)


@pytest.mark.parametrize("column", [
    "child_id", "locality", "team_name", "nickname", "birth_month", "episode_id", "upper_band",
])
def test_ordinary_column_names(column):
    # team_name/nickname only contain "name", which must be the whole name to count.
    assert not is_identifier_name(column)


def test_no_contract_column_looks_like_an_identifier():
    names = [c.name for e in EXTRACT_FILES.values() for c in e.columns]
    assert [n for n in names if is_identifier_name(n) or identifiers.is_postcode_name(n)] == []


def test_surname_column_refuses_the_delivery(delivery):
    delivery.add_column("children.csv", "surname", {2: "Smith", 3: "Jones", 5: "Brown"})
    findings = delivery.check()
    assert_refused(findings, "identifiers.column_name", "children.csv", "surname", 3, 1, "Smith")
    assert "Jones" not in findings[0].message


def test_nhs_number_column_refuses_even_with_odd_case_and_no_values(delivery):
    delivery.add_column("referrals.csv", "NHS_Number")
    assert_refused(delivery.check(), "identifiers.column_name", "referrals.csv", "nhs_number",
                   0, 1)


# -- postcodes -------------------------------------------------------------------------------

def test_full_postcode_refuses(delivery):
    delivery.add_column("children.csv", "postcode", {2: "CB1", 3: "PE30 1AB", 4: "cb12ab"})
    # line 3 is a full postcode; line 4 a full postcode without its space; line 2 passes
    assert_refused(delivery.check(), "identifiers.postcode", "children.csv", "postcode", 2, 3,
                   "PE30 1AB")


def test_outward_codes_only_pass(delivery):
    delivery.add_column("children.csv", "Post Code", {2: "CB1", 3: "pe30", 4: " N1 ", 5: "SW1A"})
    assert delivery.identifiers() == []  # outward codes, any case, trimmed; empty on line 6


# -- values in any text column -----------------------------------------------------------------

@pytest.mark.parametrize("written", [VALID_NHS, "943 476 5919", "943-476-5919",
                                     f"seen by GP, NHS no {VALID_NHS}."])
def test_nhs_number_in_a_text_field_refuses(delivery, written):
    delivery.set("children.csv", 4, locality=written)  # C003's locality
    assert_refused(delivery.check(), "identifiers.nhs_number", "children.csv", "locality", 1, 4,
                   VALID_NHS)


@pytest.mark.parametrize("written", [
    BAD_CHECK_NHS,  # wrong check digit
    "943 476 5918",  # wrong check digit, 3-3-4
    f"1{VALID_NHS}",  # 11 digits: not an NHS number
    f"{VALID_NHS}1",
    "94 3476 5919",  # not 3-3-4
    "2024-03-01",
])
def test_numbers_that_are_not_nhs_numbers_pass(delivery, written):
    delivery.set("children.csv", 4, locality=written)
    assert delivery.identifiers() == []


def test_nhs_number_in_an_extra_column_refuses(delivery):
    delivery.add_column("cp_plans.csv", "notes", {3: f"ref {VALID_NHS}", 4: VALID_NHS})
    assert_refused(delivery.check(), "identifiers.nhs_number", "cp_plans.csv", "notes", 2, 3,
                   VALID_NHS)


def test_upn_as_a_whole_word_refuses(delivery):
    delivery.add_column("attendance.csv", "pupil_ref", {3: "A123456789012", 5: "x Z12345678901B"})
    assert_refused(delivery.check(), "identifiers.upn", "attendance.csv", "pupil_ref", 2, 3,
                   "A123456789012")


@pytest.mark.parametrize("written", [
    "XA123456789012",  # part of a longer word
    "A12345678901",  # 11 digits
    "A1234567890123",  # 13 digits
])
def test_upn_like_but_not_a_upn_passes(delivery, written):
    delivery.add_column("attendance.csv", "pupil_ref", {3: written})
    assert delivery.identifiers() == []


def test_email_refuses(delivery):
    delivery.add_column("early_help.csv", "worker", {3: "Contact jo.bloggs@example.org.uk"})
    assert_refused(delivery.check(), "identifiers.email", "early_help.csv", "worker", 1, 3,
                   "jo.bloggs@example.org.uk")


def test_email_like_but_not_an_email_passes(delivery):
    delivery.add_column("early_help.csv", "worker", {3: "team@north", 4: "@home"})
    assert delivery.identifiers() == []


def test_identifiers_in_a_contract_column_refuse(delivery):
    delivery.set("referrals.csv", 3, child_id="someone@example.com")  # R002's child_id
    assert_refused(delivery.check(), "identifiers.email", "referrals.csv", "child_id", 1, 3,
                   "someone@example.com")


def test_one_finding_per_file_column_and_kind(delivery):
    delivery.add_column("children.csv", "notes", {2: VALID_NHS, 3: "943 476 5919",
                                                  4: "a@b.com", 6: "a@b.com"})
    delivery.set("referrals.csv", 5, child_id="B123456789012")
    found = sorted((f.file, f.column, f.rule_id, f.line) for f in delivery.check())
    assert found == [
        ("children.csv", "notes", "identifiers.email", 4),
        ("children.csv", "notes", "identifiers.nhs_number", 2),
        ("referrals.csv", "child_id", "identifiers.upn", 5),
    ]


def test_refusal_stops_every_other_check(delivery):
    delivery.set("cp_plans.csv", 2, end_date="2024-01-19")  # would fail end_not_before_start
    delivery.add_column("children.csv", "surname")
    ran, findings = delivery.run()
    assert [f.rule_id for f in findings] == ["identifiers.column_name"]
    assert {rule_id.split(".")[0] for rule_id, _ in ran} == {"identifiers"}


@settings(max_examples=20, deadline=None)
@given(st.lists(st.text("0123456789", min_size=10, max_size=10), min_size=1, max_size=50))
def test_sql_mod11_check_matches_python(numbers):
    conn = duckdb.connect()
    conn.execute("create table t (v varchar, _line bigint)")
    conn.executemany("insert into t values (?, ?)", [(n, i + 2) for i, n in enumerate(numbers)])
    flagged = {f.rule_id: f for f in check_table(conn, "t", "t.csv", ["v"])}
    valid = [n for n in numbers if nhs_check_ok(n)]
    if valid:
        assert f"{len(valid):,} row" in flagged["identifiers.nhs_number"].message
    else:
        assert "identifiers.nhs_number" not in flagged
