"""Documents (or extract records) in, the same records with labels out, streaming: the classify stage's entry point.

Nothing holds the corpus: documents are read one at a time, their records taken in
batches (spaCy tags a batch through one `nlp.pipe`, the model predicts it at once),
and each batch's records are yielded before the next is read. Each batch is tagged
inside an `nlp.memory_zone()`, so the strings spaCy meets (every new number and
name) are freed with the batch and memory stays flat however many documents pass;
the words that repeat across the first batches are first made permanent entries of
the tokenizer's cache, which caches nothing inside a zone (tag/warmup.py).

With `jobs` > 1, chunks of units of reading (a file, a body's folder, a zip) go to
worker processes, which read, extract, tag and classify them, as a Dask cluster's
workers do (cluster.py); the main process only lists folders, admits each document's
stub and writes the records in input order. Workers are forked after the model and
spaCy are loaded, so they start at once and share those pages.

With a cache folder (pipeline.tag.doccache), five things are reused by content, each
keyed by sha256 of what it depends on: what a file (or a body's folder, a zip) read to,
by its bytes, and a document's extract records, by its whole content (recordcache.py:
both also keyed by the request, the package version and the source of the shared
modules and of the read and extract stages), each text's `Tokens` (what the features
read: the text, the spaCy pipeline, tag/nlp.py's source) and, beneath them, the tagged
spaCy docs, and what the features read of each answer and its sentences (inputcache.py:
its terms, cues and definition overlaps). A re-run with another model hashes the files'
bytes and runs only the model's weights: no parsing, no extraction, no spaCy, no Doc,
no cue computed again.

Each classified record gains: outcome, outcome_confidence, findings,
finding_scores (every label of the scheme), needs_review, evidence
({label: the answer's sentence that weighs most for it}) and the answer's value
(value, value_kind, value_detail, value_confidence: values.py), read from the same
Tokens in the same batch, so spaCy runs once per answer. Error records pass
through unchanged.
"""
from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from spacy.language import Language
from threadpoolctl import threadpool_limits

from ..collector import pace_for_batch
from ..documents import Document
from ..extract import AWAITING, CHECK, Request
from ..read import Pending, iter_pending
from ..tag import BATCH_SIZE, Tagger, load_nlp, tag_records_tokens
from .inputcache import InputCache
from .model import FoiModel, Prediction, answer_blocks
from .recordcache import Found, RecordCache, chunks, extract_cached, read_cached, record_cache, stub
from .values import answer_value, load_weights, owner_words

# An answer is marked needs_review when extraction flagged it `check_answer` (its words score low as an answer's:
# extract/pairing.py), its outcome is less probable than REVIEW_BELOW, or a finding it was given
# less probable than FINDING_REVIEW_BELOW (or REVIEW_BELOW, if lower): a finding is given from its own tuned
# threshold, often under one half, so its bar is lower. On real replies, body held out (`foi-nlp evaluate ... --cv`),
# the model is sure of most of its mistakes: an outcome bar of 0.6 marks 5% of the answers and 7 of the 41
# wrong outcomes, 0.9 about a fifth of the answers and 26 of the 41.
REVIEW_BELOW = 0.9
FINDING_REVIEW_BELOW = 0.6
# Units of reading (a file, a body's folder, a zip) per task sent to a worker process: enough answers
# to fill a spaCy batch, few enough to keep both cores busy.
CHUNK_UNITS = 16

Record = dict[str, Any]


def nlp_for(model: FoiModel) -> Language:
    """The spaCy pipeline with the components the model's features were trained on."""
    components = (model.meta.get("spacy_pipeline") or {}).get("components")
    return load_nlp(tuple(components)) if components else load_nlp()


def needs_review(outcome_confidence: float, finding_scores: dict[str, float], findings: Sequence[str],
                 review_below: float = REVIEW_BELOW, flags: Collection[str] = ()) -> bool:
    """Unsure: the answer is flagged `check_answer` (it may be no answer, so neither may its labels), the
    outcome has a probability below `review_below`, or a finding given one below FINDING_REVIEW_BELOW (or
    `review_below`, if lower: 0 marks only the flagged answers, 1 everything)."""
    return CHECK in flags or outcome_confidence < review_below or \
        any(finding_scores[f] < min(review_below, FINDING_REVIEW_BELOW) for f in findings)


def _waiting(prediction: Prediction) -> Prediction:
    """An answer of a request still waiting (extraction's AWAITING: the body has only acknowledged it, said it
    is late or asked what was meant) is `other`, with no findings, whatever its words score: the model reads an
    acknowledgement's "you will receive a response within 20 working days" as a reply given."""
    return Prediction("other", 1.0, [], prediction.finding_scores)


