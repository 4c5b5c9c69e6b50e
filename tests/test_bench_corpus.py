"""The benchmarks stay true: the synthetic corpus is readable (a document the readers refuse would time an error,
not a reply), and every cut bench/cuts.py times still gives the results of the code it replaced."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
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


def test_every_cut_gives_its_reference_results() -> None:
    """bench/cuts.py keeps, for each cut, the code as it was before it: the pair must still give the same
    results, or the figures it prints compare the cut with something the pipeline no longer does (one such
    reference fell behind the layout features it copies and the script stopped at its pair)."""
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "cuts.py"), "--rounds", "1"], capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    pairs = [line for line in run.stdout.splitlines() if "before" in line and " after " in line]
    assert len(pairs) >= 18 and all(line.endswith("(results identical)") for line in pairs), run.stdout
