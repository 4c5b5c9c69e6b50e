"""Benchmark for issue 7: throughput, memory, parallel speed-up, the doc cache and training time.

    python bench/run.py                       # sizes 1000, 5000, 20000 (long: see bench/README.md)
    python bench/run.py --sizes 1000 --quick  # a few minutes, for development

Synthetic corpora are built on the fly in a temporary folder (never committed) from
the bundled corpus's plain-text, Markdown, HTML and e-mail responses: each synthetic
document is a bundled one whose answers are swapped, by question, with other
documents' answers of the same format, whose body name is replaced by a made-up
place, and whose numbers of 3+ digits (not years) are redrawn. Same seed, same corpus.

Every stage runs in a fresh subprocess (`--stage`), so its peak resident memory is
its own (`ru_maxrss` from wait4); each reports the seconds of its work loop, after
loading, and the loading time separately. Stages per size:

- extract: documents -> records written to JSONL (what `foi-nlp extract` does);
- spacy: bare `nlp.pipe` over the same answer texts, same components and batch size
  as classify (foi_negation excluded: it is ours, and counted in classify);
- classify: documents -> classified JSONL, --jobs 1, no doc cache (the cold cost);
- and, at the smallest size only (they are ratios, not throughputs): classify --jobs 2;
  classify with an empty cache (filling it), then again with a changed model (every
  finding threshold +0.05) reading the warm cache; training time on the bundled corpus.

Timings of the smallest size are repeated (--repeats, medians quoted); larger sizes run once.
"""
from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FORMATS = (".txt", ".md", ".html", ".eml")
GAP = r"(?:\s|<[^>]*>|&nbsp;|=\r?\n)+"  # what may sit between two words of an answer in the raw file
_NUMBER = re.compile(r"(?<![\d.,/])\d{3,}(?![\d/])")
_YEAR = re.compile(r"(19|20)\d\d$")
_PREFIXES = ("Ash", "Bram", "Cold", "Dun", "Elm", "Fen", "Gor", "Hart", "Ire", "Kel", "Lang", "Mar", "Nor", "Oak",
             "Pen", "Quar", "Rook", "Sel", "Thorn", "Ulver", "Wend", "Yar")
_SUFFIXES = ("ford", "mere", "wick", "ton", "by", "moor", "dale", "bridge", "stow", "ham", "field", "combe")


# ---------------------------------------------------------------- synthetic corpus

def _answer_span(raw: str, answer: str) -> tuple[int, int] | None:
    """Where an extracted answer sits in the raw file (first and last four words), if it can be found."""
    words = answer.split()
    if len(words) < 8:
        return None
    head, tail = (GAP.join(map(re.escape, part)) for part in (words[:4], words[-4:]))
    match = re.search(head + r"[\s\S]*?" + tail, raw)
    return match.span() if match else None


def _base_documents() -> tuple[list[dict[str, Any]], dict[tuple[str, str], list[str]]]:
    """The bundled responses with their raw answer spans, and every raw answer by (format, question)."""
    from pipeline.extract import extract_paths

    bases, donors = [], defaultdict(list)
    for path in sorted(CORPUS.glob("*.*")):
        if path.suffix not in FORMATS or path.name.isupper() or path.stem.isupper():
            continue
        raw = path.read_text("utf-8", errors="replace")
        spans = []
        for record in extract_paths([path]):
            span = _answer_span(raw, record.get("answer") or "")
            if span:
                spans.append((span, str(record["q"])))
                donors[(path.suffix, str(record["q"]))].append(raw[span[0] : span[1]])
        stem = re.sub(r"^w\d-\d\d-|^seed-", "", path.stem).split("-")[0]
        bases.append({"name": path.name, "suffix": path.suffix, "raw": raw, "spans": sorted(spans), "place": stem})
    return bases, donors


def _redraw_number(match: re.Match[str], rng: random.Random) -> str:
    digits = match.group()
    if _YEAR.match(digits):
        return digits
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in digits[1:])


def _same_case(word: str, like: str) -> str:
    return word.upper() if like.isupper() else word.lower() if like.islower() else word


def synthetic_document(base: dict[str, Any], donors: dict[tuple[str, str], list[str]], rng: random.Random) -> tuple[str, str]:
    """One varied response (file name, text) made from `base`."""
    raw, pieces, cursor = base["raw"], [], 0
    for (start, end), q in base["spans"]:
        choices = donors[(base["suffix"], q)]
        pieces.append(raw[cursor:start])
        pieces.append(rng.choice(choices) if choices and rng.random() < 0.7 else raw[start:end])
        cursor = end
    text = "".join(pieces) + raw[cursor:]
    place = rng.choice(_PREFIXES) + rng.choice(_SUFFIXES)
    if len(base["place"]) > 3:
        text = re.sub(re.escape(base["place"]), lambda m: _same_case(place, m.group()), text, flags=re.I)
    text = _NUMBER.sub(lambda m: _redraw_number(m, rng), text)
    return f"{place.lower()}-{base['name']}", text


