"""Features of a tagged answer: scikit-learn transformers over spaCy output.

Each transformer reads `TaggedAnswer`s (spaCy Docs plus what extract found) and
is combined in one FeatureUnion by `build_features`. The design goal is to carry
what generalises across bodies' wording:

- lemma n-grams where every token inside a negation's scope is prefixed `NEG_`,
  so "no specific budget" (NEG_specific NEG_budget) and "a specific budget"
  (specific budget) share no feature; numbers become NUM/YEAR/FY/MONEY shapes;
- explicit cues: negated holding verbs ("we do not record"), negated nouns
  ("there is no such role"), exemption sections cited (by the citations stage),
  number and table density, money, links and attachments, length;
- the question's topic (its lemmas) and whether it asks for a count or a thing,
  crossed with the answer's cues (a zero is an answer to "how many");
- for every label, how much of its one-line definition (labels.py, the scheme
  file) the answer's best sentence echoes, negated or not, and whether that
  sentence carries a number: a user's own scheme gets these features for free.
"""
from __future__ import annotations

import math

import numpy as np
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import MaxAbsScaler
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .labels import OUTCOMES, Scheme
from .nlp import NEGATION_CUES, TaggedAnswer

# Verbs whose negation says "we have no such thing" rather than "no, and here is why".
HOLDING_LEMMAS = frozenset({"hold", "have", "record", "keep", "exist", "collect", "maintain", "retain", "capture",
                            "allocate", "store", "possess", "produce", "compile", "employ", "fund", "identify"})
ATTACHMENT_LEMMAS = frozenset({"attach", "attachment", "enclose", "spreadsheet", "appendix", "annex", "table"})
COUNT_QUESTION = re.compile(r"\bhow\s+many\b|\bhow\s+much\b|\bnumber\s+of\b|\bfigures?\b|\bstatistics\b|\btotal\b", re.I)
THING_QUESTION = frozenset({"copy", "document", "policy", "strategy", "plan", "report", "list", "budget", "record", "procedure"})
# Neither-confirm-nor-deny subsections of FOIA exemptions.
NCND_SUBSECTIONS = frozenset({"23(5)", "24(2)", "26(3)", "27(4)", "28(3)", "29(2)", "30(3)", "31(3)", "32(3)",
                              "33(3)", "34(2)", "35(3)", "36(3)", "37(2)", "38(2)", "40(5)", "41(2)", "42(2)", "43(3)", "44(2)"})
_YEAR = re.compile(r"^(19|20)\d\d$")
_FINANCIAL_YEAR = re.compile(r"^(19|20)\d\d[/-]\d{2,4}$")
_SECTION = re.compile(r"^(\d{1,2})")
_CURRENCY = frozenset({"£", "$", "€"})


def _shape(token: Token, previous: Token | None) -> str | None:
    """A number's shape (NUM, YEAR, FY, MONEY), URL/EMAIL, or None for a word."""
    if token.like_url:
        return "URL"
    if token.like_email:
        return "EMAIL"
    if _FINANCIAL_YEAR.match(token.text):
        return "FY"
    if token.like_num or token.text[:1].isdigit():
        if previous is not None and previous.text in _CURRENCY:
            return "MONEY"
        return "YEAR" if _YEAR.match(token.text) else "NUM"
    return None


def answer_terms(answer: Doc | Span) -> list[str]:
    """The answer as normalised terms: lemmas, number shapes, NEG_ inside negation scope."""
    terms = []
    previous = None
    for token in answer:
        if token.is_punct or token.is_space:
            previous = token
            continue
        term = _shape(token, previous) or token.lemma_.lower()
        terms.append(f"NEG_{term}" if token._.negated and token.lower_ not in NEGATION_CUES else term)
        previous = token
    return terms


def question_terms(question: Doc | None) -> list[str]:
    """The question's lemmas (its topic), numbers as shapes."""
    if question is None:
        return []
    return [_shape(t, None) or t.lemma_.lower() for t in question if not (t.is_punct or t.is_space or t.is_stop)]


def sections(exemptions: Iterable[str]) -> set[str]:
    """Top-level section numbers of the exemptions cited, plus `ncnd` for NCND subsections."""
    found = set()
    for cited in exemptions:
        top = _SECTION.match(cited)
        if top:
            found.add(top.group(1))
        if any(cited.startswith(sub) for sub in NCND_SUBSECTIONS):
            found.add("ncnd")
    return found


def _log(n: float) -> float:
    return math.log1p(n)


