"""Gold-labelled answers as training examples, in the record shape extract emits.

Answers are taken where the labels' anchors say they are (goldlabels.locate in the
cleaned text, falling back to the raw text), not where segmentation finds them, so
a model does not inherit segmentation's mistakes. Each answer becomes the same
record shape extract emits (question, answer, exemptions, facts), so features see
the same inputs at training and at classification time.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..documents import ReadError
from ..extract import Request, clean, exemptions, find_facts
from ..goldlabels import GoldAnswer, load_labels, locate
from ..labels import Scheme
from ..read import read_path


@dataclass
class Example:
    """One gold answer as an extract-shaped record, with its labels and document."""

    record: dict[str, Any]
    outcome: str
    findings: list[str]
    group: str  # the document: cross-validation never splits one


@dataclass
class TrainingData:
    """The examples found, and what could not be used (with the reason)."""

    examples: list[Example]
    skipped: list[str]

    def digest(self) -> str:
        """sha256 of the examples (text and labels): two models with the same digest saw the same data."""
        canonical = [[e.record["doc"], e.record["q"], e.record["question"], e.record["answer"], e.outcome, sorted(e.findings)]
                     for e in self.examples]
        return hashlib.sha256(json.dumps(canonical, ensure_ascii=False).encode("utf-8")).hexdigest()


def _question(answer: GoldAnswer, request: Request | None) -> str | None:
    if answer.question:
        return answer.question
    if request is not None:
        for question in request.questions:
            if question.q == answer.q:
                return question.text
    return None


def _pair_dirs(labels_files: Sequence[Path], docs_dirs: Sequence[Path]) -> list[tuple[Path, Path | None]]:
    if not docs_dirs:
        return [(f, None) for f in labels_files]
    if len(docs_dirs) == 1:
        return [(f, docs_dirs[0]) for f in labels_files]
    if len(docs_dirs) != len(labels_files):
        raise ValueError("give --docs once for all labels files, or once per labels file in the same order")
    return list(zip(labels_files, docs_dirs))


def load_examples(
    labels_files: Sequence[str | Path], docs_dirs: Sequence[str | Path] = (), *, request: Request | None = None
) -> TrainingData:
    """Gold answers of every labels file, located in their documents' text."""
    examples, skipped = [], []
    for labels_file, docs_dir in _pair_dirs([Path(f) for f in labels_files], [Path(d) for d in docs_dirs]):
        for gold in load_labels(labels_file, docs_dir):
            try:
                document = read_path(gold.path, gold.doc)
            except ReadError as exc:
                skipped.append(f"{gold.doc}: {exc}")
                continue
            locate(gold, clean(document.text, document.fmt))
            if not all(a.text for a in gold.answers):
                locate(gold, document.text)
            for answer in gold.answers:
                if not answer.text:
                    skipped.append(f"{gold.doc} q{answer.q}: answer anchors not found")
                    continue
                record = {
                    "doc": gold.doc,
                    "q": answer.q,
                    "question": _question(answer, request),
                    "answer": answer.text,
                    "exemptions": exemptions(answer.text),
                    "facts": find_facts(answer.text, document.attachments),
                }
                examples.append(Example(record, answer.outcome, list(answer.findings), f"{labels_file}:{gold.doc}"))
    return TrainingData(examples, skipped)


def check_labels(data: TrainingData, scheme: Scheme) -> None:
    """Refuse labels the scheme does not know (a typo would silently become a new label)."""
    known = set(scheme.finding_names)
    unknown = sorted({f for e in data.examples for f in e.findings} - known)
    if unknown:
        raise ValueError(f"findings {unknown} are not in scheme {scheme.name!r} ({', '.join(sorted(known))})")
