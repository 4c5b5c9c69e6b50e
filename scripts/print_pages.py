#!/usr/bin/env python3
"""How many A4 pages an HTML report prints on, in headless Chromium (DevTools Page.printToPDF, default margins).

The README's page counts come from here: `foi-nlp report ... --out report.html`, then

    python scripts/print_pages.py report.html [more.html ...]     # needs chromium

The browser is the report tests' DevTools client (tests/report_helpers.py, `Browser`), and the pages are
counted as the tests count them (`pdf_pages`).
"""
from __future__ import annotations

import base64
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from report_helpers import Browser, pdf_pages  # noqa: E402

A4_INCHES = (8.27, 11.69)


def printed_pages(page: Path) -> int:
    """The number of A4 pages `page` prints on."""
    browser = Browser()
    try:
        browser.open(page)
        pdf = base64.b64decode(browser.send("Page.printToPDF", paperWidth=A4_INCHES[0], paperHeight=A4_INCHES[1])["data"])
    finally:
        browser.close()
    return pdf_pages(pdf)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(f"{arg}: {printed_pages(Path(arg))} A4 pages")