def build_corpus(folder: Path, size: int, seed: int) -> None:
    """`size` synthetic responses in `folder` (flat, one file each)."""
    bases, donors = _base_documents()
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(size):
        rng = random.Random(seed * 1_000_003 + index)
        name, text = synthetic_document(rng.choice(bases), donors, rng)
        (folder / f"{index:05d}-{name}").write_text(text, "utf-8")


# ---------------------------------------------------------------- stages (each in its own process)

def _words(records_file: Path) -> tuple[int, int, list[str]]:
    """Documents, answer words and answer texts of an extract JSONL file."""
    docs, texts = set(), []
    with open(records_file, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            docs.add(record["doc"])
            if "error" not in record:
                texts.append(record["answer"])
    return len(docs), sum(len(t.split()) for t in texts), texts


def _answers(records_file: Path):
    """The answer texts of an extract JSONL file, streamed."""
    with open(records_file, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if "error" not in record:
                yield record["answer"]


def run_stage(args: argparse.Namespace) -> dict[str, Any]:
    """Run one stage in this process; the seconds of its work loop and of loading."""
    from pipeline.output import write_records

    started = time.perf_counter()
    if args.stage == "extract":
        from pipeline.extract import extract_paths

        loaded = time.perf_counter()
        write_records(extract_paths([args.corpus]), args.out, "jsonl")
    elif args.stage == "spacy":
        from pipeline.classify import load_model, nlp_for

        nlp = nlp_for(load_model())
        loaded = time.perf_counter()
        answers = _answers(args.records)
        while batch := list(itertools.islice(answers, args.batch_size)):
            with nlp.memory_zone():  # one zone per batch, as classify: strings freed, memory flat
                for _ in nlp.pipe(batch, batch_size=args.batch_size, disable=["foi_negation"]):
                    pass
    elif args.stage == "classify":
        from pipeline.classify import classify_paths, load_model, nlp_for

        model = load_model()
        if args.shift_thresholds:  # a changed model: same features, other decisions
            model.thresholds = {label: min(1.0, t + args.shift_thresholds) for label, t in model.thresholds.items()}
        nlp_for(model)  # loaded here, not inside the timed loop
        loaded = time.perf_counter()
        records = classify_paths([args.corpus], model=model, jobs=args.jobs, batch_size=args.batch_size,
                                 cache_dir=args.cache)
        write_records(records, args.out, "jsonl")
    elif args.stage == "train":
        from pipeline.train import train_model

        loaded = time.perf_counter()
        train_model([CORPUS / "labels.jsonl"], [CORPUS], cv=args.cv)
    else:
        raise SystemExit(f"unknown stage {args.stage}")
    done = time.perf_counter()
    return {"seconds": done - loaded, "load": loaded - started}


def measure(stage: str, *options: str) -> dict[str, Any]:
    """Run a stage in a fresh subprocess: its timings, and its peak RSS (MiB)."""
    command = [sys.executable, __file__, "--stage", stage, *options]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"stage {stage} failed: {' '.join(command)}")
    result = json.loads(output.strip().splitlines()[-1])
    result["rss_mib"] = usage.ru_maxrss / 1024
    result["cpu"] = usage.ru_utime + usage.ru_stime  # all its processes' CPU, loading included
    return result


# ---------------------------------------------------------------- the table

def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024**2
    except OSError:
        memory = 0.0
    return f"{os.cpu_count()} cores, {memory:.0f} GiB, {cpu}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000,20000", help="Corpus sizes in documents, comma-separated.")
    parser.add_argument("--repeats", type=int, default=3, help="Runs of each timing at the smallest size (median quoted).")
    parser.add_argument("--quick", action="store_true", help="One run of everything, no training with CV.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--work", type=Path, help="Folder for corpora and outputs (default: a temporary one, removed).")
    # Used by the subprocesses.
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--records", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--shift-thresholds", type=float, default=0.0, help=argparse.SUPPRESS)
    parser.add_argument("--cv", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(run_stage(args)))
        return
    if args.work:
        bench(args, args.work)
    else:
        with tempfile.TemporaryDirectory(prefix="foi-nlp-bench-") as work:
            bench(args, Path(work))


