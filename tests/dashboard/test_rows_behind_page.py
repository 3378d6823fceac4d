"""Rows behind a number (Quality): child-level rows only for a logged-in QA user.

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
from neglect_insight.pipelines import access
from tests.dashboard.conftest import NORTH, SOUTH, open_app

PAGE = "pages/rows_behind.py"
PASSWORD = "a long qa password"
CP_CHILDREN = ["n01", "n02", "n03", "n04", "n05", "n06", "s01", "s02"]  # worked above
PSEUDONYMS = NORTH + SOUTH


def shown_text(at) -> str:
    """Every value and label the page shows, as one string."""

    def walk(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)
    parts = []
    for node in walk(at._tree):
        for attribute in ("value", "label", "body", "options"):
            try:
                parts.append(str(getattr(node, attribute)))
            except Exception:  # noqa: BLE001 - not every element has every attribute
                pass
    return "\n".join(parts)


@pytest.fixture
def users(tmp_path, monkeypatch):
    path = tmp_path / "qa_users.toml"
    access.add_user(path, "qa.tester", PASSWORD)
    monkeypatch.setenv(access.QA_USERS_ENV, str(path))
    return path


def log_in(at, name: str, password: str):
    [user] = [t for t in at.text_input if t.label == "User name"]
    [secret] = [t for t in at.text_input if t.label == "Password"]
    user.input(name)
    secret.input(password)
    [button] = [b for b in at.button if b.label == "Log in"]
    return button.click().run()


def test_without_a_users_file_explains_how_to_add_one(board_db, tmp_path, monkeypatch):
    monkeypatch.setenv(access.QA_USERS_ENV, str(tmp_path / "no_users.toml"))
    at = open_app(board_db, monkeypatch, PAGE)
    assert at.title[0].value == "Rows behind a number"
    assert any("neglect-insight add-qa-user NAME" in i.value for i in at.info)
    assert not at.dataframe
    assert not [t for t in at.text_input if t.label == "Password"]


def test_wrong_password_shows_an_error_and_no_pseudonyms(board_db, users, monkeypatch):
    at = open_app(board_db, monkeypatch, PAGE)
    assert not at.error
    at = log_in(at, "qa.tester", PASSWORD + "x")
    assert [e.value for e in at.error] == ["Those details were not recognised. Check them and "
                                           "try again."]
    assert "qa_user" not in at.session_state
    assert not at.dataframe
    assert not [s for s in at.selectbox if s.label == "Indicator"]
    assert [t.value for t in at.text_input if t.label == "Password"] == [""]  # forgotten
    text = shown_text(at)
    assert not [p for p in PSEUDONYMS if p in text]
    # An unknown user gets the same message.
    at = log_in(at, "someone.else", PASSWORD)
    assert [e.value for e in at.error] == ["Those details were not recognised. Check them and "
                                           "try again."]


def test_right_password_shows_the_rows_behind_a_number(board_db, users, monkeypatch):
    at = open_app(board_db, monkeypatch, PAGE)
    at = log_in(at, "qa.tester", PASSWORD)
    assert not at.exception and not at.error
    assert at.session_state["qa_user"] == "qa.tester"
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

    [log_out] = [b for b in at.button if b.label == "Log out"]
    at = log_out.click().run()
    assert "qa_user" not in at.session_state
    assert not at.dataframe
    assert [t for t in at.text_input if t.label == "Password"]
