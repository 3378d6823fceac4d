"""Roles on every page, decided on the server (issue 10, points 2 and 3).

The store is tests/fixtures/valid_delivery with one query row (assessment A004 of child C004,
as in test_data_quality.py), loaded by `ingest`, so every page has data, the Data quality page
has a row to review, and "Rows behind a number" has records. Sign-in is on (`[access] sign_in =
"users"`, users in tests/dashboard/signing_in.py). For every page app.py registers, an
anonymous visitor and a board member are shown everything the page shows, including every
table cell and the bytes of every download, and none of it may hold a child_id, referral_id,
plan or assessment id of the fixture. A QA user, as a control, does see them.
"""

from __future__ import annotations

import csv
import logging
import re
from pathlib import Path

import pytest

from neglect_insight.dashboard import APP_PATH
from neglect_insight.dashboard.components.page import REFUSED
from neglect_insight.dashboard.components.sign_in import DEMO, EXPIRED, FAILED, NOT_A_USER
from neglect_insight.dashboard.data import access as access_data
from neglect_insight.pipelines import audit, lockout
from neglect_insight.pipelines.ingest import ingest_delivery
from neglect_insight.pipelines.load.database import store_dir
from tests.dashboard.conftest import open_app
from tests.dashboard.signing_in import (
    PASSWORD,
    capture_downloads,
    shown_text,
    sign_in,
    sign_in_on,
)
from tests.dashboard.test_data_quality import (
    EXTRACT_DATE,
    FIXTURE,
    QUERY_FROM,
    QUERY_TO,
    _copy_with,
)

PAGES = re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"', APP_PATH.read_text())
FOR_QA = {"pages/rows_behind.py"}
FOR_ADMIN = {"pages/audit.py"}
ID_COLUMNS = ("child_id", "referral_id", "plan_id", "assessment_id", "episode_id")


def fixture_ids() -> set[str]:
    """Every row-level id in the delivery: children, referrals, plans, assessments, episodes."""
    ids = set()
    for path in FIXTURE.glob("*.csv"):
        with path.open(newline="") as file:
            for row in csv.DictReader(file):
                ids |= {row[c] for c in ID_COLUMNS if row.get(c)}
    return ids


IDS = fixture_ids()
ID_PATTERN = re.compile(r"\b(" + "|".join(sorted(map(re.escape, IDS))) + r")\b")


def ids_in(text: str) -> set[str]:
    return set(ID_PATTERN.findall(text))


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("roles")
    db = root / "neglect.duckdb"
    outcome = ingest_delivery(_copy_with(root / "good", "assessments.csv", QUERY_FROM, QUERY_TO),
                              db, EXTRACT_DATE)
    assert outcome.run.outcome == "loaded", outcome.blocking
    return db


@pytest.fixture(autouse=True)
def fresh_lockout():
    access_data._lockout.clear()  # failed attempts of one test never lock out the next
    yield
    access_data._lockout.clear()


@pytest.fixture
def signed_in_on(tmp_path, monkeypatch):
    return sign_in_on(tmp_path, monkeypatch)


def test_every_registered_page_is_covered():
    assert len(PAGES) >= 12 and "pages/rows_behind.py" in PAGES and "pages/audit.py" in PAGES
    assert {"C001", "R001", "P002", "A004"} <= IDS


@pytest.mark.parametrize("page", PAGES)
def test_an_anonymous_visitor_sees_only_the_sign_in_form(store, signed_in_on, monkeypatch,
                                                         page):
    downloads = capture_downloads(monkeypatch)
    at = open_app(store, monkeypatch, page)
    at.query_params["indicator"] = "neglect_children_cp"  # a query parameter opens nothing
    at.run()
    assert [t.value for t in at.title] == ["Sign in to Neglect Insight"]
    assert not at.dataframe and not at.metric and not downloads
    assert not ids_in(shown_text(at, downloads))


@pytest.mark.parametrize("page", PAGES)
def test_a_board_member_never_sees_a_child_level_record(store, signed_in_on, monkeypatch,
                                                        page):
    downloads = capture_downloads(monkeypatch)
    at = sign_in(open_app(store, monkeypatch), "board.member")
    assert not at.error, [e.value for e in at.error]
    at.query_params["indicator"] = "neglect_children_cp"
    at.session_state["qa-indicator"] = "neglect_children_cp"  # a widget's state: still refused
    downloads.clear()  # the overview's, from signing in
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = shown_text(at, downloads)
    assert not ids_in(shown), (page, ids_in(shown))
    assert not [m for m in at.metric if "(raw)" in m.label]  # no unsuppressed figure
    if page in FOR_QA | FOR_ADMIN:
        needs = "qa" if page in FOR_QA else "admin"
        assert [e.value for e in at.error] == [REFUSED[needs]]
        assert not at.dataframe and not downloads
        refusals = [e for e in audit.read(store_dir(store)) if e.action == "refusal"]
        assert (refusals[-1].user, refusals[-1].role) == ("board.member", "board")
    else:
        assert not at.error, [e.value for e in at.error]
    if page == "pages/data_quality.py":  # counts per rule, not the rows
        assert any("Failing rows" in frame.value.columns for frame in at.dataframe)
        assert any("QA users and administrators only" in i.value for i in at.info)


