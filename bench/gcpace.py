"""How much of a classify run goes to Python's cycle collector, at CPython's pace and at foi-nlp's.

    python bench/gcpace.py                         # the bundled corpus and corpus/real, 3 rounds
    python bench/gcpace.py --corpus W/corpus-1000  # the documents bench/run.py leaves in --work W

Runs `foi-nlp classify CORPUS --format jsonl --out FILE --no-cache` in fresh processes, alternately
as shipped (`pipeline/collector.py`: the youngest generation collected every 10,000 allocations)
and with CPython's pace (700: the command's `pace_for_batch` made a no-op), and prints for each the
time the collector took (`gc.callbacks`), its collections per generation, the process's CPU time
and peak memory, as medians of the rounds, and whether both wrote the same records.
"""
from __future__ import annotations

import argparse
import filecmp
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run in the measured process: count the collector's time, then start the command.
PROBE = """
import atexit, gc, json, resource, sys, time
spent, counts, started = [0.0], [0, 0, 0], [0.0]
def probe(phase, info):
    if phase == "start":
        started[0] = time.perf_counter()
    else:
        spent[0] += time.perf_counter() - started[0]
        counts[info["generation"]] += 1
gc.callbacks.append(probe)
atexit.register(lambda: print(json.dumps({"gc": spent[0], "collections": counts, "cpu": time.process_time(),
    "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), file=sys.stderr))
import cli
if sys.argv.pop(1) == "cpython":
    cli.pace_for_batch = lambda *a, **k: gc.get_threshold()
sys.argv[0] = "foi-nlp"
cli.app()
"""


def _run(pace: str, corpus: Path, out: Path) -> dict:
    command = [sys.executable, "-c", PROBE, pace, "classify", str(corpus), "--format", "jsonl", "--out", str(out), "--no-cache"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stderr.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"), help="a folder of replies (default: corpus/)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    corpus = args.corpus if args.corpus.is_absolute() or args.corpus == Path("corpus") else args.corpus.resolve()
    runs: dict[str, list[dict]] = {"cpython": [], "foi-nlp": []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.rounds):
            for pace in runs:
                runs[pace].append(_run(pace, corpus, Path(tmp) / f"{pace}.jsonl"))
        same = filecmp.cmp(Path(tmp) / "cpython.jsonl", Path(tmp) / "foi-nlp.jsonl", shallow=False)
    print(f"foi-nlp classify {args.corpus} --no-cache: medians of {args.rounds} alternating runs")
    for pace, label in (("cpython", "CPython's pace (700)"), ("foi-nlp", "foi-nlp's pace (10,000)")):
        got = runs[pace]
        counts = [statistics.median(r["collections"][g] for r in got) for g in range(3)]
        print(f"  {label:24} collector {statistics.median(r['gc'] for r in got):5.2f} s, "
              f"collections {'/'.join(f'{c:.0f}' for c in counts)}, CPU {statistics.median(r['cpu'] for r in got):6.1f} s, "
              f"peak {statistics.median(r['peak'] for r in got):4.0f} MiB")
    print(f"  records {'identical' if same else 'DIFFER'}")


if __name__ == "__main__":
    main()
