"""The board pack as a PDF: the pack's HTML printed by headless Chromium (Debian's
`/usr/bin/chromium`, or the path in NEGLECT_INSIGHT_CHROMIUM). A4, page numbers and the page
breaks between families come from the pack's own print CSS (`@page` with a `@bottom-center`
margin box, which Chromium prints from version 131), so nothing here but the printing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_ENV = "NEGLECT_INSIGHT_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
TIMEOUT_SECONDS = 120


class PdfError(RuntimeError):
    """The PDF could not be made; the message says why and what to do."""


def chromium() -> str | None:
    """The Chromium to print with: NEGLECT_INSIGHT_CHROMIUM, else /usr/bin/chromium, else one
    on PATH; None when there is none."""
    wanted = os.environ.get(CHROMIUM_ENV)
    if wanted:
        return wanted if Path(wanted).is_file() else None
    if Path(DEFAULT_CHROMIUM).is_file():
        return DEFAULT_CHROMIUM
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_pdf(html_path: Path, pdf_path: Path) -> Path:
    """Print the HTML file at `html_path` to `pdf_path`; PdfError when Chromium is missing or
    fails."""
    browser = chromium()
    if browser is None:
        raise PdfError(
            "No Chromium was found to print the PDF (looked for "
            f"{os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM}). Install it (Debian: "
            f"apt-get install chromium) or set {CHROMIUM_ENV} to its path. The HTML pack was "
            "written and can be printed from any browser.")
    pdf_path = Path(pdf_path).resolve()
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="neglect-pack-") as profile:
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu",
                   "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                   f"--user-data-dir={profile}", "--no-pdf-header-footer",
                   f"--print-to-pdf={pdf_path}", Path(html_path).resolve().as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True,
                                  timeout=TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise PdfError(f"Chromium could not print the PDF ({err}).") from None
    if done.returncode != 0 or not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise PdfError(f"Chromium could not print the PDF (exit {done.returncode}: "
                       f"{detail[0]}).")
    return pdf_path
