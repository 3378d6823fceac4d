"""Rows behind a number (Quality): child-level rows only for a signed-in QA user.

On the board fixture (tests/dashboard/conftest.py), 12 months to 31 March 2025, "Neglect at
child protection" (neglect_children_cp, a count; one record per child, record = child_id)
counts each child whose highest level of neglect in the period is a CP plan under neglect:
    North n01 ... n06 and South s01, s02 have CP neglect plans open since 2024-07-01  -> 8
    n07 ... n12 and s03 ... s08 have early help only (their highest level)           -> not here
Every one of the 8 is counted (numerator Yes); a count has no denominator (Not applicable).
Sex: odd numbers F, even M, so n01 Female, n02 Male. Raw figures: numerator 8, value 8 (not
suppressed, although the South part, 2, would be `c` on a board page).
"""

from __future__ import annotations

import pytest

from neglect_insight.dashboard.components.filters import widget_key
from neglect_insight.dashboard.components.sign_in import FAILED
from neglect_insight.pipelines import audit
from neglect_insight.pipelines.load.database import store_dir
from tests.dashboard.conftest import NORTH, SOUTH, open_app
from tests.dashboard.signing_in import PASSWORD, shown_text, sign_in, sign_in_on

PAGE = "pages/rows_behind.py"
CP_CHILDREN = ["n01", "n02", "n03", "n04", "n05", "n06", "s01", "s02"]  # worked above
PSEUDONYMS = NORTH + SOUTH


@pytest.fixture
def users(tmp_path, monkeypatch):
    return sign_in_on(tmp_path, monkeypatch)


def test_without_users_explains_how_to_add_one(board_db, tmp_path, monkeypatch):
    settings = tmp_path / "neglect-insight.toml"
    settings.write_text('[access]\nsign_in = "users"\nusers_file = "none.toml"\n')
    monkeypatch.setenv("NEGLECT_INSIGHT_CONFIG", str(settings))
    at = open_app(board_db, monkeypatch, PAGE)
    assert at.title[0].value == "Sign in to Neglect Insight"
    assert any("neglect-insight users add NAME" in i.value for i in at.info)
    assert not at.dataframe
    assert not [t for t in at.text_input if t.label == "Password"]


def test_wrong_password_shows_one_message_and_no_pseudonyms(board_db, users, monkeypatch):
    at = open_app(board_db, monkeypatch, PAGE)
    assert not at.error
    at = sign_in(at, "qa.tester", PASSWORD + "x")
    assert [e.value for e in at.error] == [FAILED]
    assert "signed_in" not in at.session_state
    assert not at.dataframe
    assert not [s for s in at.selectbox if s.label == "Indicator"]
    assert [t.value for t in at.text_input if t.label == "Password"] == [""]  # forgotten
    text = shown_text(at)
    assert not [p for p in PSEUDONYMS if p in text]
    # An unknown user gets the same message.
    at = sign_in(at, "someone.else", PASSWORD)
    assert [e.value for e in at.error] == [FAILED]


def test_right_password_shows_the_rows_behind_a_number(board_db, users, monkeypatch):
    at = open_app(board_db, monkeypatch, PAGE)
    at = sign_in(at, "qa.tester", PASSWORD)
    assert not at.exception and not at.error
    assert at.session_state["signed_in"]["name"] == "qa.tester"
    assert not at.dataframe  # nothing until an indicator is chosen
    [indicator] = [s for s in at.selectbox if s.label == "Indicator"]
    indicator.select("neglect_children_cp").run()
    assert not at.exception
    [table] = at.dataframe
    rows = table.value
    assert list(rows.columns) == [
        "Record", "Child (pseudonym)", "Counted in numerator", "In denominator", "Sex",
        "Age band at period end", "Ethnicity group", "Disability", "Locality"]
    assert sorted(rows["Child (pseudonym)"]) == CP_CHILDREN
    assert sorted(rows["Record"]) == CP_CHILDREN
    assert all(p in shown_text(at) for p in CP_CHILDREN)  # shown_text sees the table's cells
    assert set(rows["Counted in numerator"]) == {"Yes"}
    assert set(rows["In denominator"]) == {"Not applicable"}
    by_child = rows.set_index("Child (pseudonym)")
    assert by_child.loc["n01", "Sex"] == "Female" and by_child.loc["n02", "Sex"] == "Male"
    assert by_child.loc["s01", "Locality"] == "South"
    assert {m.label: m.value for m in at.metric} == {
        "Numerator (raw)": "8", "Denominator (raw)": "Not applicable", "Value (raw)": "8"}
    assert any("pseudonyms" in w.value and "authorised QA users only" in w.value
               for w in at.warning)
    assert any("not suppressed" in c.value.lower() for c in at.caption)

    # The South filter: s01 and s02 (2: a board page would show c; the QA view does not).
    at.selectbox(key=widget_key("locality")).select("South").run()
    assert sorted(at.dataframe[0].value["Child (pseudonym)"]) == ["s01", "s02"]
    assert {m.label: m.value for m in at.metric}["Numerator (raw)"] == "2"

    # Each view is recorded once, with what was seen and never a pseudonym.
    views = [e for e in audit.read(store_dir(board_db)) if e.action == "rows_viewed"]
    assert [(e.user, e.role, e.details["indicator"], e.details["rows"]) for e in views][-2:] == [
        ("qa.tester", "qa", "neglect_children_cp", 8),
        ("qa.tester", "qa", "neglect_children_cp", 2)]
    log = audit.log_path(store_dir(board_db)).read_text()
    assert not [p for p in PSEUDONYMS if f'"{p}"' in log] and PASSWORD not in log

    [sign_out] = [b for b in at.button if b.label == "Sign out"]
    at = sign_out.click().run()
    assert "signed_in" not in at.session_state
    assert not at.dataframe
    assert [t for t in at.text_input if t.label == "Password"]
