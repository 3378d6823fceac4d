"""WCAG 2.2 AA checks (issue 9, point 9): axe-core on every page app.py registers and on the
board pack, and the filters and downloads operated from the keyboard alone.

axe-core comes bundled in axe-playwright-python (`axe_playwright_python/axe.min.js`): it is
injected into the page from that file and fetches nothing (the page tests check every request
stays on this machine). A page or the pack passes when axe finds no violation of impact
"serious" or "critical"; "moderate" and "minor" findings are printed in the failure message of
the serious ones but do not fail the test.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from tests.e2e.conftest import (
    RegisteredPage,
    new_page,
    outside_requests,
    registered_pages,
    wait_rendered,
)

pytestmark = pytest.mark.e2e

FAILING = {"serious", "critical"}
# Findings in Streamlit's own markup that no page code can change, as (rule id, CSS selector of
# the element axe names); only these exact elements are let through, every other violation of
# the same rule still fails.
# - st.metric's trend line (chart_data, the Overview's cards): Vega-Lite draws an empty
#   <g role="graphics-symbol"> for its highlighted points with no <title>, so axe reports
#   svg-img-alt. The card states the trend in words beside it.
STREAMLIT_OWN = (
    ("svg-img-alt", "[data-testid='stMetricChart'] g[role='graphics-symbol']"),
)
TAB_LIMIT = 250  # keyboard presses before we give up looking for a control
FOCUSED_KEY = ("() => { const k = document.activeElement?.closest('[class*=\"st-key-\"]');"
               " return k ? k.className.match(/st-key-(\\S+)/)[1] : null; }")


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def _is_streamlit_own(page, rule: str, node: dict) -> bool:
    """Whether `node` of a `rule` violation is one of STREAMLIT_OWN's elements."""
    target = node["target"][0] if node["target"] else ""
    if not isinstance(target, str):  # inside an iframe or shadow root: never ours to excuse
        return False
    for own_rule, selector in STREAMLIT_OWN:
        if own_rule == rule and page.evaluate(
                "([t, s]) => !!document.querySelector(t)?.matches(s)", [target, selector]):
            return True
    return False


def failing(page, axe) -> list[str]:
    """Serious and critical axe violations on `page`, one line per element, after the
    STREAMLIT_OWN exceptions."""
    found = []
    for violation in axe.run(page).response["violations"]:
        if violation["impact"] not in FAILING:
            continue
        for node in violation["nodes"]:
            if not _is_streamlit_own(page, violation["id"], node):
                found.append(f"{violation['id']} ({violation['impact']}): {node['target']} "
                             f"{node['html'][:160]} -- {violation['help']}")
    return found


def test_page_has_no_serious_accessibility_violation(registered_page: RegisteredPage | None,
                                                    open_page, axe):
    if registered_page is None:
        pytest.fail("dashboard/app.py exists but no st.Page could be found in it")
    page, requests = open_page(registered_page.url_path)
    wait_rendered(page)
    assert failing(page, axe) == []
    assert not outside_requests(requests), outside_requests(requests)  # axe fetched nothing


def test_the_board_pack_has_no_serious_accessibility_violation(browser, pack: Path, axe):
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(pack.as_uri(), wait_until="load")
        assert failing(page, axe) == []
        assert [u for u in requests if not u.startswith("file:")] == []  # self-contained
    finally:
        context.close()


def _tab_to(page, key: str | re.Pattern) -> str:
    """Press Tab until the focus is inside the element with Streamlit key `key` (a string, or
    a pattern the key must match); returns the key. Fails when Tab never gets there."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_KEY)
        if focused and (focused == key if isinstance(key, str) else key.fullmatch(focused)):
            return focused
    pytest.fail(f"Tab never reached {key!r} in {TAB_LIMIT} presses")


def _family_page() -> RegisteredPage:
    found = next((p for p in registered_pages() if p.script == "pages/rereferrals.py"), None)
    if found is None:
        pytest.skip("app.py does not register pages/rereferrals.py")
    return found


def test_the_period_filter_and_a_download_work_from_the_keyboard(browser, server, tmp_path):
    """On Re-referrals, from the top of the page with Tab only: choose an earlier quarter in
    "Period ending" (arrow keys and Enter), then download a table (Enter): the file is for the
    quarter chosen."""
    context, page, requests = new_page(browser, server, _family_page().url_path)
    try:
        period = page.get_by_role("combobox", name="Period ending")
        assert period.input_value().startswith("31 March 2025"), period.input_value()
        _tab_to(page, "filter_period_end_box")
        page.keyboard.press("ArrowDown")  # opens the list
        page.keyboard.press("ArrowDown")  # an earlier quarter
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        wait_rendered(page)
        chosen = period.input_value()
        match = re.match(r"\d{1,2} [A-Z][a-z]+ \d{4}", chosen)
        assert match and match.group(0) != "31 March 2025", chosen

        _tab_to(page, re.compile(r".*-csv"))  # on from the filter to the first table's CSV
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        saved = tmp_path / (download.value.suggested_filename or "table.csv")
        download.value.save_as(saved)
        text = saved.read_text(encoding="utf-8-sig")
        assert list(csv.reader(text.splitlines()))[1:], "the download has no rows"
        assert match.group(0) in text, (match.group(0), text[:400])
        assert not outside_requests(requests), outside_requests(requests)
    finally:
        context.close()
