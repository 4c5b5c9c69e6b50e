"""The classify stage: extract records in, the same records with labels out, streaming.

Records are taken in batches (spaCy tags each batch through one `nlp.pipe`, the
model predicts the batch at once), so memory stays flat however many documents
there are. Error records pass through unchanged. With `jobs` > 1, batches are
classified in worker processes (each loads the spaCy pipeline once) while the
main process extracts; output order is always input order.

Each classified record gains: outcome, outcome_confidence, findings,
finding_scores (every label of the scheme), needs_review and evidence
({label: the answer's sentence that weighs most for it}).
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language

from .extract import extract_paths
from .model import FoiModel
from .nlp import BATCH_SIZE, load_nlp, tag_records
from .request import Request

REVIEW_BELOW = 0.6


def nlp_for(model: FoiModel) -> Language:
    """The spaCy pipeline with the components the model's features were trained on."""
    components = (model.meta.get("spacy_pipeline") or {}).get("components")
    return load_nlp(tuple(components)) if components else load_nlp()


def needs_review(outcome_confidence: float, finding_scores: dict[str, float], findings: Sequence[str], review_below: float) -> bool:
    """Unsure: the outcome, or a finding that was predicted, has a probability below `review_below`."""
    return outcome_confidence < review_below or any(finding_scores[f] < review_below for f in findings)


def classify_batch(records: Sequence[dict[str, Any]], *, model: FoiModel, nlp: Language,
                   review_below: float = REVIEW_BELOW) -> list[dict[str, Any]]:
    """Classify one batch of records (error records are returned as they are)."""
    answers = [r for r in records if "error" not in r]
    tagged = tag_records(answers, nlp, batch_size=max(len(answers), 1))
    predictions = model.predict(tagged)
    evidence = model.evidence(tagged, [[p.outcome, *p.findings] for p in predictions])
    results = iter(zip(predictions, evidence))
    out = []
    for record in records:
        if "error" in record:
            out.append(record)
            continue
        prediction, reasons = next(results)
        out.append({
            **record,
            "outcome": prediction.outcome,
            "outcome_confidence": prediction.outcome_confidence,
            "findings": prediction.findings,
            "finding_scores": prediction.finding_scores,
            "needs_review": needs_review(prediction.outcome_confidence, prediction.finding_scores, prediction.findings, review_below),
            "evidence": reasons,
        })
    return out


def _batches(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch


def classify_records(records: Iterable[dict[str, Any]], *, model: FoiModel, batch_size: int = BATCH_SIZE,
                     review_below: float = REVIEW_BELOW, nlp: Language | None = None) -> Iterator[dict[str, Any]]:
    """Classified records, in order, one batch at a time."""
    nlp = nlp or nlp_for(model)
    for batch in _batches(records, batch_size):
        yield from classify_batch(batch, model=model, nlp=nlp, review_below=review_below)


_worker: dict[str, Any] = {}


def _start_worker(model: FoiModel, review_below: float) -> None:
    _worker.update(model=model, nlp=nlp_for(model), review_below=review_below)


def _work(batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return classify_batch(batch, model=_worker["model"], nlp=_worker["nlp"], review_below=_worker["review_below"])


def _classify_parallel(records: Iterable[dict[str, Any]], *, model: FoiModel, jobs: int, batch_size: int,
                       review_below: float) -> Iterator[dict[str, Any]]:
    """Batches classified by `jobs` worker processes, at most 2 x jobs batches in flight."""
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(model, review_below)) as pool:
        pending: deque[Future[list[dict[str, Any]]]] = deque()
        for batch in _batches(records, batch_size):
            pending.append(pool.submit(_work, batch))
            if len(pending) >= 2 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def classify_paths(paths: Iterable[str | Path], *, model: FoiModel, request: Request | None = None, jobs: int = 1,
                   batch_size: int = BATCH_SIZE, review_below: float = REVIEW_BELOW) -> Iterator[dict[str, Any]]:
    """Extract and classify every response under `paths`, streaming records in order."""
    records = extract_paths(paths, request=request)
    if jobs > 1:
        yield from _classify_parallel(records, model=model, jobs=jobs, batch_size=batch_size, review_below=review_below)
    else:
        yield from classify_records(records, model=model, batch_size=batch_size, review_below=review_below)
