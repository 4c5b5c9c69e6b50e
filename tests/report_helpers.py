"""Helpers for the report tests: classify-shaped records written in the tests, gold predictions, chromium.

No fake model output is committed: records are built here from arguments, or from
the round-robin's hand-coded labels (scripts/gold_predictions.py) at test time.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from pipeline.labels import load_scheme
from pipeline.output import atomic_writer, to_jsonl

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ROUNDROBIN = ROOT / "corpus" / "roundrobin"
MYSOCIETY = ROOT / "corpus" / "real" / "mysociety"
sys.path.insert(0, str(ROOT / "scripts"))


def record(
    body: str,
    q: str,
    question: str,
    answer: str,
    outcome: str = "provided",
    findings: tuple[str, ...] = (),
    *,
    exemptions: tuple[str, ...] = (),
    needs_review: bool = False,
    confidence: float = 0.9,
    doc: str | None = None,
    evidence: str | None = None,
) -> dict[str, Any]:
    """One record in the `classify --format jsonl` contract."""
    sentence = evidence if evidence is not None else answer.split(". ")[0]
    return {
        "doc": doc or f"{body.lower().replace(' ', '-')}.txt",
        "body": None,
        "responder": body,
        "reference": None,
        "date": None,
        "act": "FOIA",
        "q": q,
        "question": question,
        "answer": answer,
        "exemptions": list(exemptions),
        "facts": {},
        "flags": [],
        "outcome": outcome,
        "outcome_confidence": confidence,
        "findings": list(findings),
        "finding_scores": {name: float(name in findings) for name in load_scheme().finding_names},
        "needs_review": needs_review,
        "evidence": {label: sentence for label in (outcome, *findings)},
    }


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    with atomic_writer(path) as handle:
        handle.writelines(to_jsonl(r) for r in records)
    return path


@lru_cache(maxsize=1)
def _roundrobin_gold() -> tuple[dict[str, Any], ...]:
    from gold_predictions import gold_records

    return tuple(gold_records(ROUNDROBIN / "labels.jsonl", ROUNDROBIN / "responses"))


def roundrobin_gold() -> list[dict[str, Any]]:
    """Classify-shaped records for the round-robin, from its labels (copies: tests may alter them)."""
    return [dict(r) for r in _roundrobin_gold()]


def roundrobin_page(folder: Path, title: str) -> Path:
    """The HTML report of the round-robin's gold labels, written into `folder`, for a browser to open."""
    from pipeline.report import build_report

    chromium()
    predictions = write_jsonl(folder / "roundrobin.jsonl", roundrobin_gold())
    return build_report(predictions=[predictions], out=folder / "report.html", title=title).out


def chromium() -> str:
    """The chromium binary; skip with the reason when it is missing, except in CI, where that fails."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed: CI must install Debian's chromium (see .ci/run)")
    pytest.skip("chromium is not installed (apt-get install chromium); the browser tests need it")


def pdf_pages(pdf: bytes) -> int:
    """The pages of a PDF chromium printed (its page objects are written out, not packed in object streams)."""
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        command = [
            chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", *args,
        ]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def dump_dom(page: Path) -> str:
    """The page's DOM after its script has run."""
    return _run(["--virtual-time-budget=2000", "--dump-dom", page.resolve().as_uri()]).stdout


def screenshot(page: Path, png: Path, width: int, height: int) -> Path:
    """A PNG of the page at the given window size."""
    png.parent.mkdir(parents=True, exist_ok=True)
    _run(["--virtual-time-budget=2000", f"--screenshot={png}", f"--window-size={width},{height}", "--hide-scrollbars", page.resolve().as_uri()])
    return png


def _pipe_fds(read: int, write: int) -> None:
    """In the child: the DevTools pipe on fds 3 (chromium reads) and 4 (chromium writes), as --remote-debugging-pipe wants."""
    high_read, high_write = os.dup(read) + 100, os.dup(write) + 100
    os.dup2(read, high_read)
    os.dup2(write, high_write)
    os.dup2(high_read, 3)
    os.dup2(high_write, 4)


class Browser:
    """Headless chromium driven over the DevTools protocol (a pipe, no websocket library): for what --dump-dom
    cannot do, such as a phone-sized viewport, print media, keys pressed and the console's errors."""

    def __init__(self, width: int = 1280, height: int = 900) -> None:
        self._profile = tempfile.TemporaryDirectory()
        to_chromium, self._write = os.pipe()
        self._read, from_chromium = os.pipe()
        self._process = subprocess.Popen(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={self._profile.name}", "about:blank"],
            close_fds=False, preexec_fn=lambda: _pipe_fds(to_chromium, from_chromium),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(to_chromium)
        os.close(from_chromium)
        self._buffer = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        page = next(t for t in self._call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self._session = self._call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]
        self.send("Runtime.enable")
        self.send("Log.enable")
        self.resize(width, height)

    def _call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                chunk = os.read(self._read, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") != self._id:
                self.events.append(reply)
            elif "error" in reply:
                raise RuntimeError(f"{method}: {reply['error']}")
            else:
                return reply.get("result", {})

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """A DevTools command to the page."""
        return self._call(method, self._session, **params)

    def resize(self, width: int, height: int) -> None:
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)

    def open(self, page: Path) -> None:
        """Load the page and wait for it (and its script) to finish."""
        self.send("Page.navigate", url=page.resolve().as_uri())
        deadline = time.monotonic() + 30
        while self.eval("document.readyState") != "complete" and time.monotonic() < deadline:
            time.sleep(0.05)

    def eval(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(str(result["exceptionDetails"]))
        return result["result"].get("value")

    def press(self, key: str) -> None:
        """A key pressed and released on the focused element ("Tab", "Enter", " ", "ArrowDown")."""
        codes = {"Tab": ("Tab", 9), "Enter": ("Enter", 13), " ": ("Space", 32), "ArrowDown": ("ArrowDown", 40)}
        code, number = codes[key]
        params: dict[str, Any] = {"key": key, "code": code, "windowsVirtualKeyCode": number}
        if key in ("Enter", " "):
            params["text"] = "\r" if key == "Enter" else " "
        self.send("Input.dispatchKeyEvent", type="keyDown", **params)
        self.send("Input.dispatchKeyEvent", type="keyUp", **params)

    def console_errors(self) -> list[str]:
        """Uncaught exceptions and console/log errors seen so far."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(str(params["exceptionDetails"]))
            elif method == "Runtime.consoleAPICalled" and params["type"] == "error":
                found.append(str(params["args"]))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(params["entry"]["text"])
        return found

    def close(self) -> None:
        try:
            self._call("Browser.close")
        except (OSError, RuntimeError):
            self._process.kill()
        self._process.wait(timeout=30)
        os.close(self._write)
        os.close(self._read)
        self._profile.cleanup()
