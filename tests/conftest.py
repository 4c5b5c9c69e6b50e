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


@pytest.fixture(autouse=True, scope="session")
def _private_doc_cache(tmp_path_factory: pytest.TempPathFactory):
    """Tests never read or fill the user's doc cache (~/.cache/foi-nlp)."""
    patch = pytest.MonkeyPatch()
    patch.setenv("FOI_NLP_CACHE", str(tmp_path_factory.mktemp("doc-cache")))
    yield
    patch.undo()
