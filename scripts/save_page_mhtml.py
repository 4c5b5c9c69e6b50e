#!/usr/bin/env python3
"""Save a local HTML page as MHTML with headless Chromium, as "Save as... Webpage, Single File" does.

tests/replies/saved-disclosure-log-page.mhtml was made so (tests/test_mhtml_reader.py), from the .html
beside it with a stylesheet and a logo next to it, so a fixture is the browser's own bytes, never a
hand copy of its format. The browser is the report tests' DevTools client (tests/report_helpers.py,
`Browser`: --remote-debugging-pipe, no network, no port, no websocket library);
Page.captureSnapshot(format="mhtml") is what the browser's own single-file save calls.

    python scripts/save_page_mhtml.py page.html page.mhtml     # needs chromium
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from report_helpers import Browser  # noqa: E402


def save(page: Path, out: Path) -> None:
    """Open `page` in headless Chromium, wait for it to load, and write its MHTML snapshot to `out`."""
    browser = Browser()
    try:
        browser.open(page)
        out.write_bytes(browser.send("Page.captureSnapshot", format="mhtml")["data"].encode("utf-8"))
    finally:
        browser.close()


if __name__ == "__main__":
    save(Path(sys.argv[1]), Path(sys.argv[2]))
