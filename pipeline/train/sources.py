"""Which documents and which request go with each labels file.

A labels file names documents relative to a folder (its own, unless --docs says
otherwise) and, when the replies answer one request, is measured and trained with that
request (--request, else a request.txt beside the labels file).

An answer is one document's question (the file the `doc` names, and `q`), as the labelling
tools identify it (label/labelqueue.answer_key): labelled twice, in one file or in two given
together, it is read once, as its second copy would weigh double in training and in the scores.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..documents import Document, ReadError
from ..extract import Request, load_request
from ..goldlabels import GoldAnswer, GoldDocument, LabelsError, load_labels
from ..read import read_path

REQUEST_FILE = "request.txt"  # a labels file's request, when it sits beside it


@dataclass(frozen=True)
class Source:
    """One labels file: where its documents are, the request they answer, and a short name."""

    labels: Path
    docs: Path
    request: Request | None
    name: str


def sources(labels_files: Sequence[str | Path], docs_dirs: Sequence[str | Path] = (),
            requests: Sequence[str | Path | None] = (), *, request: Request | None = None) -> list[Source]:
    """Pair each labels file with its documents folder (default: its own folder) and its request
    (default: a request.txt beside it); given once, a folder or request file applies to every
    labels file, and `request` (already read) to all of them."""
    labels = [Path(f) for f in labels_files]

    def paired(values: Sequence[Any], what: str) -> list[Any]:
        if len(values) in (0, 1) or len(values) == len(labels):
            return list(values) * (len(labels) if len(values) == 1 else 1) or [None] * len(labels)
        raise ValueError(f"give {what} once for all labels files, or once per labels file in the same order")

    found = []
    for labels_file, docs, request_file in zip(labels, paired(docs_dirs, "--docs"), paired(requests, "--request")):
        beside = labels_file.parent / REQUEST_FILE
        request_path = Path(request_file) if request_file else beside if beside.is_file() else None
        name = labels_file.parent.name if labels_file.stem == "labels" else labels_file.stem
        if docs and not Path(docs).exists():
            raise ValueError(f"--docs {docs}: no such folder (the documents of {labels_file})")
        read = request or (load_request(request_path) if request_path else None)
        found.append(Source(labels_file, Path(docs) if docs else labels_file.parent, read, name))
    return found


def without(found: Sequence[Source], labels_files: Sequence[str | Path]) -> list[Source]:
    """The sources but those of `labels_files` (e.g. replies that teach the classifier only)."""
    left_out = {Path(f).resolve() for f in labels_files}
    return [s for s in found if s.labels.resolve() not in left_out]


def on_disk(path: Path) -> bool:
    """The labelled document is there: a file, or a member of a zip archive on the path."""
    return path.exists() or any(parent.is_file() for parent in path.parents)


def missing(gold: GoldDocument, source: Source) -> str:
    """Why a labelled document is skipped when it is not on disk ("labels: doc: reason"): a wrong
    --docs or a mistyped name, not a file that vanished during the run."""
    return f"{source.labels}: {gold.doc}: no such file in {source.docs}"


def _where(gold: GoldDocument) -> str:
    return f"{gold.labels_file}:{gold.line}"


def _decided(answer: GoldAnswer) -> dict[str, Any]:
    """What a person decided about an answer; its anchors only say where it stands."""
    return {"outcome": answer.outcome, "findings": sorted(answer.findings), "exemptions": sorted(answer.exemptions),
            "value_kind": answer.value_kind, "value": answer.value}


def _check_agree(gold: GoldDocument, answer: GoldAnswer, first: GoldDocument, before: GoldAnswer) -> None:
    """Refuse an answer labelled twice with different labels: which one is right only a person can say."""
    was, now = _decided(before), _decided(answer)
    differ = [f"{key} {was[key]!r} there, {now[key]!r} here" for key in now if now[key] != was[key]]
    if differ:
        raise LabelsError(f"{_where(gold)}: {gold.doc} q{answer.q}: labelled differently at {_where(first)} "
                          f"({'; '.join(differ)}); keep the one that is right and delete the other")


_Seen = dict[tuple[Path, str], tuple[GoldDocument, GoldAnswer]]  # (document file, question) -> where first labelled


def _first_labels(gold: GoldDocument, seen: _Seen, skipped: list[str]) -> GoldDocument | None:
    """`gold` with only the answers not labelled before, the others noted in `skipped` (a line per line that
    labelled them first); None if it labels no answer left. Raises LabelsError when two labels disagree."""
    fresh, again = [], {}
    for answer in gold.answers:
        key = (gold.path.resolve(), answer.q)
        if key not in seen:
            seen[key] = gold, answer
            fresh.append(answer)
            continue
        _check_agree(gold, answer, *seen[key])
        again.setdefault(_where(seen[key][0]), []).append(f"q{answer.q}")
    skipped.extend(f"{_where(gold)}: {gold.doc} {', '.join(qs)}: labelled before, at {where}, with the same labels; "
                   "counted once" for where, qs in again.items())
    return replace(gold, answers=fresh) if fresh or not gold.answers else None


def unique_labels(found: Sequence[Source], skipped: list[str]) -> list[tuple[Source, list[GoldDocument]]]:
    """Each labels file's documents, every answer once (`_first_labels`); a labels file given again for the
    same documents is read once. All are read before any document, so a conflict stops a run at once."""
    seen: _Seen = {}
    kept, read = [], set()
    for source in found:
        if (source.labels.resolve(), source.docs.resolve()) in read:
            skipped.append(f"{source.labels}: given twice with the same documents; read once")
            continue
        read.add((source.labels.resolve(), source.docs.resolve()))
        golds = [_first_labels(gold, seen, skipped) for gold in load_labels(source.labels, source.docs)]
        kept.append((source, [gold for gold in golds if gold is not None]))
    return kept


def labelled_replies(source: Source, golds: Sequence[GoldDocument], skipped: list[str]) -> Iterator[tuple[GoldDocument, Document]]:
    """Each labelled reply of a labels file (its documents as `unique_labels` gives them) with its document
    read; one that cannot be read is noted in `skipped` ("labels: doc: reason") and left out."""
    for gold in golds:
        if not on_disk(gold.path):
            skipped.append(missing(gold, source))
            continue
        try:
            yield gold, read_path(gold.path, gold.doc)
        except ReadError as exc:
            skipped.append(f"{source.labels}: {gold.doc}: {exc}")
