"""Whether a long run's cost per answer drifts: CPU and peak memory per block of answers, in one process.

    python bench/drift.py                      # 8,000 synthetic documents, blocks of 2,000 answers
    python bench/drift.py --docs 20000 --every 5000

bench/run.py times whole processes, so a cost that grows with a run's length shows only as a
lower ratio at 20,000 documents than at 1,000. This looks inside one run: it builds the same
synthetic corpus (bench/run.py's `build_corpus`, same seed), extracts its answers, then in two
fresh processes prints, after every `--every` answers, the CPU seconds the block took and the
process's peak resident memory so far:

- spaCy: the benchmark's reference (the stock pipeline with the model's components, batches of
  64 answers, one memory zone per batch) over the answer texts;
- classify: `foi-nlp classify CORPUS --no-cache --format jsonl --out FILE`, counted where each
  batch of records is classified (`classify_batch`), so its blocks include reading and extracting.

Blocks of a flat run stay within the machine's noise (a few per cent); the first block of classify
carries the process start and loading.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import answers_file, build_corpus, model_components, reference_batches, reference_nlp  # noqa: E402


class Blocks:
    """Prints the CPU time and peak memory of every `every` answers counted."""

    def __init__(self, every: int) -> None:
        self.every, self.count, self.mark, self.last = every, 0, every, time.process_time()

    def add(self, n: int) -> None:
        self.count += n
        if self.count >= self.mark:
            now = time.process_time()
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            print(f"  {self.count:7d} answers: {now - self.last:6.2f} s CPU, peak {peak} MiB", flush=True)
            self.last, self.mark = now, self.mark + self.every


def spacy_stage(answers: Path, every: int) -> None:
    nlp, disable = reference_nlp(model_components())
    blocks = Blocks(every)
    for size in reference_batches(nlp, disable, answers, 64):
        blocks.add(size)


def classify_stage(corpus: Path, out: Path, every: int) -> None:
    import pipeline.classify.predict as predict

    blocks, classify_batch = Blocks(every), predict.classify_batch

    def counted(records, **options):  # type: ignore[no-untyped-def]
        classified = classify_batch(records, **options)
        blocks.add(len(records))
        return classified

    predict.classify_batch = counted
    from cli import app

    app(["classify", str(corpus), "--no-cache", "--format", "jsonl", "--out", str(out)], standalone_mode=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=8000, help="Synthetic documents to build.")
    parser.add_argument("--every", type=int, default=2000, help="Answers per block.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage == "spacy":
        spacy_stage(args.path, args.every)
        return
    if args.stage == "classify":
        classify_stage(args.path, args.out, args.every)
        return
    with tempfile.TemporaryDirectory(prefix="foi-nlp-drift-") as work:
        corpus, records, answers = Path(work) / "corpus", Path(work) / "extract.jsonl", Path(work) / "answers.jsonl"
        build_corpus(corpus, args.docs, args.seed)
        subprocess.run([sys.executable, str(Path(__file__).resolve().parent.parent / "cli.py"), "extract", str(corpus),
                        "--out", str(records)], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        documents, _ = answers_file(records, answers)
        print(f"{documents} documents; CPU seconds and peak memory per {args.every} answers, one process each", flush=True)
        for stage, path in (("spacy", answers), ("classify", corpus)):
            print(f"{stage}:", flush=True)
            subprocess.run([sys.executable, __file__, "--stage", stage, "--path", str(path), "--every", str(args.every),
                            "--out", str(Path(work) / "out.jsonl")], check=True, stderr=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
