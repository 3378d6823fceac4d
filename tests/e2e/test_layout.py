"""Board-sized screens (issue 9, point 7 and Tests): the Overview and one family page
(Re-referrals) at 1440 and 1024 pixels wide, each left as a full-page screenshot in
tests/artefacts/screenshots/<page>-<width>.png, with the scorecard table's decision column
(Status: the RAG word) drawn inside the table and inside the window.

Tables are Streamlit dataframes (Glide Data Grid), drawn on a canvas: their column headers have
no boxes in the DOM. Column positions are read from the grid's own column list (the sized
columns Glide draws, from the React props of the canvas) and placed from the canvas's left edge,
less any horizontal scroll.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import ERRORS, RegisteredPage, new_page, registered_pages, screenshot

pytestmark = pytest.mark.e2e

WIDTHS = (1440, 1024)
DECISION_COLUMN = re.compile(r"Status|RAG.*")  # dashboard/components/indicator_card.py
# Every dataframe on the page: its visible box, and each column's title and box as drawn.
COLUMNS_JS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].map(frame => {
  const canvas = frame.querySelector('canvas[data-testid="data-grid-canvas"]')
      || frame.querySelector('canvas');
  if (!canvas) return null;
  const box = canvas.getBoundingClientRect();
  if (!box.width) return null;  // not drawn (a closed expander, an unchosen tab)
  const scroller = frame.querySelector('.dvn-scroller');
  const fiberKey = Object.keys(canvas).find(k => k.startsWith('__reactFiber'));
  let fiber = fiberKey ? canvas[fiberKey] : null, columns = null;
  for (let depth = 0; fiber && depth < 80 && !columns; depth++, fiber = fiber.return) {
    const props = fiber.memoizedProps;
    if (props && Array.isArray(props.columns) && props.columns.length
        && props.columns.every(c => typeof c.width === 'number')) columns = props.columns;
  }
  if (!columns) return {left: box.left, right: box.right, columns: null};
  let x = box.left - (scroller ? scroller.scrollLeft : 0);
  return {left: box.left, right: box.left + (scroller ? scroller.clientWidth : box.width),
          columns: columns.map(c => { const col = {title: c.title, left: x, right: x + c.width};
                                      x += c.width; return col; })};
}).filter(Boolean)"""


def _page(script: str) -> RegisteredPage:
    found = next((p for p in registered_pages() if p.script == script), None)
    if found is None:
        pytest.skip(f"app.py does not register {script}")
    return found


def _open(browser, server, script: str, width: int, screenshots):
    """The page at `width`, rendered, without an error, and its screenshot taken; returns
    (context, page, frames)."""
    registered = _page(script)
    context, page, _requests = new_page(browser, server, registered.url_path, width)
    errors = page.locator(ERRORS)
    assert errors.count() == 0, errors.all_inner_texts()
    screenshot(page, screenshots / f"{registered.name}-{width}.png")
    return context, page, page.evaluate(COLUMNS_JS)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_scorecards_status_column_is_in_view(browser, server, screenshots, width):
    context, _page_, frames = _open(browser, server, "pages/overview.py", width, screenshots)
    try:
        tables = [f for f in frames if f["columns"]
                  and any(DECISION_COLUMN.fullmatch(c["title"]) for c in f["columns"])]
        assert tables, ("no drawn table with a Status column",
                        [[c["title"] for c in f["columns"] or ()] for f in frames])
        for frame in tables:
            status = next(c for c in frame["columns"] if DECISION_COLUMN.fullmatch(c["title"]))
            visible_right = min(frame["right"], width)
            assert status["left"] >= frame["left"] - 1, (width, status, frame["left"])
            assert status["right"] <= visible_right + 1, (
                f"at {width}px the {status['title']} column ends at {status['right']:.0f}px, "
                f"beyond the table's visible edge ({frame['right']:.0f}px) or the window",
                [c["title"] for c in frame["columns"]])
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_family_pages_tables_sit_inside_the_window(browser, server, screenshots, width):
    """Re-referrals: every drawn table's box is inside the window, and every column inside its
    table's box (no column scrolled out of sight)."""
    context, _page_, frames = _open(browser, server, "pages/rereferrals.py", width, screenshots)
    try:
        assert frames, "no table drawn"
        for frame in frames:
            assert 0 <= frame["left"] and frame["right"] <= width + 1, (width, frame)
        cut = [(c["title"], round(c["right"]), round(f["right"])) for f in frames
               for c in f["columns"] or () if c["right"] > min(f["right"], width) + 1]
    finally:
        context.close()
    assert not cut, f"columns cut off at {width}px (title, column end, table end): {cut}"
