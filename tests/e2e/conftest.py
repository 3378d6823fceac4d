"""End-to-end fixtures: a synthetic `small` delivery, loaded and served by `neglect-insight
serve`, driven in Debian's headless Chromium (no browser download: Playwright launches
/usr/bin/chromium). Everything is session-scoped so the whole folder pays for one load, one
server and one browser, and each page is opened once (`open_page`) and shared by the tests that
look at it (test_pages.py, test_accessibility.py). The board pack is made once with
`neglect-insight report` (`pack`) and kept in tests/artefacts/pack/ for the note.

The pages to visit are those `dashboard/app.py` registers with `st.navigation`, found by
running the app once with AppTest at collection time (see `registered_pages`), so a page added
to app.py is tested without touching this folder.
"""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_PATH = ROOT / "dashboard" / "app.py"
SCREENSHOTS = ROOT / "tests" / "artefacts" / "screenshots"
PACK_COPY = ROOT / "tests" / "artefacts" / "pack" / "e2e-board-pack.html"
EXTRACT_DATE = date(2025, 3, 31)  # the synthetic data ends here; its last quarter end
CHROMIUM = os.environ.get("NEGLECT_INSIGHT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SERVER_START_SECONDS = 60
REFUSED = ("cp_plans.initial_category_code", "cp_plans.csv", 2)  # see _break_first_category
PERIOD_END = "2025-03-31"  # EXTRACT_DATE, the latest quarter end: the pack's quarter

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-extension"}
RENDERED = "[data-testid='stApp'][data-test-script-state='notRunning']"
ERRORS = "[data-testid='stException'], [data-testid='stAlertContentError']"  # + st.error
LOAD_SECONDS = 60
SETTLE_MS = 500
VIEWPORT = {"width": 1440, "height": 900}


@dataclass(frozen=True)
class RegisteredPage:
    """One page as st.navigation registered it."""

    url_path: str  # "" for the default page
    title: str
    script: str  # path relative to dashboard/, e.g. "pages/prevalence.py"

    @property
    def name(self) -> str:
        """A file-name-safe id: the url path, or the script's stem for the default page."""
        return self.url_path or Path(self.script).stem or "home"


@cache
def registered_pages() -> tuple[RegisteredPage, ...]:
    """The pages app.py registers, in its order: as Streamlit itself registered them when
    app.py ran once under AppTest, else (should AppTest's registry ever move) read from the
    st.Page calls in app.py's source."""
    if not APP_PATH.exists():
        return ()
    return _pages_from_apptest() or _pages_from_source()


def _pages_from_apptest() -> tuple[RegisteredPage, ...]:
    """Run app.py with AppTest (no database: pages show their empty states) and read the
    registry st.navigation filled."""
    from streamlit.testing.v1 import AppTest

    saved = os.environ.get("NEGLECT_INSIGHT_DB")
    os.environ["NEGLECT_INSIGHT_DB"] = str(ROOT / "tests" / "artefacts" / "no-such.duckdb")
    try:
        at = AppTest.from_file(str(APP_PATH), default_timeout=60)
        at.run()
        registry = getattr(at, "_registered_pages", {}) or {}
    finally:
        if saved is None:
            os.environ.pop("NEGLECT_INSIGHT_DB", None)
        else:
            os.environ["NEGLECT_INSIGHT_DB"] = saved
    pages = []
    for info in registry.values():
        if "url_pathname" not in info:  # not an st.navigation registry
            continue
        script = info.get("script_path") or ""
        try:
            script = str(Path(script).resolve().relative_to(APP_PATH.parent))
        except ValueError:
            pass
        pages.append(RegisteredPage(info["url_pathname"], info.get("page_name", ""), script))
    return tuple(pages)


def _pages_from_source() -> tuple[RegisteredPage, ...]:
    """st.Page("pages/x.py", title=..., url_path=..., default=...) calls with literal
    arguments; url path and title inferred from the file name as Streamlit does."""
    import ast

    from streamlit.source_util import page_icon_and_name

    pages = []
    for node in ast.walk(ast.parse(APP_PATH.read_text())):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "Page" and node.args
                and isinstance(node.args[0], ast.Constant)):
            continue
        script = str(node.args[0].value)
        kwargs = {k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)}
        _icon, inferred = page_icon_and_name(Path(script))
        url_path = "" if kwargs.get("default") else kwargs.get("url_path") or inferred
        pages.append(RegisteredPage(url_path.strip("/"),
                                    kwargs.get("title") or inferred.replace("_", " "), script))
    return tuple(pages)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "registered_page" in metafunc.fixturenames:
        pages = registered_pages()
        if not pages:  # no app.py yet: skip; an app.py whose pages cannot be found: fail
            marks = [pytest.mark.skip(reason="no dashboard/app.py yet")] \
                if not APP_PATH.exists() else []
            metafunc.parametrize("registered_page", [pytest.param(None, marks=marks)],
                                 ids=["no-pages"])
            return
        metafunc.parametrize("registered_page", list(pages), ids=[p.name for p in pages])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cli() -> list[str]:
    """The installed console script beside this Python, else the Typer app via -c."""
    script = Path(sys.executable).with_name("neglect-insight")
    if script.exists():
        return [str(script)]
    found = shutil.which("neglect-insight")
    if found:
        return [found]
    return [sys.executable, "-c", "from pipelines.cli import app; app()"]


