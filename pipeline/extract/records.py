"""Documents in, one record per answer out (the JSONL contract): the extract stage's entry point.

Record keys, in order: doc, body (the folder of a folder-per-body round, else null), responder, reference, date, act, q, question, answer,
exemptions, facts, flags. A document that cannot be processed gives one record
{"doc": ..., "error": reason} instead, and the run carries on.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..documents import Document, error_record
from ..read import DATA_FORMATS, Limits, iter_documents
from .citations import exemptions
from .cleaning import clean
from .facts import find_facts
from .metadata import find_metadata
from .request import Request
from .segment import Segmenter, split_reply

log = logging.getLogger(__name__)


def _data_alone(document: Document) -> str:
    """Why a response that is a data file alone gives no answers: its sheets are described, not read."""
    sheets = [sheet for attachment in document.attachments for sheet in attachment.sheets]
    shape = "; ".join(f"sheet '{s.name}': {s.rows} rows, {s.columns} columns" for s in sheets[:3]) or "no table found"
    return (f"a data file alone, no letter ({shape}): answers are read from a reply's letter, and data files only "
            "described beside it")


def extract_document(document: Document, *, request: Request | None = None,
                     segmenter: Segmenter | None = None) -> list[dict[str, Any]]:
    """All answer records of one read document (split by `segmenter`, else by the hand rules)."""
    text = clean(document.text, document.fmt)
    meta = find_metadata(document, text)
    records = []
    for seg in split_reply(text, request, segmenter):
        records.append(
            {
                "doc": document.doc,
                "body": document.body,
                "responder": meta.responder,
                "reference": meta.reference,
                "date": meta.date,
                "act": meta.act,
                "q": seg.q,
                "question": seg.question,
                "answer": seg.answer,
                "exemptions": exemptions(seg.answer),
                "facts": find_facts(seg.answer, document.attachments),
                "flags": list(seg.flags),
            }
        )
    return records


def extract_documents(
    documents: Iterable[Document | dict[str, Any]], *, request: Request | None = None, segmenter: Segmenter | None = None
) -> Iterator[dict[str, Any]]:
    """Records for each document in turn; error records pass through unchanged. A response that is a data
    file alone (a body that sent a spreadsheet and no letter) gives one error record saying so, where it
    gave nothing at all."""
    for document in documents:
        if isinstance(document, dict):
            yield document
            continue
        if document.fmt in DATA_FORMATS and not document.text.strip():
            yield error_record(document.doc, _data_alone(document))
            continue
        try:
            yield from extract_document(document, request=request, segmenter=segmenter)
        except Exception as exc:  # one bad document must not end the run
            log.debug("%s: extraction failed", document.doc, exc_info=True)
            yield error_record(document.doc, f"extraction failed: {type(exc).__name__}: {exc}")


def extract_paths(
    paths: Iterable[str | Path],
    *,
    request: Request | None = None,
    max_bytes: int | None = None,
    limits: Limits | None = None,
    admit: Callable[[Document | dict[str, Any]], bool] | None = None,
    segmenter: Segmenter | None = None,
) -> Iterator[dict[str, Any]]:
    """Read every file under `paths` and yield answer records (or error records).

    `max_bytes` caps each file's size (a file over it gives an error record, so one huge
    download cannot stall a run); `limits` sets all the reading ceilings at once.
    `admit` sees each read document (or error record) before extraction and drops those
    it rejects: the run loop uses it to skip documents a resumed run already has.
    `segmenter` is a model folder's trained segmenter (None: the hand rules).
    """
    documents = iter_documents([Path(p) for p in paths], max_bytes=max_bytes, limits=limits)
    if admit is not None:
        documents = (d for d in documents if admit(d))
    yield from extract_documents(documents, request=request, segmenter=segmenter)
