"""Our own sidebar navigation (dashboard/components/navigation.py): a heading per section and a
link per page the person looking may open; the partnership's name and the load in words at the
top of every page (dashboard/components/page.py).

Sign-in is on (`[access] sign_in = "users"`, users in tests/dashboard/signing_in.py) so each
role sees its own list; the store is tests/dashboard/conftest.py's board_db (no [partnership]
settings, so the demo's name)."""

from __future__ import annotations

import re

import pytest

from neglect_insight.dashboard import APP_PATH
from neglect_insight.dashboard.components.page import REFUSED
from neglect_insight.dashboard.data import access as access_data
from neglect_insight.dashboard.data.partnership import DEMO_NAME
from neglect_insight.pipelines.settings import SETTINGS_ENV
from tests.dashboard.conftest import open_app
from tests.dashboard.signing_in import sign_in, sign_in_on

SECTIONS = ["# Strategy", "# Board", "# Quality"]
# Pages only some roles may open (app.py's ROLES; every other page is for board members).
NOT_FOR = {"board": {"Rows behind a number", "Audit log"}, "qa": {"Audit log"}, "admin": set()}


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def listed(at) -> list[str]:
    """The section headings ("# Board") and link labels in the sidebar, in order."""
    shown = []
    for element in _walk(at.sidebar):
        if element.type == "subheader":
            shown.append(f"# {element.value}")
        elif element.type == "page_link":
            shown.append(element.proto.label)
    return shown


@pytest.fixture(autouse=True)
def fresh_lockout():
    access_data._lockout.clear()
    yield
    access_data._lockout.clear()


@pytest.fixture
def signed_in_on(tmp_path, monkeypatch):
    return sign_in_on(tmp_path, monkeypatch)


def every_page(board_db, monkeypatch) -> list[str]:
    """The list in demo mode (sign-in off: everyone is an administrator)."""
    return listed(open_app(board_db, monkeypatch, "pages/methodology.py"))


@pytest.mark.parametrize("user, role", [("board.member", "board"), ("qa.tester", "qa"),
                                        ("the.admin", "admin")])
def test_each_role_is_shown_only_the_pages_it_may_open(board_db, tmp_path, monkeypatch, user,
                                                       role):
    everything = every_page(board_db, monkeypatch)
    sign_in_on(tmp_path, monkeypatch)
    at = sign_in(open_app(board_db, monkeypatch, "pages/methodology.py"), user)
    assert listed(at) == [p for p in everything if p not in NOT_FOR[role]]


def test_nobody_signed_in_sees_no_links(board_db, signed_in_on, monkeypatch):
    at = open_app(board_db, monkeypatch, "pages/methodology.py")
    assert [t.value for t in at.title] == ["Sign in to Neglect Insight"]
    assert listed(at) == []


def test_demo_mode_lists_every_page_under_its_section(board_db, monkeypatch):
    """Every page app.py registers, in its order, under the three section headings."""
    shown = every_page(board_db, monkeypatch)
    assert [p for p in shown if p.startswith("# ")] == SECTIONS
    titles = re.findall(r'st\.Page\("pages/[a-z_]+\.py", title="([^"]+)"',
                        APP_PATH.read_text())
    assert [p for p in shown if not p.startswith("# ")] == titles
    assert {"Overview", "Re-referrals", "Methodology", "Rows behind a number",
            "Audit log"} <= set(titles)


def test_a_page_not_listed_is_still_refused_by_its_own_guard(board_db, signed_in_on,
                                                             monkeypatch):
    """Hiding the link is a convenience; typing the URL still meets page.require."""
    at = sign_in(open_app(board_db, monkeypatch, "pages/methodology.py"), "board.member")
    at.switch_page("pages/audit.py").run()
    assert [e.value for e in at.error] == [REFUSED["admin"]]
    assert "Audit log" not in listed(at)


def test_app_roles_match_what_each_page_asks_for():
    """app.py's ROLES (used only to hide links) says what each page's own guard says."""
    source = APP_PATH.read_text()
    roles = dict(re.findall(r'"([a-z_]+)": "(qa|admin)"', source.split("ROLES =", 1)[1]))
    asked = {}
    for script in re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"', source):
        text = (APP_PATH.parent / script).read_text()
        found = re.findall(r'role="(qa|admin)"|page\.require\("(qa|admin)"', text)
        if found:
            asked[script.removeprefix("pages/").removesuffix(".py")] = "".join(found[0])
    assert roles == asked == {"rows_behind": "qa", "audit": "admin"}


# Through page.start, page.title and page.require: every page calls one of them first.
@pytest.mark.parametrize("page", ["pages/prevalence.py", "pages/methodology.py",
                                  "pages/data_quality.py"])
def test_every_page_names_the_partnership(board_db, monkeypatch, page):
    at = open_app(board_db, monkeypatch, page)
    escaped = DEMO_NAME.replace("(", r"\(").replace(")", r"\)")  # markdown, drawn as is
    assert escaped in [m.value for m in at.markdown]


def test_the_sidebar_names_the_load_in_words(board_db, monkeypatch):
    """conftest's load: extract date 31 March 2025; loaded today (whatever the date)."""
    at = open_app(board_db, monkeypatch, "pages/prevalence.py")
    captions = [c.value for c in at.sidebar.caption]
    [load] = [c for c in captions if c.startswith("Data extracted ")]
    assert re.fullmatch(r"Data extracted 31 March 2025, loaded \d{1,2} [A-Z][a-z]+ \d{4}\.",
                        load), load
    assert not any("Showing load" in c for c in captions)


FIXTURES = APP_PATH.parents[1] / "tests" / "fixtures" / "partnership"


def test_the_partnership_in_the_settings_file_is_named(board_db, monkeypatch):
    monkeypatch.setenv(SETTINGS_ENV, str(FIXTURES / "two_las.toml"))
    at = open_app(board_db, monkeypatch, "pages/methodology.py")
    assert ("Cambridgeshire and Peterborough Safeguarding Children Partnership"
            in [m.value for m in at.markdown])
    assert not at.error


@pytest.mark.parametrize("settings, words", [("unknown_code.toml", "999"),
                                             ("bad_code.toml", "la_codes")])
def test_a_bad_partnership_setting_is_said_in_plain_words(board_db, monkeypatch, settings,
                                                          words):
    """The message names the code or key, never a traceback (an unknown code: the page goes
    on; a malformed settings file: the page stops, as for any bad settings)."""
    monkeypatch.setenv(SETTINGS_ENV, str(FIXTURES / settings))
    at = open_app(board_db, monkeypatch, "pages/data_quality.py")
    errors = [e.value for e in at.error]
    assert any(words in e for e in errors), errors
    assert not any("Traceback" in e for e in errors)