def classify_batch(records: Sequence[Record], *, model: FoiModel, nlp: Language | Tagger,
                   review_below: float = REVIEW_BELOW, inputs: InputCache | None = None) -> list[Record]:
    """Classify one batch of records (error records are returned as they are); `inputs`: the cache of
    the features' inputs, if the run has a cache folder."""
    tagger = nlp if isinstance(nlp, Tagger) else Tagger(nlp)
    answers = [r for r in records if "error" not in r]
    weights = load_weights()
    with tagger.zone(text for r in answers for text in (r.get("answer") or "", r.get("question") or "")):
        tagged = tag_records_tokens(answers, tagger)
        answer_inputs, sentence_inputs = inputs.inputs(tagged) if inputs is not None else (None, None)
        predictions = [_waiting(p) if AWAITING in (r.get("flags") or ()) else p
                       for p, r in zip(model.predict(tagged, answer_inputs, answer_blocks(answers)), answers)]
        evidence = model.evidence(tagged, [[p.outcome, *p.findings] for p in predictions], sentence_inputs)
        values = [answer_value(t.tokens, t.question_tokens, weights, outcome=p.outcome, exemptions=tuple(t.exemptions),
                               owner=owner_words(r.get("responder") or r.get("body")), q=str(r.get("q") or ""))
                  for t, p, r in zip(tagged, predictions, answers)]
    results = iter(zip(predictions, evidence, values))
    out = []
    for record in records:
        if "error" in record:
            out.append(record)
            continue
        prediction, reasons, value = next(results)
        out.append({
            **record,
            "outcome": prediction.outcome,
            "outcome_confidence": prediction.outcome_confidence,
            "findings": prediction.findings,
            "finding_scores": prediction.finding_scores,
            "needs_review": needs_review(prediction.outcome_confidence, prediction.finding_scores, prediction.findings,
                                         review_below, record.get("flags") or ()),
            "evidence": reasons,
            **value.to_record(),
        })
    return out


def classify_records(records: Iterable[Record], *, model: FoiModel, batch_size: int = BATCH_SIZE,
                     review_below: float = REVIEW_BELOW, nlp: Language | Tagger | None = None,
                     cache_dir: str | Path | None = None) -> Iterator[Record]:
    """Classified records, in order, one batch of `batch_size` records at a time."""
    tagger = nlp if isinstance(nlp, Tagger) else Tagger(nlp or nlp_for(model), cache_dir=cache_dir, batch_size=batch_size)
    inputs = InputCache(tagger.cache.folder, tagger.token_salt, model) if tagger.cache is not None and tagger.token_salt else None
    for batch in chunks(records, batch_size):
        yield from classify_batch(batch, model=model, nlp=tagger, review_below=review_below, inputs=inputs)


# ---------------------------------------------------------------- a worker's share

Entry = tuple[Document | Record, list[Record]]  # a document read (a stub of it) and its records


def classify_read(read: Sequence[Document | Record | Found], *, model: FoiModel, tagger: Tagger, records: RecordCache | None,
                  request: Request | None, batch_size: int, review_below: float, skip: Collection[str] = ()) -> list[Entry]:
    """Extract and classify documents a worker has read (`read_cached` over its units of reading):
    each document's stub, for the run's `admit` in the main process, with its records, in order.

    Workers read where the files are, so the main process only lists folders and writes; documents
    in `skip` (--resume) are read, for their stubs, but not extracted. `records` is the record cache.
    """
    stubs = [stub(d) for d in read]
    names = [s.doc if isinstance(s, Document) else s["doc"] for s in stubs]
    wanted = [d for d, name in zip(read, names) if name not in skip]
    extracted = extract_cached(wanted, request=request, cache=records, segmenter=model.segmenter)
    classified = iter(list(classify_records(extracted, model=model, nlp=tagger, batch_size=batch_size,
                                            review_below=review_below)))
    entries: list[Entry] = []
    upcoming = next(classified, None)
    for document, name in zip(stubs, names):
        own: list[Record] = []
        if name not in skip:
            while upcoming is not None and upcoming["doc"] == name:
                own.append(upcoming)
                upcoming = next(classified, None)
        entries.append((document, own))
    return entries


def admitted(entries: Iterable[Entry], admit: Callable[[Document | Record], bool] | None) -> Iterator[Record]:
    """The records of the entries whose stub the run admits (in the main process, in input order)."""
    for document, records in entries:
        if admit is None or admit(document):
            yield from records


# ---------------------------------------------------------------- worker processes

_worker: dict[str, Any] = {}


def _start_worker(model: FoiModel, tagger: Tagger, request: Request | None, batch_size: int, review_below: float,
                  skip: frozenset[str]) -> None:
    # One BLAS/OpenMP thread per worker: the workers themselves fill the cores.
    threadpool_limits(1)
    pace_for_batch()  # the worker lives for the run: the collector at a batch's pace, as in the main process
    _worker.update(model=model, tagger=tagger, request=request, batch_size=batch_size, review_below=review_below, skip=skip,
                   records=record_cache(tagger.cache.folder if tagger.cache else None, request, model.segmenter))


