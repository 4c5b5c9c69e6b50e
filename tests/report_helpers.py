"""Helpers for the report tests: classify-shaped records written in the tests, gold predictions, chromium.

No fake model output is committed: records are built here from arguments, or from
the round-robin's hand-coded labels (scripts/gold_predictions.py) at test time.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
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


def chromium() -> str:
    """The chromium binary; skip with the reason when it is missing, except in CI, where that fails."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed: CI must install Debian's chromium (see .ci/run)")
    pytest.skip("chromium is not installed (apt-get install chromium); the browser tests need it")


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
