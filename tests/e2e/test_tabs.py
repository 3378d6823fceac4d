"""Issue 11 (speed), in the browser: a breakdown's tabs draw only the chosen tab
(`charts.lazy_tabs`). At first only "By sex" holds a chart; a click on "By locality" reruns the
page and draws that tab's chart instead, and the choice survives a change of period.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import ERRORS, new_page, registered_pages, wait_rendered

pytestmark = pytest.mark.e2e

BREAKDOWN = "[class*='st-key-bars-tabs-']"  # the tab set's key, as a CSS class
DRAWN = "[data-testid='stPlotlyChart'], [data-testid='stAlert']"  # a chart or why not


def _headings(tabs) -> list[str]:
    return [h.strip() for h in tabs.locator("h3").all_inner_texts()]


def test_a_breakdown_draws_only_the_chosen_tab(browser, server):
    found = next((p for p in registered_pages() if p.script == "pages/prevalence.py"), None)
    if found is None:
        pytest.skip("app.py does not register pages/prevalence.py")
    context, page, _requests = new_page(browser, server, found.url_path)
    try:
        tabs = page.locator(BREAKDOWN)
        assert tabs.count() == 1
        [heading] = _headings(tabs)
        assert " by sex" in heading, heading
        tabs.locator(DRAWN).first.wait_for(timeout=30_000)  # Plotly's code loads after the text
        assert tabs.locator(DRAWN).count() == 1

        tabs.get_by_role("tab", name="By locality").click()
        tabs.locator("h3", has_text=re.compile(r" by locality")).wait_for(timeout=60_000)
        wait_rendered(page)
        [heading] = _headings(tabs)
        assert " by locality" in heading, heading
        tabs.locator(DRAWN).first.wait_for(timeout=30_000)
        assert tabs.locator(DRAWN).count() == 1

        box = page.locator("[data-testid='stSidebar'] input[aria-label='Period ending']")
        box.click()
        page.get_by_role("option").nth(1).click()  # the previous quarter
        page.wait_for_timeout(500)
        wait_rendered(page)
        [heading] = _headings(tabs)
        assert " by locality" in heading, heading
        assert page.locator(ERRORS).count() == 0, page.locator(ERRORS).all_inner_texts()
    finally:
        context.close()