def test_a_qa_user_sees_rows_and_each_view_is_recorded(store, signed_in_on, monkeypatch):
    """The control: the same scan finds children's ids for a QA user, on the page and in its
    download; the audit log records the views and never an id."""
    downloads = capture_downloads(monkeypatch)
    at = sign_in(open_app(store, monkeypatch), "qa.tester")
    at.switch_page("pages/data_quality.py").run()
    assert any("Line" in frame.value.columns for frame in at.dataframe)  # rows to review
    at.switch_page("pages/rows_behind.py").run()
    downloads.clear()
    at.selectbox(key="qa-indicator").select("neglect_children_total").run()
    assert ids_in(shown_text(at)) and ids_in(shown_text(at, downloads)[-2000:])
    events = audit.read(store_dir(store))
    assert [e.details["rows"] for e in events
            if e.action == "review_viewed" and e.user == "qa.tester"][-1:] == [1]
    assert [(e.role, e.details["indicator"]) for e in events
            if e.action == "rows_viewed" and e.user == "qa.tester"][-1:] == [
        ("qa", "neglect_children_total")]
    assert not ids_in(audit.log_path(store_dir(store)).read_text())  # never a child id
    at.switch_page("pages/audit.py").run()
    assert [e.value for e in at.error] == [REFUSED["admin"]]


def test_an_admin_sees_the_audit_log(store, signed_in_on, monkeypatch):
    at = sign_in(open_app(store, monkeypatch), "the.admin")
    at.switch_page("pages/audit.py").run()
    assert not at.error and at.title[0].value == "Audit log"


def test_sign_in_off_every_page_says_demo_mode(store, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no settings file: sign_in = "none"
    monkeypatch.delenv("NEGLECT_INSIGHT_CONFIG", raising=False)
    for page in PAGES:
        at = open_app(store, monkeypatch, page)
        assert DEMO in shown_text(at), page
        assert not at.error, (page, [e.value for e in at.error])


def test_proxy_mode_takes_the_user_from_the_header(store, tmp_path, monkeypatch):
    sign_in_on(tmp_path, monkeypatch, mode="proxy")
    headers: dict[str, str] = {}
    monkeypatch.setattr(access_data, "_headers", lambda: headers)
    at = open_app(store, monkeypatch, "pages/rows_behind.py")
    assert [e.value for e in at.error] == [NOT_A_USER]  # no header: nobody
    assert not [t for t in at.text_input if t.label == "Password"]  # no password in proxy mode
    headers["x-remote-user"] = "someone.unknown"
    assert [e.value for e in at.run().error] == [NOT_A_USER]
    headers["x-remote-user"] = "board.member"
    assert [e.value for e in at.run().error] == [REFUSED["qa"]]
    headers["x-remote-user"] = "qa.tester"
    at.run()
    assert not at.error and at.title[0].value == "Rows behind a number"


def test_repeated_failures_lock_out_even_the_right_password(store, signed_in_on, monkeypatch):
    at = open_app(store, monkeypatch)
    for _ in range(lockout.FREE_ATTEMPTS):
        at = sign_in(at, "qa.tester", "not the password at all")
        assert [e.value for e in at.error] == [FAILED]
    at = sign_in(at, "qa.tester", PASSWORD)
    assert [e.value for e in at.error] == [FAILED]  # the same message: nothing revealed
    assert "signed_in" not in at.session_state
    failed = [e for e in audit.read(store_dir(store)) if e.action == "sign_in_failed"]
    assert failed[-1].user == "qa.tester" and failed[-1].details.get("locked_out") is True
    at = sign_in(at, "board.member", PASSWORD)  # another user is not locked out
    assert not at.error and at.session_state["signed_in"]["role"] == "board"


def test_an_idle_session_expires(store, signed_in_on, monkeypatch):
    at = sign_in(open_app(store, monkeypatch), "qa.tester")
    session = dict(at.session_state["signed_in"])
    at.session_state["signed_in"] = session | {"last_seen": session["last_seen"] - 9 * 3600}
    at.run()
    assert [t.value for t in at.title] == ["Sign in to Neglect Insight"]
    assert any(i.value == EXPIRED for i in at.info)
    assert "signed_in" not in at.session_state


def test_a_removed_user_is_signed_out_at_the_next_page(store, signed_in_on, monkeypatch):
    from neglect_insight.pipelines import access

    at = sign_in(open_app(store, monkeypatch), "qa.tester")
    access.remove_user(signed_in_on, "qa.tester")
    at.run()
    assert [t.value for t in at.title] == ["Sign in to Neglect Insight"]


def test_the_password_is_never_logged_recorded_or_kept(store, signed_in_on, monkeypatch,
                                                      caplog):
    caplog.set_level(logging.DEBUG)
    at = sign_in(open_app(store, monkeypatch), "qa.tester", PASSWORD + "!")
    at = sign_in(at, "qa.tester", PASSWORD)
    assert at.session_state["signed_in"]["name"] == "qa.tester"
    kept = " ".join(repr(at.session_state[k]) for k in at.session_state)
    assert PASSWORD not in kept
    assert PASSWORD not in caplog.text
    assert PASSWORD not in audit.log_path(store_dir(store)).read_text()
