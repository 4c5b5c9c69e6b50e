"""Classify output read back for the report: answers, error records and the label set.

The report works from `classify --format jsonl` records. Reading them into one
small typed value here means the alignment, the tables and every output format
see the same body names and the same cleaned fields.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from ..documents import CHECK
from ..labels import FINDING_PALETTE, Label, Scheme, load_scheme
from ..output import read_jsonl


class ReportError(ValueError):
    """The report cannot be built from what it was given (the message says why)."""


@dataclass(frozen=True)
class Answer:
    """One classified answer, with the body's display name worked out once."""

    body: str
    doc: str
    q: str
    question: str
    answer: str
    outcome: str
    confidence: float | None
    findings: tuple[str, ...]
    exemptions: tuple[str, ...]
    needs_review: bool
    check_answer: bool = False  # extraction doubts the answer itself (its words read little like an answer's)
    evidence: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    value_kind: str = "none"
    value: Any = field(default=None, hash=False, compare=False)
    value_detail: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def body_key(self) -> str:
        return normalise_name(self.body)


@dataclass
class Predictions:
    """Everything read from one round: its answers, its error records, its findings' names, and the files on
    disk its documents are (by `doc`), where the report knows them, so the page can link each source."""

    answers: list[Answer]
    errors: list[dict[str, str]]
    finding_names: tuple[str, ...]
    files: dict[str, Path] = field(default_factory=dict)


_ARTICLES = re.compile(r"\b(the|of)\b")


def normalise_name(name: str) -> str:
    """A body's name reduced for matching across rounds: case, accents, '&', 'the'/'of' and punctuation ignored."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(_ARTICLES.sub(" ", text).split())


def body_name(record: dict[str, Any]) -> str:
    """The body's display name: who answered, else the round's folder, else the file's stem."""
    for key in ("responder", "body"):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return Path(str(record.get("doc") or "unknown")).stem


def _answer(record: dict[str, Any]) -> Answer:
    confidence = record.get("outcome_confidence")
    return Answer(
        body=body_name(record),
        doc=str(record.get("doc") or ""),
        q=str(record.get("q") or ""),
        question=" ".join(str(record.get("question") or "").split()),
        answer=" ".join(str(record.get("answer") or "").split()),
        outcome=str(record["outcome"]),
        confidence=float(confidence) if isinstance(confidence, (int, float)) else None,
        findings=tuple(str(f) for f in record.get("findings") or ()),
        exemptions=tuple(str(e) for e in record.get("exemptions") or ()),
        needs_review=bool(record.get("needs_review")),
        check_answer=CHECK in (record.get("flags") or ()),
        evidence={str(k): " ".join(str(v).split()) for k, v in (record.get("evidence") or {}).items() if v},
        value_kind=str(record.get("value_kind") or "none"),
        value=_clean_value(record.get("value")),
        value_detail=record.get("value_detail") if isinstance(record.get("value_detail"), dict) else {},
    )


def _clean_value(value: Any) -> Any:
    """A record's value as the report uses it: numbers stay numbers, text is one line."""
    if isinstance(value, bool) or value is None:
        return None if value is None else ("yes" if value else "no")
    return value if isinstance(value, (int, float)) else " ".join(str(value).split())


def from_records(records: list[dict[str, Any]]) -> Predictions:
    """Split classify records into answers and errors; a record with no outcome counts as an error."""
    answers: list[Answer] = []
    errors: list[dict[str, str]] = []
    names: dict[str, None] = {}
    for record in records:
        doc = str(record.get("doc") or "")
        if "error" in record:
            errors.append({"doc": doc, "error": str(record["error"])})
        elif not record.get("outcome"):
            errors.append({"doc": doc, "error": "record has no outcome (extract output? run classify first)"})
        else:
            answers.append(_answer(record))
            names.update(dict.fromkeys(str(k) for k in record.get("finding_scores") or {}))
    return Predictions(answers, errors, tuple(names))


