"""Extract records cached by content, so a re-run (say with a retrained model) neither parses nor extracts.

Two tables of the doc cache's file (pipeline.tag.doccache), both salted with what an
extract record depends on besides its input: the package version, the request, the
segmenter's weights and the source of every module of the read and extract stages
(EXTRACTION_SOURCES: a change to any re-reads and re-extracts).

* `records`: a document's records, keyed by the read Document's whole content (its
  JSON), so an edited document is extracted again and an unchanged one is not.
* `units`: what a unit of reading (`read.Pending`: a file, a body's folder, a zip of
  responses) read to, keyed by its fingerprint (kind, limits, each file's path and
  bytes; never its folder on disk or its dates): for each document a stub (its name,
  format, body and attachments' errors: what the run's `admit` reads) and the key of its
  records. A unit whose fingerprint and records are all known is never parsed: the
  documents come back as `Found` stubs with their records. A unit that gave an error
  record, or one whose records are missing (a document that failed extraction or was
  skipped by --resume), is read again.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from .. import __version__
from ..documents import Attachment, Document
from ..extract import Request, Segmenter, extract_documents
from ..read import Pending
from ..tag import ValueCache, source_hash

RECORDS_VERSION = "1"
# What an extract record depends on besides the document: the shared modules (the record
# types) and every module of the read and extract stages (globs under pipeline/).
EXTRACTION_SOURCES = ("*.py", "read/*.py", "extract/*.py")
# Documents looked up per query, and units' entries written per transaction.
CHUNK = 16

Record = dict[str, Any]
T = TypeVar("T")


@dataclass
class Found:
    """A document whose extract records the cache gave: `stub` is what a run's `admit` reads of it."""

    stub: Document
    records: list[Record]


@dataclass
class RecordCache:
    """The `records` and `units` tables (module docstring), sharing one salt."""

    records: ValueCache
    units: ValueCache

    def record_key(self, document: Document) -> str:
        """The key of a document's records in `records`."""
        return self.records.key(_document_key(document))


def record_cache(cache_dir: str | Path | None, request: Request | None, segmenter: Segmenter | None = None) -> RecordCache | None:
    """The record cache of a cache folder (None without one), for this request and segmenter."""
    if cache_dir is None:
        return None
    weights = hashlib.sha256(segmenter.to_json().encode("utf-8")).hexdigest() if segmenter is not None else "rules"
    salt = "\x1f".join((RECORDS_VERSION, __version__, repr(request), weights, source_hash(*EXTRACTION_SOURCES)))
    return RecordCache(ValueCache(cache_dir, "records", salt), ValueCache(cache_dir, "units", salt))


def stub(item: Document | Record | Found) -> Document | Record:
    """What a run's `admit` reads of a document: its name, format, body and attachments' errors (no text)."""
    if isinstance(item, Found):
        return item.stub
    return _stub_of(_stub_data(item)) if isinstance(item, Document) else item


def _stub_data(document: Document) -> list[Any]:
    return [document.doc, document.fmt, document.body, [[a.name, a.error] for a in document.attachments]]


def _stub_of(data: list[Any]) -> Document:
    doc, fmt, body, attachments = data
    return Document(doc, "", fmt, [Attachment(name, error=error) for name, error in attachments], body=body)


def _document_key(document: Document) -> str:
    return json.dumps(dataclasses.asdict(document), ensure_ascii=False, sort_keys=True, default=str)


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last one shorter), read lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def read_cached(items: Iterable[Pending | Record], cache: RecordCache | None) -> Iterator[Document | Record | Found]:
    """`Pending.read()` of each unit in turn (other items as they are), or, for a unit the cache
    knows by its files' bytes, a `Found` per document: no file parsed, no extraction to do.

    Units are looked up one at a time, so no more than one unit's bytes are held at once.
    """
    fresh: list[tuple[str, list[Any]]] = []
    for item in items:
        if not isinstance(item, Pending):
            yield item
            continue
        if cache is None:
            yield from item.read()
            continue
        unit, fp = item.fingerprint()
        if fp is not None:
            found = _found(cache, fp)
            if found is not None:
                yield from found
                continue
        read = unit.read()
        if fp is not None and read and all(isinstance(d, Document) for d in read):
            fresh.append((fp, [[_stub_data(d), cache.record_key(d)] for d in read]))
            if len(fresh) >= CHUNK:
                cache.units.put_many(fresh)
                fresh = []
        yield from read
    if cache is not None:
        cache.units.put_many(fresh)


def _found(cache: RecordCache, fp: str) -> list[Found] | None:
    """The documents of the unit with fingerprint `fp` and their records, when all are cached."""
    entry = cache.units.get_many([fp]).get(fp)
    if entry is None:
        return None
    records = cache.records.get_keys(key for _, key in entry)
    if not all(key in records for _, key in entry):
        return None
    return [Found(_stub_of(data), records[key]) for data, key in entry]


def extract_cached(documents: Iterable[Document | Record | Found], *, request: Request | None,
                   cache: RecordCache | None, segmenter: Segmenter | None = None) -> Iterator[Record]:
    """`extract_documents`, reusing the records of a document whose content was extracted before
    (and passing on those of a `Found`)."""
    if cache is None:
        yield from extract_documents(documents, request=request, segmenter=segmenter)
        return
    for chunk in chunks(documents, CHUNK):
        keys = [_document_key(d) if isinstance(d, Document) else None for d in chunk]
        found = cache.records.get_many(k for k in keys if k is not None)
        fresh = []
        for document, key in zip(chunk, keys):
            if isinstance(document, Found):
                yield from document.records
                continue
            if key is not None and key in found:
                yield from found[key]
                continue
            records = list(extract_documents([document], request=request, segmenter=segmenter))
            if key is not None and not any("error" in r for r in records):
                fresh.append((key, records))
            yield from records
        cache.records.put_many(fresh)