def bench(args: argparse.Namespace, work: Path) -> None:
    sizes = sorted(int(s) for s in args.sizes.split(","))
    repeats = 1 if args.quick else args.repeats
    batch = ["--batch-size", str(args.batch_size)]
    print(f"foi-nlp benchmark, {datetime.datetime.now():%Y-%m-%d %H:%M}, {machine()}", flush=True)
    rows, extras = [], {}
    for number, size in enumerate(sizes):
        corpus, records = work / f"corpus-{size}", work / f"extract-{size}.jsonl"
        t = time.perf_counter()
        build_corpus(corpus, size, args.seed)
        print(f"  built {size} documents in {time.perf_counter() - t:.0f}s; measuring...", flush=True)
        n = repeats if number == 0 else 1
        out = ["--out", str(work / "out.jsonl")]
        extract = [measure("extract", "--corpus", str(corpus), "--out", str(records)) for _ in range(n)]
        docs, words, _ = _words(records)
        spacy_runs = [measure("spacy", "--records", str(records), *batch) for _ in range(n)]
        classify = [measure("classify", "--corpus", str(corpus), *out, *batch) for _ in range(n)]
        rows.append({"size": size, "docs": docs, "words": words, "extract": extract, "spacy": spacy_runs, "classify": classify})
        if number == 0:
            extras["jobs2"] = [measure("classify", "--corpus", str(corpus), *out, *batch, "--jobs", "2") for _ in range(n)]
            cold, warm = [], []
            for attempt in range(n):
                cache = ["--cache", str(work / f"cache-{attempt}")]
                cold.append(measure("classify", "--corpus", str(corpus), *out, *batch, *cache))
                warm.append(measure("classify", "--corpus", str(corpus), *out, *batch, *cache, "--shift-thresholds", "0.05"))
            extras.update(cold=cold, warm=warm, size=size)
            extras["train"] = [measure("train") for _ in range(n)]
            if not args.quick:
                extras["train_cv"] = [measure("train", "--cv")]
        print_table(rows, extras)
        if number == 0 and len(sizes) > 1:
            per_doc = sum(_median(rows[0][s], "seconds") + _median(rows[0][s], "load") for s in ("extract", "spacy", "classify")) / docs
            print(f"  remaining sizes: about {per_doc * sum(sizes[1:]) / 60:.0f} minutes at this speed", flush=True)


def print_table(rows: list[dict[str, Any]], extras: dict[str, Any]) -> None:
    """The figures so far (printed after every size, so a long run shows its progress)."""
    print()
    print(f"{'docs':>6} {'words':>9} | {'extract docs/s':>14} {'words/s':>8} | {'spaCy docs/s':>12} {'words/s':>8} | "
          f"{'classify docs/s':>15} {'words/s':>8} | {'classify/spaCy':>14} | {'peak MiB ext/spaCy/cls':>22}")
    for row in rows:
        figures = []
        for stage in ("extract", "spacy", "classify"):
            seconds = _median(row[stage], "seconds")
            figures.append((row["docs"] / seconds, row["words"] / seconds))
        rss = "/".join(f"{_median(row[s], 'rss_mib'):.0f}" for s in ("extract", "spacy", "classify"))
        print(f"{row['docs']:>6} {row['words']:>9} | {figures[0][0]:>14.1f} {figures[0][1]:>8.0f} | "
              f"{figures[1][0]:>12.1f} {figures[1][1]:>8.0f} | {figures[2][0]:>15.1f} {figures[2][1]:>8.0f} | "
              f"{figures[2][1] / figures[1][1]:>14.2f} | {rss:>22}")
    first = rows[0]
    one = _median(first["classify"], "seconds")
    spacy_s, extract_s = _median(first["spacy"], "seconds"), _median(first["extract"], "seconds")
    print(f"\nAt {first['docs']} documents (medians of {len(first['classify'])} runs; seconds exclude loading):")
    print(f"  classify {one:.1f}s = extract {extract_s:.1f}s + the rest {one - extract_s:.1f}s; bare spaCy {spacy_s:.1f}s; "
          f"classify without extraction / spaCy = {spacy_s / max(one - extract_s, 1e-9):.2f} (target for end to end: >= 0.80)")
    if len(rows) > 1:
        last = rows[-1]
        ratio = _median(last["classify"], "rss_mib") / _median(first["classify"], "rss_mib")
        print(f"  classify peak memory {last['docs']} vs {first['docs']} documents: {ratio:.2f}x (target <= 1.10)")
    if "jobs2" in extras:
        two = _median(extras["jobs2"], "seconds")
        cpu_one, cpu_two = _median(first["classify"], "cpu"), _median(extras["jobs2"], "cpu")
        print(f"  (measured at the smallest size only, {first['docs']} documents:)")
        print(f"  --jobs 2: {two:.1f}s vs --jobs 1: {one:.1f}s -> {one / two:.2f}x (target >= 1.6); "
              f"CPU {cpu_two:.0f}s vs {cpu_one:.0f}s (parallel overhead {cpu_two / cpu_one - 1:+.0%}); "
              f"peak MiB per process {_median(extras['jobs2'], 'rss_mib'):.0f}")
        cold, warm = _median(extras["cold"], "seconds"), _median(extras["warm"], "seconds")
        print(f"  doc cache: first run (empty cache) {cold:.1f}s, re-run with a changed model {warm:.1f}s -> "
              f"{cold / warm:.2f}x (target >= 5)")
        train = extras["train"]
        print(f"  training on the bundled corpus: {_median(train, 'seconds'):.1f}s without CV (+{_median(train, 'load'):.1f}s "
              f"imports)" + (f", {_median(extras['train_cv'], 'seconds'):.1f}s with 5-fold CV (the CLI default)"
                             if "train_cv" in extras else "") + " (target < 60s)")
    print(flush=True)


if __name__ == "__main__":
    main()
