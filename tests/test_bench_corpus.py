"""The benchmark's synthetic corpus is readable: a document the readers refuse would time an error, not a reply."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from pipeline.read.sources import iter_documents

ROOT = Path(__file__).resolve().parent.parent


def test_synthetic_documents_all_read(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.build_corpus(tmp_path, 150, seed=7)
    read = list(iter_documents([tmp_path]))
    assert len(read) == 150
    assert [d for d in read if isinstance(d, dict)] == []  # e.g. an e-mail whose MIME boundaries lost their digits
    assert any(d.fmt == "eml" for d in read)
