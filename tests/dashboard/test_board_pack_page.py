"""The Board pack page (issue 9, point 6): the quarterly board pack made from the dashboard for
the quarter end chosen in the sidebar and offered to download.

The store is tests/dashboard/conftest.py's board_db: its latest quarter end, and so the page's
default, is 31 March 2025 (Q4 2024-25). Worked by hand there: 20 children with neglect
identified in the 12 months to 31 March 2025 = child protection 8 + children in need 0 + early
help 12. The partnership is named in a settings file, with Peterborough (874) and
Cambridgeshire (873) as its local authorities.
"""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from neglect_insight.dashboard.components.board_pack import ALL_CHILDREN, BUTTON
from neglect_insight.pipelines import audit
from neglect_insight.pipelines.ingest import ingest_delivery
from neglect_insight.pipelines.load.database import store_dir
from neglect_insight.pipelines.pack import pdf
from neglect_insight.pipelines.settings import SETTINGS_ENV
from tests.dashboard import test_roles as roles
from tests.dashboard.conftest import open_app
from tests.dashboard.signing_in import sign_in, sign_in_on

PAGE = "pages/board_pack.py"
NAME = "Fenland Safeguarding Children Partnership"


@pytest.fixture
def named(tmp_path, monkeypatch):
    settings = tmp_path / "neglect-insight.toml"
    settings.write_text(f'[partnership]\nname = "{NAME}"\nla_codes = ["873", "874"]\n')
    monkeypatch.setenv(SETTINGS_ENV, str(settings))


@pytest.fixture
def no_chromium(tmp_path, monkeypatch):
    monkeypatch.setenv(pdf.CHROMIUM_ENV, str(tmp_path / "no-such-chromium"))


def capture_files(monkeypatch) -> dict[str, bytes]:
    """File name -> bytes of every download button made from now on (Streamlit's media store,
    which AppTest replaces on each run, so they are caught as they are stored)."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    served: dict[str, bytes] = {}
    store = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, bytes) and filename:
            served[filename] = path_or_data
        return store(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return served


def downloads(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def make(at: AppTest) -> AppTest:
    [button] = [b for b in at.button if b.label == BUTTON]
    at = button.click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_button_offers_the_pack_of_the_quarter(board_db, monkeypatch, named, no_chromium):
    files = capture_files(monkeypatch)
    at = open_app(board_db, monkeypatch, PAGE)
    assert at.title[0].value == "Board pack"
    assert any("one section per indicator family" in m.value for m in at.markdown)
    assert any("The quarter ending 31 March 2025 (Q4 2024-25), with figures for the 12 months"
               in m.value for m in at.markdown)
    assert not downloads(at)  # nothing is made before the button is pressed

    at = make(at)
    assert downloads(at) == ["Download the board pack for Q4 2024-25 (quarter ending 31 March "
                             "2025) (HTML)"]
    html = files["board-pack-2025-03-31.html"].decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert f"<h1>{NAME}</h1>" in html
    assert "Quarter ending 31 March 2025" in html
    assert "board pack, Q4 2024-25" in html
    # the levels table at Q4 2024-25: early help 12, children in need 0, child protection 8,
    # total 20 (conftest, worked by hand)
    assert ('<tr><th scope="row">Q4 2024-25</th><td class="num">12</td><td class="num">0</td>'
            '<td class="num">8</td><td class="num">20</td></tr>') in html
    # no Chromium here: no PDF, and the page says why
    assert "board-pack-2025-03-31.pdf" not in files
    assert any("no Chromium" in i.value for i in at.info)

    at.run()  # a rerun (any other click) keeps the downloads
    assert len(downloads(at)) == 1


def test_the_quarter_only_pack(board_db, monkeypatch, named, no_chromium):
    files = capture_files(monkeypatch)
    at = open_app(board_db, monkeypatch, PAGE)
    at.sidebar.radio(key="filter_months_box").set_value(3).run()
    assert any("with figures for the quarter to each quarter end" in m.value
               for m in at.markdown)
    make(at)
    html = files["board-pack-2025-03-31.html"].decode("utf-8")
    assert "Figures for the 3 months to each quarter end" in html


def test_population_filters_do_not_apply(board_db, monkeypatch, named, no_chromium):
    at = open_app(board_db, monkeypatch, PAGE)
    at.sidebar.selectbox(key="filter_locality_box").set_value("North").run()
    assert ALL_CHILDREN in [c.value for c in at.caption]


@pytest.mark.skipif(pdf.chromium() is None, reason="no Chromium on this machine")
def test_with_chromium_the_pdf_is_offered_too(board_db, monkeypatch, named):
    files = capture_files(monkeypatch)
    at = make(open_app(board_db, monkeypatch, PAGE))
    assert downloads(at)[1] == ("Download the board pack for Q4 2024-25 (quarter ending 31 "
                                "March 2025) (PDF)")
    assert files["board-pack-2025-03-31.pdf"].startswith(b"%PDF")


def _pack_for(period_end: str) -> None:
    """The page's section for a period end the sidebar does not offer (run by AppTest)."""
    from datetime import date

    from neglect_insight.dashboard.components import board_pack
    from neglect_insight.dashboard.data.indicators import Selection, current_load

    board_pack.section(current_load(), Selection(date.fromisoformat(period_end)))


@pytest.mark.parametrize("period_end", [date(2025, 2, 28), date(2025, 6, 30)])
def test_a_period_end_that_is_not_a_covered_quarter_end_is_explained(board_db, monkeypatch,
                                                                     period_end):
    monkeypatch.setenv("NEGLECT_INSIGHT_DB", str(board_db))
    at = AppTest.from_function(_pack_for, args=(period_end.isoformat(),), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    [info] = at.info
    assert f"{period_end.day} {period_end:%B %Y} is not one" in info.value
    assert "31 March 2025 (Q4 2024-25)" in info.value  # the quarter ends it can make
    assert not [b for b in at.button if b.label == BUTTON]


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    """tests/fixtures/valid_delivery loaded by ingest, as in test_roles.py: its ids are known."""
    root = tmp_path_factory.mktemp("pack-roles")
    db = root / "neglect.duckdb"
    outcome = ingest_delivery(roles._copy_with(root / "good", "assessments.csv", roles.QUERY_FROM,
                                               roles.QUERY_TO), db, roles.EXTRACT_DATE)
    assert outcome.run.outcome == "loaded", outcome.blocking
    return db


def test_a_board_member_makes_the_pack_without_a_child_id(fixture_store, tmp_path, monkeypatch,
                                                          no_chromium):
    """Sign-in on: a board member makes and downloads the pack; neither the page nor the pack
    holds any row-level id of the delivery, and making it writes nothing to the audit log."""
    roles.access_data._lockout.clear()
    sign_in_on(tmp_path, monkeypatch)
    files = capture_files(monkeypatch)
    at = sign_in(open_app(fixture_store, monkeypatch), "board.member")
    at.switch_page(PAGE).run()
    assert not at.error, [e.value for e in at.error]
    logged = len(audit.read(store_dir(fixture_store)))
    at = make(at)
    [html] = [data for name, data in files.items() if name.endswith(".html")]
    shown = roles.shown_text(at, [html])
    assert "<!DOCTYPE html>" in shown and not roles.ids_in(shown)
    assert len(audit.read(store_dir(fixture_store))) == logged