@pytest.fixture(scope="session")
def cli() -> list[str]:
    return _cli()


def _break_first_category(delivery: Path, broken: Path) -> None:
    """A copy of the delivery whose first CP plan (cp_plans.csv line 2) has a category that is
    not a code: the blocking rule REFUSED_RULE."""
    shutil.copytree(delivery, broken)
    path = broken / "cp_plans.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index("initial_category")] = "XYZ"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic delivery, ingested, then a broken copy of it refused (so the data
    quality page has a loaded and a refused run); returns the --db path."""
    from neglect_insight.pipelines.ingest import ingest_delivery
    from neglect_insight.pipelines.synth import write_delivery

    root = tmp_path_factory.mktemp("e2e")
    delivery = root / "delivery"
    write_delivery(delivery, scale="small", seed=1, end=EXTRACT_DATE, years=5)
    db = root / "neglect.duckdb"
    outcome = ingest_delivery(delivery, db, extract_date=EXTRACT_DATE)
    assert not outcome.refused, [f for f in outcome.blocking][:5]
    _break_first_category(delivery, root / "broken")
    refused = ingest_delivery(root / "broken", db, extract_date=EXTRACT_DATE)
    assert [(f.rule_id, f.file, f.line) for f in refused.blocking] == [REFUSED]
    return db


@pytest.fixture(scope="session")
def server(store: Path, cli: list[str], tmp_path_factory: pytest.TempPathFactory):
    """`neglect-insight serve` on a free port; yields its base URL, then stops it."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("server") / "serve.log"
    env = {**os.environ, "NO_PROXY": "127.0.0.1,localhost", "PYTHONUNBUFFERED": "1"}
    with log_path.open("w") as log:
        proc = subprocess.Popen([*cli, "serve", "--db", str(store), "--port", str(port)],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            if proc.poll() is not None:
                pytest.fail(f"serve exited with {proc.returncode}:\n{log_path.read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"serve did not answer within {SERVER_START_SECONDS}s:\n"
                            f"{log_path.read_text()}")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """tests/artefacts/screenshots/ (gitignored), without shots of pages no longer registered:
    <page>.png (test_pages.py) and <page>-<width>.png (test_layout.py)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    names = {p.name for p in registered_pages()}
    for old in SCREENSHOTS.glob("*.png"):
        if old.stem not in names and old.stem.rpartition("-")[0] not in names:
            old.unlink()
    return SCREENSHOTS


def outside_requests(urls: list[str]) -> list[str]:
    """Requests to anything but this machine (the product must work offline)."""
    return [u for u in urls if urlparse(u).scheme not in LOCAL_SCHEMES
            and (urlparse(u).hostname or "") not in LOCAL_HOSTS]


def wait_rendered(page) -> None:
    """Until the script has run and stayed finished for a moment (charts draw after it)."""
    page.wait_for_selector(RENDERED, timeout=LOAD_SECONDS * 1000)
    page.wait_for_timeout(SETTLE_MS)
    page.wait_for_selector(RENDERED, timeout=LOAD_SECONDS * 1000)
    page.wait_for_load_state("networkidle", timeout=LOAD_SECONDS * 1000)


def screenshot(page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main block, not the window, so grow the
    viewport to the content's height first (and back after), keeping its width."""
    before = page.viewport_size or VIEWPORT
    height = page.evaluate(
        "() => Math.max(...['[data-testid=\"stMain\"]', '[data-testid=\"stAppViewContainer\"]',"
        " '[data-testid=\"stSidebarContent\"]', 'body']"
        ".map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))")
    page.set_viewport_size({"width": before["width"],
                            "height": max(before["height"], min(int(height) + 40, 16000))})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(before)


def new_page(browser, server: str, url_path: str, width: int = VIEWPORT["width"]):
    """A fresh browser context (its own Streamlit session) on `url_path`, rendered; returns
    (context, page, request URLs). Close the context when done."""
    context = browser.new_context(viewport={**VIEWPORT, "width": width},
                                  service_workers="block", accept_downloads=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{server}/{url_path}", wait_until="domcontentloaded")
    wait_rendered(page)
    return context, page, requests


@pytest.fixture(scope="session")
def open_page(browser, server):
    """open_page(url_path) -> (page, request URLs). Each page is opened once per session, in
    its own browser context, and shared by the tests that only look at it (pages take seconds
    to compute; the folder has a time budget). Tests that change a page use `new_page`."""
    opened: dict[str, tuple] = {}

    def _open(url_path: str):
        if url_path not in opened:
            opened[url_path] = new_page(browser, server, url_path)
        _context, page, requests = opened[url_path]
        return page, requests

    yield _open
    for context, _page, _requests in opened.values():
        context.close()


@pytest.fixture(scope="session")
def pack(store: Path, cli: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The board pack for the latest quarter, made by `neglect-insight report` from the same
    load; a copy is kept at tests/artefacts/pack/e2e-board-pack.html (gitignored)."""
    out = tmp_path_factory.mktemp("pack") / "pack.html"
    result = subprocess.run([*cli, "report", "--db", str(store), "--period-end", PERIOD_END,
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    PACK_COPY.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(out, PACK_COPY)
    return out
