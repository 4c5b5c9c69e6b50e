"""Shared test fixtures: where the bundled corpus and round-robin live."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ROUNDROBIN = CORPUS / "roundrobin"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def roundrobin_dir() -> Path:
    return ROUNDROBIN
