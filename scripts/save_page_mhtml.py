#!/usr/bin/env python3
"""Save a local HTML page as MHTML with headless Chromium, as "Save as... Webpage, Single File" does.

tests/replies/saved-disclosure-log-page.mhtml was made so (tests/test_mhtml_reader.py), from the .html
beside it with a stylesheet and a logo next to it, so a fixture is the browser's own bytes, never a
hand copy of its format. It talks the DevTools protocol over --remote-debugging-pipe (fds 3 and 4,
NUL-separated JSON): no network, no port, no websocket client. Page.captureSnapshot(format="mhtml")
is what the browser's own single-file save calls.

    python scripts/save_page_mhtml.py page.html page.mhtml     # needs chromium (/usr/bin/chromium)
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"


class DevTools:
    """Calls over the two pipes of --remote-debugging-pipe, waiting for each answer in turn."""

    def __init__(self, write_fd: int, read_fd: int) -> None:
        self.write_fd, self.read_fd, self.buffer, self.last_id = write_fd, read_fd, b"", 0

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self.last_id += 1
        message: dict[str, Any] = {"id": self.last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self.last_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def _receive(self) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            chunk = os.read(self.read_fd, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)


def save(page: Path, out: Path) -> None:
    """Open `page` in headless Chromium, wait for it to load, and write its MHTML snapshot to `out`."""
    to_browser, to_us = os.pipe(), os.pipe()

    def browser_fds() -> None:  # in the child: its ends on fds 3 and 4 (os.pipe may have handed out 3 or 4)
        read_end, write_end = os.dup(to_browser[0]), os.dup(to_us[1])
        os.dup2(read_end, 3)
        os.dup2(write_end, 4)

    with tempfile.TemporaryDirectory() as profile:
        browser = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
             f"--user-data-dir={profile}", "about:blank"],
            close_fds=False, preexec_fn=browser_fds, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser[0])
        os.close(to_us[1])
        tools = DevTools(to_browser[1], to_us[0])
        try:
            target = tools.call("Target.createTarget", url=page.resolve().as_uri())["targetId"]
            session = tools.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            for _ in range(100):
                if tools.call("Runtime.evaluate", session, expression="document.readyState")["result"]["value"] == "complete":
                    break
                time.sleep(0.1)
            out.write_bytes(tools.call("Page.captureSnapshot", session, format="mhtml")["data"].encode("utf-8"))
            tools.call("Browser.close")
            browser.wait(timeout=20)
        finally:
            if browser.poll() is None:
                browser.kill()
                browser.wait()


if __name__ == "__main__":
    save(Path(sys.argv[1]), Path(sys.argv[2]))