def source_files(records: list[dict[str, Any]], roots: list[Path], given: tuple[Path, ...] = ()) -> dict[str, Path]:
    """Each record's `doc` as the file on disk it names, for links to the letters.

    A relative doc is under one of `roots` (the folders classify read) or is one of the files `given` by name
    (classify's doc is then the path as given); an absolute doc is itself. A doc found nowhere (a zip's member,
    a file since moved), under two roots (which one classify read is unknowable), or climbing out with ".." is
    left out: its name stays plain text rather than a link that may open another letter."""
    named = {str(path): path for path in given}
    files: dict[str, Path] = {}
    for doc in dict.fromkeys(str(r.get("doc") or "") for r in records):
        path = PurePath(doc)
        if not doc or ".." in path.parts:
            continue
        candidates = [Path(doc)] if path.is_absolute() else [root / doc for root in roots]
        if doc in named:
            candidates.append(named[doc])
        found = {os.path.abspath(c) for c in candidates if c.is_file()}
        if len(found) == 1:
            files[doc] = Path(found.pop())
    return files


def load_predictions(paths: list[Path], *, request: Any = None, docs: list[Path] | None = None) -> Predictions:
    """Read .jsonl classify output; any other file or folder is classified first (lazily imported).

    `docs` are the folders classify read, once for all the .jsonl files or one per file in their order: a
    record's doc is relative to it and says no more, so without it a .jsonl's sources cannot be linked."""
    records: list[dict[str, Any]] = []
    groups: list[tuple[list[dict[str, Any]], dict[str, Path]]] = []
    documents = [p for p in paths if not (p.is_file() and p.suffix.lower() == ".jsonl")]
    jsonl = [p for p in paths if p not in documents]
    roots = _docs_roots(jsonl, docs or [])
    for path in jsonl:
        try:
            read = list(read_jsonl(path))
        except (OSError, ValueError) as exc:
            raise ReportError(f"{path}: cannot read predictions ({exc})") from exc
        records.extend(read)
        groups.append((read, source_files(read, roots[path])))
    missing = [p for p in documents if not p.exists()]
    if missing:
        raise ReportError(f"no such file or folder: {missing[0]}")
    if documents:
        try:
            from ..classify import classify_paths
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__.rsplit('.', 1)[0]}.classify":
                raise
            raise ReportError("the classifier is not available yet: give `classify --format jsonl` output instead") from exc
        classified = list(classify_paths(documents, request=request))
        records.extend(classified)
        groups.append((classified, source_files(classified, [p for p in documents if p.is_dir()], tuple(p for p in documents if not p.is_dir()))))
    predictions = from_records(records)
    predictions.files = _agreed(groups)
    return predictions


def _agreed(groups: list[tuple[list[dict[str, Any]], dict[str, Path]]]) -> dict[str, Path]:
    """The file of each doc that names one file in every group of records it is in: two .jsonl files read from
    different folders may both have a "reply.pdf", and the page cannot tell which an answer came from."""
    where: dict[str, set[Path | None]] = {}
    for records, files in groups:
        for doc in {str(r.get("doc") or "") for r in records}:
            where.setdefault(doc, set()).add(files.get(doc))
    return {doc: path for doc, paths in where.items() if len(paths) == 1 for path in paths if path is not None}


def _docs_roots(jsonl: list[Path], docs: list[Path]) -> dict[Path, list[Path]]:
    """Each .jsonl file's documents folder: the one given for all, or the one in its place; none without --docs."""
    not_folders = [d for d in docs if not d.is_dir()]
    if not_folders:
        raise ReportError(f"--docs: no such folder: {not_folders[0]}")
    if len(docs) > 1 and len(docs) != len(jsonl):
        raise ReportError(f"--docs: give one folder for all the predictions, or one per .jsonl file ({len(jsonl)}), in their order")
    if not docs:
        return {path: [] for path in jsonl}
    return {path: [docs[0] if len(docs) == 1 else docs[i]] for i, path in enumerate(jsonl)}


def resolve_scheme(scheme_path: Path | None, finding_names: tuple[str, ...]) -> Scheme:
    """The scheme to report with: the file given, else the default if its labels match, else one named by the predictions."""
    if scheme_path is not None:
        return load_scheme(scheme_path)
    default = load_scheme()
    if not finding_names or set(finding_names) == set(default.finding_names):
        return default
    labels = tuple(Label(name, "", FINDING_PALETTE[i % len(FINDING_PALETTE)]) for i, name in enumerate(finding_names))
    return Scheme("from predictions", "labels read from the predictions' finding_scores", labels)