def _work(units: list[Pending | Record]) -> list[Entry]:
    """Read, extract and classify one chunk of units of reading (in a worker)."""
    read = list(read_cached(units, _worker["records"]))
    return classify_read(read, model=_worker["model"], tagger=_worker["tagger"], records=_worker["records"],
                         request=_worker["request"], batch_size=_worker["batch_size"],
                         review_below=_worker["review_below"], skip=_worker["skip"])


def _pool_context() -> multiprocessing.context.BaseContext:
    """Fork where it is safe (Linux): workers inherit the loaded model and pipeline instead of loading their own."""
    return multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")


def _classify_parallel(units: Iterable[Pending | Record], *, model: FoiModel, tagger: Tagger, request: Request | None,
                       jobs: int, batch_size: int, review_below: float,
                       admit: Callable[[Document | Record], bool] | None, skip: Collection[str]) -> Iterator[Record]:
    """Chunks of units of reading read, extracted and classified by `jobs` workers, at most 2 x jobs
    chunks in flight, their records yielded in input order."""
    initargs = (model, tagger, request, batch_size, review_below, frozenset(skip))
    with ProcessPoolExecutor(jobs, mp_context=_pool_context(), initializer=_start_worker, initargs=initargs) as pool:
        pending: deque[Future[list[Entry]]] = deque()
        for chunk in chunks(units, CHUNK_UNITS):
            pending.append(pool.submit(_work, chunk))
            if len(pending) >= 2 * jobs:
                yield from admitted(pending.popleft().result(), admit)
        while pending:
            yield from admitted(pending.popleft().result(), admit)


def classify_documents(documents: Iterable[Document | Record | Found], *, model: FoiModel, request: Request | None = None,
                       batch_size: int = BATCH_SIZE, review_below: float = REVIEW_BELOW,
                       cache_dir: str | Path | None = None) -> Iterator[Record]:
    """Extract and classify read documents in this process (error records pass through, a `Found`'s
    records skip extraction), streaming records in input order.

    `cache_dir` is a doc cache folder (pipeline.tag.doccache), or None for no cache.
    """
    tagger = Tagger(nlp_for(model), cache_dir=cache_dir, batch_size=batch_size)
    records = extract_cached(documents, request=request, cache=record_cache(cache_dir, request, model.segmenter),
                             segmenter=model.segmenter)
    yield from classify_records(records, model=model, nlp=tagger, batch_size=batch_size, review_below=review_below)


def classify_paths(paths: Iterable[str | Path], *, model: FoiModel | None = None, request: Request | None = None,
                   jobs: int = 1, batch_size: int = BATCH_SIZE, review_below: float = REVIEW_BELOW,
                   cache_dir: str | Path | None = None, max_bytes: int | None = None,
                   admit: Callable[[Document | Record], bool] | None = None,
                   cluster: Any = None, skip: Collection[str] = ()) -> Iterator[Record]:
    """Read, extract and classify every response under `paths` (the shipped model by default).

    `max_bytes` and `admit` are as in `extract_paths`: a per-file size cap, and a filter
    that sees each read document (a stub of it: name, format, attachments' errors) in the
    main process. With `jobs` > 1 worker processes, or `cluster` (a Dask client: cluster.py's
    `connect_scheduler`), the documents are read where the workers are, `skip` naming those
    they need not extract (--resume).
    """
    if model is None:
        from .modelstore import load_model

        model = load_model()
    paths = [Path(p) for p in paths]
    if cluster is not None:
        if jobs > 1:
            raise ValueError("--jobs and a cluster do not mix: the cluster's workers are the jobs")
        from .cluster import classify_on_cluster

        yield from classify_on_cluster(iter_pending(paths, max_bytes=max_bytes), client=cluster, paths=paths, model=model,
                                       request=request, batch_size=batch_size, review_below=review_below,
                                       cache_dir=cache_dir, admit=admit, skip=skip)
        return
    if jobs > 1:
        tagger = Tagger(nlp_for(model), cache_dir=cache_dir, batch_size=batch_size)
        yield from _classify_parallel(iter_pending(paths, max_bytes=max_bytes), model=model, tagger=tagger, request=request,
                                      jobs=jobs, batch_size=batch_size, review_below=review_below, admit=admit, skip=skip)
        return
    documents = read_cached(iter_pending(paths, max_bytes=max_bytes), record_cache(cache_dir, request, model.segmenter))
    if admit is not None:
        documents = (d for d in documents if admit(d.stub if isinstance(d, Found) else d))
    yield from classify_documents(documents, model=model, request=request, batch_size=batch_size,
                                  review_below=review_below, cache_dir=cache_dir)
