"""Features of a tagged answer: scikit-learn transformers over spaCy output.

Each transformer reads `TaggedAnswer`s (spaCy Docs plus what extract found) and
is combined in one FeatureUnion by `build_features`. The design goal is to carry
what generalises across bodies' wording:

- lemma n-grams where every token inside a negation's scope is prefixed `NEG_`,
  so "no specific budget" (NEG_specific NEG_budget) and "a specific budget"
  (specific budget) share no feature; numbers become NUM/YEAR/FY/MONEY shapes;
- explicit, wording-independent cues (cues.py): negation over holding and
  existence words, what the answer gives besides, exemptions and where they sit,
  numbers and table rows, data files, redirection, the question's count-or-thing;
- the question's topic (its lemmas);
- for every label, how much of its one-line definition (labels.py, the scheme
  file) the answer's best sentence echoes, negated or not, and whether that
  sentence carries a number: a user's own scheme gets these features for free.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import MaxAbsScaler
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..labels import OUTCOMES, Scheme
from ..tag import NEGATION_CUES, TaggedAnswer, Tokens
from ..vectors import dict_rows, term_rows
from .cues import _CURRENCY, answer_cues


def _tokens(text: Tokens | Doc | Span) -> Tokens:
    return text if isinstance(text, Tokens) else Tokens.from_doc(text)


def answer_terms(answer: Tokens | Doc | Span) -> list[str]:
    """The answer as normalised terms: lemmas, number shapes, NEG_ inside negation scope."""
    tokens = _tokens(answer)
    terms = []
    previous = None
    for word, fill, found, lemma, negated, lower in zip(tokens.words, tokens.filler, tokens.shape, tokens.lemma,
                                                         tokens.negated, tokens.lower):
        if fill:
            previous = word
            continue
        if found is not None and (found == "NUM" or found == "YEAR") and previous in _CURRENCY:
            found = "MONEY"
        term = found or lemma
        terms.append(f"NEG_{term}" if negated and lower not in NEGATION_CUES else term)
        previous = word
    return terms


def question_terms(question: Tokens | Doc | None) -> list[str]:
    """The question's lemmas (its topic), numbers as shapes."""
    if question is None:
        return []
    tokens = _tokens(question)
    return [found or lemma for found, lemma, skip in zip(tokens.shape, tokens.lemma, tokens.qskip) if not skip]


class AnswerTerms(BaseEstimator, TransformerMixin):
    """TaggedAnswers -> their answer terms joined by spaces (for a TfidfVectorizer)."""

    def fit(self, X: Sequence[TaggedAnswer], y: Any = None) -> "AnswerTerms":
        return self

    def transform(self, X: Sequence[TaggedAnswer]) -> list[str]:
        return [" ".join(answer_terms(item.tokens)) for item in X]


class QuestionTerms(BaseEstimator, TransformerMixin):
    """TaggedAnswers -> their question's lemmas joined by spaces ("" when unknown)."""

    def fit(self, X: Sequence[TaggedAnswer], y: Any = None) -> "QuestionTerms":
        return self

    def transform(self, X: Sequence[TaggedAnswer]) -> list[str]:
        return [" ".join(question_terms(item.question_tokens)) for item in X]


class AnswerCues(BaseEstimator, TransformerMixin):
    """TaggedAnswers -> dicts of explicit cues (for a DictVectorizer)."""

    def fit(self, X: Sequence[TaggedAnswer], y: Any = None) -> "AnswerCues":
        return self

    def transform(self, X: Sequence[TaggedAnswer]) -> list[dict[str, float]]:
        return [answer_cues(item) for item in X]


def definition_terms(scheme: Scheme, nlp: Language) -> dict[str, list[str]]:
    """Content lemmas of every outcome's and finding's definition, for DefinitionOverlap."""
    labels = (*OUTCOMES, *scheme.findings)
    return {
        label.name: sorted({t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop})
        for label, doc in zip(labels, nlp.pipe(label.definition for label in labels))
    }


def _definition_index(definitions: dict[str, list[str]]) -> dict[str, list[int]]:
    """Each definition lemma -> the positions of the labels whose definitions hold it."""
    index: dict[str, list[int]] = {}
    for position, terms in enumerate(definitions.values()):
        for term in set(terms):
            index.setdefault(term, []).append(position)
    return index


def _label_hits(terms: set[str], index: dict[str, list[int]], labels: int) -> list[int]:
    """How many of `terms` each label's definition holds."""
    hits = [0] * labels
    for term in terms:
        for position in index.get(term, ()):
            hits[position] += 1
    return hits


