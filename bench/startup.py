"""What every classify run pays before its first document: process start, imports, the model and spaCy.

    python bench/startup.py                       # this checkout, 7 runs
    python bench/startup.py --against ../old      # alternating with another checkout (e.g. a
                                                  # `git worktree` of an earlier commit)

Each run is a fresh process, `python -m cli classify EMPTY --no-cache --format jsonl --out OUT`
on an empty folder, started in the checkout's folder with it first on PYTHONPATH (so each
runs its own `pipeline`, with the same Python and libraries). Wall and CPU time and peak
memory are read by wait4; medians are printed, and with --against the ratio.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(checkout: Path, empty: Path, out: Path) -> dict[str, float]:
    """One fresh classify process on the empty folder: wall s, CPU s, peak MiB."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "cli", "classify", str(empty), "--no-cache", "--format", "jsonl",
                                "--out", str(out)], cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        raise SystemExit(f"{checkout}: classify failed (status {status}): {process.stderr.read().decode()[-500:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def commit(checkout: Path) -> str:
    """The checkout's commit (short hash, "+" if it has changes), or its folder's name outside git."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=checkout, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=checkout, capture_output=True, text=True).stdout.strip()
        return head + ("+" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return checkout.name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--against", type=Path, help="another checkout of foi-nlp, run alternately with this one")
    args = parser.parse_args()
    checkouts = {f"this checkout ({commit(ROOT)})": ROOT}
    if args.against:
        checkouts[f"the other ({commit(args.against)})"] = args.against.resolve()
    results: dict[str, list[dict[str, float]]] = {name: [] for name in checkouts}
    with tempfile.TemporaryDirectory() as scratch:
        empty, out = Path(scratch) / "empty", Path(scratch) / "out.jsonl"
        empty.mkdir()
        for name, checkout in checkouts.items():
            run(checkout, empty, out)  # a first run of each fills the page cache; not counted
        for _ in range(args.runs):
            for name, checkout in checkouts.items():
                results[name].append(run(checkout, empty, out))
    print(f"foi-nlp classify on an empty folder, fresh processes, medians of {args.runs} alternating runs")
    medians = {name: {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "rss")} for name, runs in results.items()}
    for name, m in medians.items():
        print(f"  {name:28} wall {m['wall']:5.2f} s   CPU {m['cpu']:5.2f} s   peak {m['rss']:4.0f} MiB")
    if args.against:
        this, other = medians.values()
        print(f"  the other / this checkout: wall {other['wall'] / this['wall']:.2f}x, CPU {other['cpu'] / this['cpu']:.2f}x")


if __name__ == "__main__":
    main()
