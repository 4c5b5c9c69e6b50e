"""Gold-labelled answers as training examples, in the record shape extract emits.

Answers are taken where the labels' anchors say they are (goldlabels.locate in the
cleaned text, falling back to the raw text), not where segmentation finds them, so
a model does not inherit segmentation's mistakes. Each answer becomes the same
record shape extract emits (question, answer, exemptions, facts), so features see
the same inputs at training and at classification time.

A labels file may be labelled in another findings scheme than the model's (its own
`scheme.toml` beside it, else GUIDE.md's default). A scheme's findings belong to answers
on its subject, so that file's findings the model's scheme lacks are left out and its
answers teach the model where its own findings are absent: a housing campaign's answers
train the default model to give them no trafficking findings, and the other way round.
Findings the model's scheme shares by name are kept (mySociety's FOI-budget answers
carry the default scheme's budget findings).
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..extract import SHARED, Request, clean, exemptions, find_facts, reply_act
from ..goldlabels import GoldAnswer, locate
from ..labels import Scheme, load_scheme
from .sources import Source, labelled_replies, sources, unique_labels

SCHEME_FILE = "scheme.toml"  # a labels file's own findings scheme, when it sits beside it


@dataclass
class Example:
    """One gold answer as an extract-shaped record, with its labels and document."""

    record: dict[str, Any]
    outcome: str
    findings: list[str]
    group: str  # the document: cross-validation never splits one
    body: str = ""  # who answered (GoldDocument.body): body-held-out cross-validation never splits one
    source: str = ""  # the labels file's short name (its folder), for figures per labelled set
    labels_file: str = ""  # the labels file, as given


@dataclass
class TrainingData:
    """The examples found, and what could not be used (with the reason)."""

    examples: list[Example]
    skipped: list[str]
    set_aside: dict[str, int] = field(default_factory=dict)  # labels file -> findings of another scheme left out

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


def labels_scheme(labels_file: Path) -> Scheme:
    """The scheme a labels file was labelled in: the scheme.toml beside it, else the default."""
    beside = labels_file.parent / SCHEME_FILE
    return load_scheme(beside if beside.is_file() else None)


def _kept_findings(findings: Sequence[str], own: Scheme | None, scheme: Scheme | None) -> tuple[list[str], int]:
    """The findings to learn from, and how many belong to the file's own, other scheme (left out).
    A finding neither scheme knows is kept, for check_labels to refuse (a typo)."""
    if scheme is None or own is None or own.name == scheme.name:
        return list(findings), 0
    known, own_names = set(scheme.finding_names), set(own.finding_names)
    kept = [f for f in findings if f in known or f not in own_names]
    return kept, len(findings) - len(kept)


def load_examples(
    labels_files: Sequence[str | Path], docs_dirs: Sequence[str | Path] = (), *, request: Request | None = None,
    requests: Sequence[str | Path | None] = (), scheme: Scheme | None = None,
) -> TrainingData:
    """Gold answers of every labels file, located in their documents' text.

    Documents and requests pair with labels files as `sources` says (a request.txt beside a
    labels file is its request unless `request`/`requests` say otherwise). With `scheme` (the
    model's), findings of a file labelled in another scheme are left out where `scheme` lacks them.
    """
    return load_sources(sources(labels_files, docs_dirs, requests, request=request), scheme=scheme)


def load_sources(found: Sequence[Source], *, scheme: Scheme | None = None) -> TrainingData:
    """`load_examples` for labels files already paired with their documents and request."""
    examples, skipped, set_aside = [], [], {}
    for source, golds in unique_labels(found, skipped):
        own = labels_scheme(source.labels) if scheme is not None else None
        for gold, document in labelled_replies(source, golds, skipped):
            text = clean(document.text, document.fmt)
            locate(gold, text)
            act = reply_act(text)
            if not all(a.text for a in gold.answers):
                locate(gold, document.text)
            # One passage labelled for several questions (GUIDE.md: the same anchors) is one answer given
            # to each, flagged as extraction flags it. Its words as well as its span: a second `locate` (on
            # the text as read) places what the first (on the cleaned text) missed, at offsets of its own.
            spans = Counter((a.span, a.text) for a in gold.answers if a.text)
            for answer in gold.answers:
                if not answer.text:
                    skipped.append(f"{source.labels}: {gold.doc} q{answer.q}: answer anchors not found")
                    continue
                record = {
                    "doc": gold.doc,
                    "q": answer.q,
                    "question": _question(answer, source.request),
                    "answer": answer.text,
                    "exemptions": exemptions(answer.text),
                    "act": act,
                    "facts": find_facts(answer.text, document.attachments),
                    "flags": [SHARED] if spans[answer.span, answer.text] > 1 else [],
                }
                findings, dropped = _kept_findings(answer.findings, own, scheme)
                if dropped:
                    set_aside[str(source.labels)] = set_aside.get(str(source.labels), 0) + dropped
                examples.append(Example(record, answer.outcome, findings, f"{source.labels}:{gold.doc}", gold.body, source.name,
                                        str(source.labels)))
    return TrainingData(examples, skipped, set_aside)


def check_labels(data: TrainingData, scheme: Scheme) -> None:
    """Refuse labels the scheme does not know (a typo would silently become a new label)."""
    known = set(scheme.finding_names)
    unknown = sorted({f for e in data.examples for f in e.findings} - known)
    if unknown:
        # Name where the first one stands: in a few hundred answers a typo is otherwise a search.
        first = next(e for e in data.examples if set(e.findings) - known)
        raise ValueError(f"{first.labels_file}: {first.record['doc']} q{first.record['q']}: findings {unknown} are not in "
                         f"scheme {scheme.name!r} ({', '.join(sorted(known))})")