def definition_overlap(item: TaggedAnswer, definitions: dict[str, list[str]],
                       index: dict[str, list[int]] | None = None) -> dict[str, float]:
    """Per label: the largest share of its definition's lemmas that one sentence states, states
    negated (`~negated`), and states beside a number (`~number`).

    Counted through `index` (`_definition_index`): a sentence's lemmas look up their labels,
    rather than every label's definition meeting every sentence."""
    tokens = item.tokens
    if not tokens.sents:
        return {}
    index = _definition_index(definitions) if index is None else index
    lemma, negated_flags, shapes = tokens.lemma, tokens.negated, tokens.shape
    sizes = [max(len(terms), 1) for terms in definitions.values()]
    plain_best, negated_best, number_best = [0.0] * len(sizes), [0.0] * len(sizes), [0.0] * len(sizes)
    for start, end in tokens.sents:
        plain_count = _label_hits({lemma[k] for k in range(start, end) if not negated_flags[k]}, index, len(sizes))
        negated_count = _label_hits({lemma[k] for k in range(start, end) if negated_flags[k]}, index, len(sizes))
        numeric = "NUM" in shapes[start:end]
        for position, size in enumerate(sizes):
            share = plain_count[position] / size
            plain_best[position] = max(plain_best[position], share)
            negated_best[position] = max(negated_best[position], negated_count[position] / size)
            number_best[position] = max(number_best[position], share * numeric)
    row: dict[str, float] = {}
    for name, plain, negated, number in zip(definitions, plain_best, negated_best, number_best):
        row[name], row[f"{name}~negated"], row[f"{name}~number"] = plain, negated, number
    return row


# Answer n-grams: 1-2 terms (not 1-3): better grouped-CV findings, the same round-robin outcomes and
# fewer features, so less of one corpus's phrasing to memorise. (min_df 3 scored alike but leaves
# small training sets, e.g. a learning curve's first point, with no vocabulary.)
ANSWER_NGRAMS = (1, 2)
QUESTION_BLOCK = "question"  # the block of the question's own terms
ANSWER_MIN_DF = 2


def _terms_vectorizer(ngrams: tuple[int, int], min_df: int) -> TfidfVectorizer:
    # Terms are already normalised and space-separated: split on spaces only.
    return TfidfVectorizer(ngram_range=ngrams, min_df=min_df, sublinear_tf=True, lowercase=False,
                           token_pattern=r"\S+", dtype=np.float64)


class DefinitionOverlap(BaseEstimator, TransformerMixin):
    """TaggedAnswers -> dicts of per-label definition overlap (see `definition_overlap`)."""

    def __init__(self, definitions: dict[str, list[str]] | None = None) -> None:
        self.definitions = definitions

    def fit(self, X: Sequence[TaggedAnswer], y: Any = None) -> "DefinitionOverlap":
        return self

    def transform(self, X: Sequence[TaggedAnswer]) -> list[dict[str, float]]:
        definitions = self.definitions or {}
        index = _definition_index(definitions)
        return [definition_overlap(item, definitions, index) for item in X]


def build_features(definitions: dict[str, list[str]]) -> FeatureUnion:
    """The feature extractor: answer n-grams, question topic, explicit cues and definition overlap."""
    return FeatureUnion(
        [
            ("answer", Pipeline([("terms", AnswerTerms()), ("tfidf", _terms_vectorizer(ANSWER_NGRAMS, ANSWER_MIN_DF))])),
            (QUESTION_BLOCK, Pipeline([("terms", QuestionTerms()), ("tfidf", _terms_vectorizer((1, 2), 2))])),
            ("cues", Pipeline([("cues", AnswerCues()), ("vector", DictVectorizer()), ("scale", MaxAbsScaler())])),
            ("definitions", Pipeline([("overlap", DefinitionOverlap(definitions)), ("vector", DictVectorizer()),
                                      ("scale", MaxAbsScaler())])),
        ],
        transformer_weights={"answer": 1.0, QUESTION_BLOCK: 0.5, "cues": 1.0, "definitions": 1.0},
    )


def transform_features(features: FeatureUnion, items: Sequence[TaggedAnswer], *, zeroed: str | None = None) -> Any:
    """`features.transform(items)` but for the zeros it would store, in less time: every product
    with the matrix (the heads' scores, evidence weights) is the same to the last bit.

    A DictVectorizer stores each value it is given, zeros too, and most cues and definition
    overlaps of an answer, let alone of a sentence, are zero: `dict_rows` leaves them out (and
    skips DictVectorizer's type checks); `term_rows` counts the answer's and the question's terms
    without TfidfVectorizer's generic analyzer. The block named `zeroed` is not computed but left
    at zero (for `FoiModel.evidence`).
    """
    weights = features.transformer_weights or {}
    blocks = []
    for name, pipeline in features.transformer_list:
        if name == zeroed:
            blocks.append(sparse.csr_matrix((len(items), len(pipeline[-1].get_feature_names_out()))))
            continue
        first, *rest = [step for _, step in pipeline.steps]
        data = first.transform(items)
        if isinstance(rest[0], DictVectorizer):
            data = dict_rows(data, rest[0].vocabulary_, rest[0].separator, skip_zeros=True)
            rest = rest[1:]
        elif isinstance(rest[0], TfidfVectorizer):
            data = term_rows(data, rest[0])
            rest = rest[1:]
        for step in rest:
            data = step.transform(data)
        weight = weights.get(name)
        blocks.append(data * weight if weight is not None else data)
    return sparse.hstack(blocks, format="csr")
