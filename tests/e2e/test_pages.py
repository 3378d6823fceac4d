"""Every page app.py registers, served by `neglect-insight serve` and opened in headless
Chromium: it renders without an error, shows its title, fetches nothing from outside this
machine, and leaves a full-page screenshot in tests/artefacts/screenshots/<page>.png.

The prevalence page's headline number is checked against `neglect-insight indicators`.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import duckdb
import pytest

from tests.e2e.conftest import (
    ERRORS,
    REFUSED,
    RegisteredPage,
    outside_requests,
    registered_pages,
    screenshot,
)

pytestmark = pytest.mark.e2e

NAVIGATION = ".st-key-navigation a"  # dashboard/components/navigation.py: st.page_link
CURRENT = ("els => els.filter(e => Number(getComputedStyle(e.querySelector('p') || e).fontWeight)"
           " >= 600).map(e => e.innerText.trim())")  # the page's own link is drawn bold
PARTNERSHIP = ".st-key-partnership"  # components/page.py: whose figures, above the title
DEMO_PARTNERSHIP = "Demo partnership (synthetic)"  # no [partnership] settings in this folder


def test_page_renders(registered_page: RegisteredPage | None, open_page, screenshots):
    if registered_page is None:
        pytest.fail("dashboard/app.py exists but no st.Page could be found in it")
    page, requests = open_page(registered_page.url_path)
    errors = page.locator(ERRORS)
    assert errors.count() == 0, errors.all_inner_texts()
    heading = page.locator("h1").first
    heading.wait_for(state="visible")
    assert heading.inner_text().strip(), "the page has no title"
    # The page's own name is on the page: in its title or in the highlighted navigation link.
    current = page.locator(NAVIGATION).evaluate_all(CURRENT)
    shown = {heading.inner_text().strip(), *current}
    assert registered_page.title in shown, (registered_page.title, shown)
    assert current == [registered_page.title], current
    assert page.locator(PARTNERSHIP).inner_text().strip() == DEMO_PARTNERSHIP
    screenshot(page, screenshots / f"{registered_page.name}.png")
    assert not outside_requests(requests), outside_requests(requests)


def test_navigation_lists_every_registered_page(open_page):
    """The links the browser shows are the pages this module tests (nothing missed; in the
    demo everyone is an administrator, so every page is listed), under their section headings,
    and Streamlit's own navigation (which fails axe's list rules) is not drawn."""
    pages = registered_pages()
    if not pages:
        pytest.skip("dashboard/app.py registers no pages yet")
    page, _requests = open_page("")
    links = page.locator(NAVIGATION)
    paths = [urlparse(href).path.strip("/") for href in
             (links.nth(i).get_attribute("href") or "" for i in range(links.count()))]
    assert paths == [p.url_path for p in pages]
    headings = page.locator(".st-key-navigation h3").all_inner_texts()
    assert [h.strip() for h in headings] == ["Strategy", "Board", "Quality"]
    assert page.locator("[data-testid='stSidebarNav']").count() == 0


def _latest_quarter_end(db: Path) -> str:
    with duckdb.connect(str(db), read_only=True) as conn:
        return conn.execute("select max(quarter_end) from quarter_ends").fetchone()[0].isoformat()


def _page_of(script: str) -> RegisteredPage:
    found = next((p for p in registered_pages() if p.script == script), None)
    if found is None:
        pytest.skip(f"app.py does not register {script}")
    return found


def test_prevalence_headline_matches_the_indicators_command(open_page, store, cli):
    """The page's "N children had neglect identified" (default period: the 12 months to the
    latest quarter end) is the indicators command's neglect_children_total numerator."""
    prevalence = _page_of("pages/prevalence.py")
    period_end = _latest_quarter_end(store)
    result = subprocess.run([*cli, "indicators", "--db", str(store), "--period-end", period_end,
                             "--format", "json"], capture_output=True, text=True, timeout=120,
                            check=True)
    expected = json.loads(result.stdout)["indicators"]["neglect_children_total"]["numerator"]
    assert expected > 5, "choose data where the figure is not suppressed (1 to 5 show as c)"

    page, requests = open_page(prevalence.url_path)
    heading = page.get_by_text(re.compile(r"^[\d,]+ children had neglect identified"))
    heading.first.wait_for(state="visible")
    shown = re.match(r"([\d,]+) children", heading.first.inner_text()).group(1)
    assert int(shown.replace(",", "")) == expected
    assert not outside_requests(requests), outside_requests(requests)


def test_data_quality_shows_the_refused_delivery(open_page, tmp_path):
    """The refused run (after the current load) is the newest; its failing row downloads as
    CSV with file, line and rule."""
    page, _requests = open_page(_page_of("pages/data_quality.py").url_path)
    chosen = page.get_by_role("combobox", name="Run").input_value()
    assert chosen.endswith("Refused: nothing loaded"), chosen
    blocking = page.locator("[data-testid='stMetric']").filter(has_text="Blocking rules failed")
    assert blocking.locator("[data-testid='stMetricValue']").inner_text().strip() == "1"
    with page.expect_download() as download:
        page.locator(".st-key-review-csv button").click()
    saved = tmp_path / "rows.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(saved.open(encoding="utf-8-sig")))
    rule_id, file, line = REFUSED
    assert [(r["Rule id"], r["File"], r["Line"]) for r in rows
            if r["Severity"] == "Blocking"] == [(rule_id, file, str(line))]
