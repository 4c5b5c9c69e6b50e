"""Documents (or extract records) in, the same records with labels out, streaming: the classify stage's entry point.

Nothing holds the corpus: documents are read one at a time, their records taken in
batches (spaCy tags a batch through one `nlp.pipe`, the model predicts it at once),
and each batch's records are yielded before the next is read. Each batch is tagged
inside an `nlp.memory_zone()`, so the strings spaCy meets (every new number and
name) are freed with the batch and memory stays flat however many documents pass.

With `jobs` > 1, chunks of documents go to worker processes, which extract, tag
and classify them; the main process only reads files and hands results back in
input order. Workers are forked after the model and spaCy are loaded, so they
start at once and share those pages.

With a cache folder (pipeline.tag.doccache), four things are reused by content, each
keyed by sha256 of what it depends on: what a file (or a body's folder, a zip) read to,
by its bytes, and a document's extract records, by its whole content (recordcache.py:
both also keyed by the request, the package version and the source of the shared
modules and of the read and extract stages), each text's `Tokens` (what the features
read: the text, the spaCy pipeline, tag/nlp.py's source) and, beneath them, the tagged
spaCy docs. A re-run with another model hashes the files' bytes and runs only the
model: no parsing, no extraction, no spaCy, no Doc at all.

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

from ..documents import Document
from ..extract import Request
from ..read import iter_pending
from ..tag import BATCH_SIZE, Tagger, load_nlp, tag_records_tokens
from .model import FoiModel
from .recordcache import Found, chunks, extract_cached, read_cached, record_cache
from .values import answer_value, load_weights, owner_words

REVIEW_BELOW = 0.6
# Documents per task sent to a worker: enough answers to fill a spaCy batch, few enough to keep both cores busy.
CHUNK_DOCUMENTS = 16

Record = dict[str, Any]


def nlp_for(model: FoiModel) -> Language:
    """The spaCy pipeline with the components the model's features were trained on."""
    components = (model.meta.get("spacy_pipeline") or {}).get("components")
    return load_nlp(tuple(components)) if components else load_nlp()


def needs_review(outcome_confidence: float, finding_scores: dict[str, float], findings: Sequence[str], review_below: float) -> bool:
    """Unsure: the outcome, or a finding that was predicted, has a probability below `review_below`."""
    return outcome_confidence < review_below or any(finding_scores[f] < review_below for f in findings)


def classify_batch(records: Sequence[Record], *, model: FoiModel, nlp: Language | Tagger,
                   review_below: float = REVIEW_BELOW) -> list[Record]:
    """Classify one batch of records (error records are returned as they are)."""
    tagger = nlp if isinstance(nlp, Tagger) else Tagger(nlp)
    answers = [r for r in records if "error" not in r]
    weights = load_weights()
    with tagger.nlp.memory_zone():  # the batch's docs and new strings are freed on leaving
        tagged = tag_records_tokens(answers, tagger)
        predictions = model.predict(tagged)
        evidence = model.evidence(tagged, [[p.outcome, *p.findings] for p in predictions])
        values = [answer_value(t.tokens, t.question_tokens, weights, outcome=p.outcome, exemptions=tuple(t.exemptions),
                               owner=owner_words(r.get("responder") or r.get("body")))
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
            "needs_review": needs_review(prediction.outcome_confidence, prediction.finding_scores, prediction.findings, review_below),
            "evidence": reasons,
            **value.to_record(),
        })
    return out


def classify_records(records: Iterable[Record], *, model: FoiModel, batch_size: int = BATCH_SIZE,
                     review_below: float = REVIEW_BELOW, nlp: Language | Tagger | None = None,
                     cache_dir: str | Path | None = None) -> Iterator[Record]:
    """Classified records, in order, one batch of `batch_size` records at a time."""
    tagger = nlp if isinstance(nlp, Tagger) else Tagger(nlp or nlp_for(model), cache_dir=cache_dir, batch_size=batch_size)
    for batch in chunks(records, batch_size):
        yield from classify_batch(batch, model=model, nlp=tagger, review_below=review_below)


# ---------------------------------------------------------------- worker processes

_worker: dict[str, Any] = {}


def _start_worker(model: FoiModel, tagger: Tagger, request: Request | None, batch_size: int, review_below: float) -> None:
    # One BLAS/OpenMP thread per worker: the workers themselves fill the cores.
    threadpool_limits(1)
    _worker.update(model=model, tagger=tagger, request=request, batch_size=batch_size, review_below=review_below,
                   records=record_cache(tagger.cache.folder if tagger.cache else None, request, model.segmenter))


def _work(documents: list[Document | Record | Found]) -> list[Record]:
    """Extract and classify one chunk of documents (in a worker)."""
    records = extract_cached(documents, request=_worker["request"], cache=_worker["records"],
                             segmenter=_worker["model"].segmenter)
    return list(classify_records(records, model=_worker["model"], nlp=_worker["tagger"],
                                 batch_size=_worker["batch_size"], review_below=_worker["review_below"]))


def _pool_context() -> multiprocessing.context.BaseContext:
    """Fork where it is safe (Linux): workers inherit the loaded model and pipeline instead of loading their own."""
    return multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")


def _classify_parallel(documents: Iterable[Document | Record | Found], *, model: FoiModel, tagger: Tagger, request: Request | None,
                       jobs: int, batch_size: int, review_below: float) -> Iterator[Record]:
    """Chunks of documents classified by `jobs` workers, at most 2 x jobs chunks in flight, in input order."""
    initargs = (model, tagger, request, batch_size, review_below)
    with ProcessPoolExecutor(jobs, mp_context=_pool_context(), initializer=_start_worker, initargs=initargs) as pool:
        pending: deque[Future[list[Record]]] = deque()
        for chunk in chunks(documents, CHUNK_DOCUMENTS):
            pending.append(pool.submit(_work, chunk))
            if len(pending) >= 2 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def classify_documents(documents: Iterable[Document | Record | Found], *, model: FoiModel, request: Request | None = None,
                       jobs: int = 1, batch_size: int = BATCH_SIZE, review_below: float = REVIEW_BELOW,
                       cache_dir: str | Path | None = None) -> Iterator[Record]:
    """Extract and classify read documents (error records pass through, a `Found`'s records skip
    extraction), streaming records in input order.

    `cache_dir` is a doc cache folder (pipeline.tag.doccache), or None for no cache.
    """
    tagger = Tagger(nlp_for(model), cache_dir=cache_dir, batch_size=batch_size)
    if jobs > 1:
        yield from _classify_parallel(documents, model=model, tagger=tagger, request=request, jobs=jobs,
                                      batch_size=batch_size, review_below=review_below)
    else:
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
    that sees each read document before it is extracted (here, in the main process).
    `cluster` is a Dask client (cluster.py's `connect_scheduler`): the documents are read and
    classified on its workers instead, `skip` naming documents they need not extract (--resume).
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
    documents = read_cached(iter_pending(paths, max_bytes=max_bytes), record_cache(cache_dir, request, model.segmenter))
    if admit is not None:
        documents = (d for d in documents if admit(d.stub if isinstance(d, Found) else d))
    yield from classify_documents(documents, model=model, request=request, jobs=jobs, batch_size=batch_size,
                                  review_below=review_below, cache_dir=cache_dir)