def answer_cues(item: TaggedAnswer) -> dict[str, float]:
    """Explicit, wording-independent cues of one answer (see the module docstring)."""
    tokens = [t for t in item.answer if not (t.is_punct or t.is_space)]
    n = max(len(tokens), 1)
    shapes = Counter()
    runs, run = 0, 0
    previous = None
    for token in item.answer:
        shape = _shape(token, previous)
        previous = token
        if shape:
            shapes[shape] += 1
        if shape in ("NUM", "MONEY", "FY", "YEAR") or token.text in _CURRENCY or token.text == "%":
            run += 1
        elif not (token.is_punct or token.is_space):
            runs += run >= 3
            run = 0
    runs += run >= 3
    negated = [t for t in tokens if t._.negated]
    cues: dict[str, float] = {
        "length": _log(n) / 6,
        "sentences": _log(sum(1 for _ in item.answer.sents)) if _has_sents(item.answer) else 0.0,
        "numbers": _log(shapes["NUM"]),
        "number_density": shapes["NUM"] / n,
        "money": _log(shapes["MONEY"]),
        "years": _log(shapes["YEAR"] + shapes["FY"]),
        "table_runs": _log(runs),
        "links": _log(shapes["URL"] + shapes["EMAIL"]),
        "attachment_words": _log(sum(t.lemma_.lower() in ATTACHMENT_LEMMAS for t in tokens)),
        "data_files": _log(len(item.facts.get("data_files") or [])),
        "attachments": _log(len(item.facts.get("attachments") or [])),
        "negations": _log(sum(t.lower_ in NEGATION_CUES for t in tokens)),
        "negated_share": len(negated) / n,
        "negated_holding": _log(sum(t.lemma_.lower() in HOLDING_LEMMAS for t in negated)),
        "negated_nouns": _log(sum(t.pos_ == "NOUN" for t in negated)),
    }
    cited = sections(item.exemptions)
    for section in cited:
        cues[f"section={section}"] = 1.0
    cues["exemptions"] = _log(len(cited - {"12", "14", "ncnd"}))
    for label, count in Counter(e.label_ for e in getattr(item.answer, "ents", ())).items():
        cues[f"entity={label}"] = _log(count)
    _question_cues(item, cues)
    return cues


def _has_sents(answer: Doc | Span) -> bool:
    doc = answer if isinstance(answer, Doc) else answer.doc
    return doc.has_annotation("SENT_START")


def _question_cues(item: TaggedAnswer, cues: dict[str, float]) -> None:
    """What the question asks for, crossed with what the answer gives."""
    if item.question is None:
        return
    asks_count = bool(COUNT_QUESTION.search(item.question.text))
    asks_thing = any(t.lemma_.lower() in THING_QUESTION for t in item.question)
    substance = cues["numbers"] + cues["money"] + cues["links"] + cues["attachment_words"] + cues["data_files"]
    for name, asked in (("count", asks_count), ("thing", asks_thing)):
        if asked:
            cues[f"asks_{name}"] = 1.0
            cues[f"asks_{name}*negated_holding"] = cues["negated_holding"]
            cues[f"asks_{name}*negated_nouns"] = cues["negated_nouns"]
            cues[f"asks_{name}*substance"] = substance


class AnswerTerms(BaseEstimator, TransformerMixin):
    """TaggedAnswers -> their answer terms joined by spaces (for a TfidfVectorizer)."""

    def fit(self, X: Sequence[TaggedAnswer], y: Any = None) -> "AnswerTerms":
        return self

    def transform(self, X: Sequence[TaggedAnswer]) -> list[str]:
        return [" ".join(answer_terms(item.answer)) for item in X]


class QuestionTerms(BaseEstimator, TransformerMixin):
    """TaggedAnswers -> their question's lemmas joined by spaces ("" when unknown)."""

    def fit(self, X: Sequence[TaggedAnswer], y: Any = None) -> "QuestionTerms":
        return self

    def transform(self, X: Sequence[TaggedAnswer]) -> list[str]:
        return [" ".join(question_terms(item.question)) for item in X]


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


def definition_overlap(item: TaggedAnswer, definitions: dict[str, list[str]]) -> dict[str, float]:
    """Per label: the largest share of its definition's lemmas that one sentence states, states
    negated (`~negated`), and states beside a number (`~number`)."""
    row: dict[str, float] = {}
    sentences = list(item.answer.sents) if _has_sents(item.answer) else [item.answer]
    for sentence in sentences:
        plain = {t.lemma_.lower() for t in sentence if not t._.negated}
        negated = {t.lemma_.lower() for t in sentence if t._.negated}
        numeric = any(_shape(t, None) == "NUM" for t in sentence)
        for name, terms in definitions.items():
            size = max(len(terms), 1)
            share = len(plain.intersection(terms)) / size
            for key, value in ((name, share), (f"{name}~negated", len(negated.intersection(terms)) / size),
                               (f"{name}~number", share * numeric)):
                row[key] = max(row.get(key, 0.0), value)
    return row


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
        return [definition_overlap(item, self.definitions or {}) for item in X]


def build_features(definitions: dict[str, list[str]]) -> FeatureUnion:
    """The feature extractor: answer n-grams, question topic, explicit cues and definition overlap."""
    return FeatureUnion(
        [
            ("answer", Pipeline([("terms", AnswerTerms()), ("tfidf", _terms_vectorizer((1, 3), 2))])),
            ("question", Pipeline([("terms", QuestionTerms()), ("tfidf", _terms_vectorizer((1, 2), 2))])),
            ("cues", Pipeline([("cues", AnswerCues()), ("vector", DictVectorizer()), ("scale", MaxAbsScaler())])),
            ("definitions", Pipeline([("overlap", DefinitionOverlap(definitions)), ("vector", DictVectorizer()),
                                      ("scale", MaxAbsScaler())])),
        ],
        transformer_weights={"answer": 1.0, "question": 0.5, "cues": 1.0, "definitions": 1.0},
    )
