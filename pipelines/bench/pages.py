"""Page timings in a real browser (`bench --pages`): serve the load with `neglect-insight
serve`, open each page of dashboard/app.py in headless Chromium (Playwright driving
/usr/bin/chromium, as tests/e2e does) and time

- the first open of each page by URL, to the page settling
  (`[data-testid='stApp'][data-test-script-state='notRunning']` with its title drawn);
- each change of the sidebar's period and of one breakdown filter (sex), from the change to the
  page settling again, measured in the page (a MutationObserver stamps every script-state
  change with performance.now(), so a rerun faster than Playwright's polling is still seen).

Pages without the sidebar filters (methodology, data quality, ...) get their first open only.
"""

from __future__ import annotations

import ast
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = os.environ.get("NEGLECT_INSIGHT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
SETTLED = "[data-testid='stApp'][data-test-script-state='notRunning']"
TIMEOUT_MS = 120_000
CHANGES = 6  # per page: period and sex filter, alternately
WATCH = """() => {
  window.__bench = [];
  const app = document.querySelector("[data-testid='stApp']");
  new MutationObserver(() => window.__bench.push(
      [performance.now(), app.getAttribute('data-test-script-state')]))
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
# The time the page settled after t0: a 'running' state after t0, then 'notRunning'.
SETTLED_AFTER = """(t0) => {
  let ran = false;
  for (const [t, state] of window.__bench) {
    if (t < t0) continue;
    if (state === 'running') ran = true;
    else if (ran && state === 'notRunning') return t;
  }
  return null;
}"""


def pages() -> list[str]:
    """URL paths of the pages app.py registers with st.Page ("" for the default page): each
    page's URL is its file name (dashboard/components/page.py)."""
    found = []
    for node in ast.walk(ast.parse(APP.read_text())):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "Page" and node.args
                and isinstance(node.args[0], ast.Constant)):
            kwargs = {k.arg: getattr(k.value, "value", None) for k in node.keywords}
            found.append("" if kwargs.get("default") else
                         kwargs.get("url_path") or Path(str(node.args[0].value)).stem)
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    script = Path(sys.executable).with_name("neglect-insight")
    cli = [str(script)] if script.exists() else [
        sys.executable, "-c", "from neglect_insight.pipelines.cli import app; app()"]
    env = {**os.environ, "NO_PROXY": "127.0.0.1,localhost", "PYTHONUNBUFFERED": "1"}
    with log.open("w") as out:
        proc = subprocess.Popen([*cli, "serve", "--db", str(db), "--port", str(port)],
                                env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"serve exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError(f"serve did not answer within 60 s:\n{log.read_text()}")


def _settle(page) -> None:
    page.wait_for_selector(SETTLED, timeout=TIMEOUT_MS)
    page.wait_for_timeout(300)
    page.wait_for_selector(SETTLED, timeout=TIMEOUT_MS)


def _select(page, label: str, option: int) -> float | None:
    """Choose option `option` of the sidebar selectbox `label`; ms from the choice to the page
    settling, or None when the page has no such selectbox."""
    box = page.locator(f"[data-testid='stSidebar'] input[aria-label='{label}']")
    if box.count() == 0:
        return None
    options = page.get_by_role("option")
    for _attempt in range(3):  # the list sometimes does not open on the first click
        box.click()
        try:
            options.nth(option).wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    else:
        return None
    t0 = page.evaluate("performance.now()")
    options.nth(option).click()
    page.wait_for_function(SETTLED_AFTER, arg=t0, timeout=TIMEOUT_MS)
    return page.evaluate(SETTLED_AFTER, t0) - t0


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[rank]


def time_pages(db: Path, say: Callable[[str], None], changes: int = CHANGES) -> dict:
    """{page: {first_open_ms, p50_ms, p95_ms, changes}} for every registered page (p50/p95
    None and changes 0 on pages without the sidebar filters)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        say(f"No Chromium at {CHROMIUM}: page timings skipped")
        return {}
    log = db.parent / "serve.log"
    proc, url = _serve(db, log)
    out = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for path in pages():
                name = path or "overview"
                say(f"Pages: {name}")
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                started = time.perf_counter()
                page.goto(f"{url}/{path}", timeout=TIMEOUT_MS)
                page.wait_for_selector(SETTLED + " h1", timeout=TIMEOUT_MS)
                first_ms = (time.perf_counter() - started) * 1000
                _settle(page)
                page.evaluate(WATCH)
                timings, timed_out = [], None
                for n in range(changes):
                    # period: the previous quarter, then back; sex: the first value, then back
                    label = "Period ending" if n % 2 == 0 else "Sex"
                    try:
                        took = _select(page, label, 1 if n % 4 < 2 else 0)
                    except PlaywrightTimeout:  # recorded, and the other pages still timed
                        timed_out = label
                        say(f"Pages: {name}: a change of {label} did not settle within "
                            f"{TIMEOUT_MS // 1000} s")
                        break
                    if took is None:
                        break
                    timings.append(took)
                    _settle(page)
                page.close()
                out[name] = {"first_open_ms": round(first_ms),
                             "p50_ms": round(statistics.median(timings)) if timings else None,
                             "p95_ms": round(_percentile(timings, 95)) if timings else None,
                             "changes": len(timings)}
                if timed_out:
                    out[name]["timed_out_after"] = timed_out
            browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return out
