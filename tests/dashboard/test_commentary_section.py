"""The commentary section of a family page (issue 9, point 5), run with AppTest on a small
script that draws the Repeat plans page's top and then `commentary.section` (the family pages
call it the same way), on the board load of conftest.py with sign-in on.

A QA user chooses an indicator by its plain label, writes, saves and sees it at once with who
wrote it and when; an edit keeps the first version under "Earlier versions". A board member
sees the text and byline but no form. The store is this test's own (a pointer in tmp_path to
the board load), so commentary written here is seen nowhere else.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from neglect_insight.dashboard.components.commentary import NONE_YET, SAVE
from neglect_insight.dashboard.data import access as access_data
from neglect_insight.dashboard.data.commentary import SIGN_IN_OFF_AUTHOR
from neglect_insight.pipelines import audit, commentary
from neglect_insight.pipelines.calendar import format_date
from neglect_insight.pipelines.load.database import current_load, store_dir, switch_current
from tests.dashboard.signing_in import shown_text, sign_in, sign_in_on

Q4 = date(2025, 3, 31)  # the board load's latest quarter end: the pages' default
REPEAT = "Neglect child protection plans that are a second or subsequent plan"  # catalogue label
FAMILY_LABELS = [  # sql/indicators/catalogue.yml, the repeat_plans family, in its order
    "Child protection plans starting",
    "Child protection plans starting that are a second or subsequent plan",
    "Child protection plans starting within 2 years of a previous plan ending",
    REPEAT,
    "Child protection plans ending within 3 months of starting",
    "Child protection plans open for 2 years or more",
]


def _family_page():
    """A family page's top, then the commentary section, as the family pages call it."""
    from neglect_insight.dashboard.components import commentary, page

    load, selection = page.start_family("repeat_plans")
    commentary.section(load, selection, "repeat_plans")


@pytest.fixture
def db(board_db, tmp_path, monkeypatch) -> Path:
    """A pointer of this test's own to the board load, with sign-in on."""
    pointer = tmp_path / "neglect.duckdb"
    switch_current(pointer, current_load(board_db))
    sign_in_on(tmp_path, monkeypatch)
    monkeypatch.setenv("NEGLECT_INSIGHT_DB", str(pointer))
    access_data._lockout.clear()
    return pointer


def _open(name: str) -> AppTest:
    at = AppTest.from_function(_family_page, default_timeout=60)
    at = sign_in(at.run(), name)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _save(at: AppTest, indicator_id: str, text: str) -> AppTest:
    """Choose the indicator (the box shows its label; AppTest sets the value behind it), type
    `text` and press Save."""
    at.selectbox(key="commentary_indicator_repeat_plans").set_value(indicator_id).run()
    [area] = at.text_area
    area.input(text)
    return at.button(key="commentary_save_repeat_plans").click().run()


def test_a_qa_user_writes_saves_and_sees_it_then_an_edit_keeps_the_first(db):
    at = _open("qa.tester")
    assert [s.value for s in at.subheader] == ["Commentary"]
    assert NONE_YET.format(quarter="Q4 2024-25") in [m.value for m in at.markdown]
    assert any("commentary for Q4 2024-25, the quarter ending 31 March 2025" in c.value
               for c in at.caption)  # 12 months shown: says which quarter
    box = at.selectbox(key="commentary_indicator_repeat_plans")
    assert box.options == FAMILY_LABELS  # plain labels, never ids
    assert at.button(key="commentary_save_repeat_plans").label == SAVE

    at = _save(at, "cpp_neglect_repeat", "  Two sibling groups returned to plans.  ")
    assert not at.error, [e.value for e in at.error]
    assert [s.value for s in at.success] == [
        f"Commentary on {REPEAT} for Q4 2024-25 saved (version 1)."]
    today = format_date(datetime.now(UTC).date())
    assert f"**{REPEAT}**" in [m.value for m in at.markdown]
    assert f"Commentary by qa.tester, {today}" in [c.value for c in at.caption]
    assert "Two sibling groups returned to plans." in [t.value for t in at.text]

    # another session (an administrator) starts from the saved text; an edit is a new version
    at = _open("the.admin")
    at.selectbox(key="commentary_indicator_repeat_plans").set_value("cpp_neglect_repeat").run()
    [area] = at.text_area
    assert area.value == "Two sibling groups returned to plans."
    area.input("Two sibling groups returned to plans; both reviewed.")
    at = at.button(key="commentary_save_repeat_plans").click().run()
    assert [s.value for s in at.success] == [
        f"Commentary on {REPEAT} for Q4 2024-25 saved (version 2)."]
    assert f"Commentary by the.admin, {today}" in [c.value for c in at.caption]
    assert [t.value for t in at.text][:2] == [
        "Two sibling groups returned to plans; both reviewed.",  # the newest, shown first
        "Two sibling groups returned to plans."]  # version 1, under Earlier versions
    assert "Earlier versions (1)" in [e.label for e in at.expander]
    assert any(c.value.startswith("Version 1, by qa.tester, ") for c in at.caption)

    events = [e for e in audit.read(store_dir(db)) if e.action == "commentary_edited"]
    assert [(e.user, e.role, e.details["version"]) for e in events] == [
        ("qa.tester", "qa", 1), ("the.admin", "admin", 2)]
    assert "sibling" not in audit.log_path(store_dir(db)).read_text()


def test_an_empty_commentary_is_refused_and_nothing_is_saved(db):
    at = _save(_open("qa.tester"), "cpp_neglect_repeat", "   ")
    assert [e.value for e in at.error] == [
        "The commentary is empty: write at least one character."]
    assert not at.success
    assert commentary.latest(store_dir(db), Q4) == {}


def test_a_board_member_sees_the_commentary_but_no_form(db):
    commentary.write(store_dir(db), "cpp_neglect_repeat", Q4, "Reviewed at the March board.",
                     "qa.tester", "qa")
    at = _open("board.member")
    assert not at.error, [e.value for e in at.error]
    assert [s.value for s in at.subheader] == ["Commentary"]
    assert "Reviewed at the March board." in [t.value for t in at.text]
    assert any(c.value.startswith("Commentary by qa.tester, ") for c in at.caption)
    assert not at.text_area
    assert SAVE not in shown_text(at)
    assert "Write or edit the commentary" not in [e.label for e in at.expander]


def test_the_quarter_alone_says_which_quarter(db):
    at = _open("board.member")
    at.radio(key="filter_months_box").set_value(3).run()
    assert "For Q4 2024-25, the quarter ending 31 March 2025." in [c.value for c in at.caption]


def test_with_sign_in_off_a_save_names_no_user(board_db, tmp_path, monkeypatch):
    """The demo (sign-in off: everyone is an administrator): the byline and the audit log say
    nobody signed in."""
    pointer = tmp_path / "neglect.duckdb"
    switch_current(pointer, current_load(board_db))
    sign_in_on(tmp_path, monkeypatch, mode="none")
    monkeypatch.setenv("NEGLECT_INSIGHT_DB", str(pointer))
    at = _save(AppTest.from_function(_family_page, default_timeout=60).run(),
               "cpp_neglect_repeat", "Written in the demo.")
    assert any(c.value.startswith(f"Commentary by {SIGN_IN_OFF_AUTHOR}, ") for c in at.caption)
    [event] = audit.read(store_dir(pointer))
    assert (event.action, event.user, event.role) == (
        "commentary_edited", SIGN_IN_OFF_AUTHOR, "admin")
