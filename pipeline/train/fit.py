"""Fitting the classifier with scikit-learn, and compiling it into the arrays it classifies with.

The features are a FeatureUnion of scikit-learn transformers over tagged answers (answer
and question TF-IDF, cues, definition overlap: classify/features.py says what each
carries); the heads are logistic regressions, calibrated (classify/model.py says why
each is as it is). `fit_model` fits them and compiles them (`compile_features`,
`compile_head`) into classify/linear.py's arrays, which compute the same matrices and
probabilities to the last bit without scikit-learn: the model a run classifies with is
the one cross-validation scored.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold, StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import MaxAbsScaler

from ..classify import (ANSWER_MIN_DF, ANSWER_NGRAMS, QUESTION_BLOCK, Block, Features, FoiModel, Head, answer_cues, answer_terms,
                        definition_index, definition_overlap, question_terms)
from ..labels import OUTCOME_NAMES, finding_pairs
from ..tag import TaggedAnswer

# Fixed a priori (not tuned on the evaluation folds).
OUTCOME_C = 10.0
FINDING_C = 10.0
CALIBRATION_FOLDS = 3
THRESHOLD_GRID = tuple(np.round(np.arange(0.2, 0.81, 0.05), 2))
MIN_POSITIVES = 4  # fewer examples than this: the label keeps its base rate, never predicted

GATE_C = 10.0



def _outcome_base() -> LogisticRegression:
    return LogisticRegression(C=OUTCOME_C, solver="newton-cg", max_iter=5000)


def _outcome_head() -> CalibratedClassifierCV:
    base = _outcome_base()
    return CalibratedClassifierCV(base, method="temperature", cv=StratifiedKFold(CALIBRATION_FOLDS), ensemble=False)


def _finding_base() -> LogisticRegression:
    return LogisticRegression(C=FINDING_C, class_weight="balanced", solver="liblinear", random_state=0, max_iter=5000)


def _folds(y: np.ndarray, groups: Sequence[str] | None, n: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Grouped folds (no document on both sides) when every training part sees both classes, else stratified."""
    if groups is not None and len(set(groups)) >= n:
        folds = list(GroupKFold(n).split(np.zeros(len(y)), y, groups))
        if all(0 < y[train].sum() < len(train) for train, _ in folds):
            return folds
    return list(StratifiedKFold(n).split(np.zeros(len(y)), y))


def tune_threshold(y: np.ndarray, scores: np.ndarray) -> float:
    """The threshold on out-of-fold probabilities that maximises F1 (ties: nearest 0.5)."""
    best = max(THRESHOLD_GRID, key=lambda t: (round(f1_score(y, scores >= t, zero_division=0), 6), -abs(t - 0.5)))
    return float(best)



# ---------------------------------------------------------------- the features

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


class DefinitionOverlap(BaseEstimator, TransformerMixin):
    """TaggedAnswers -> dicts of per-label definition overlap (see `definition_overlap`); `asked`:
    with the question's (a per-question scheme's, `Scheme.per_question`)."""

    def __init__(self, definitions: dict[str, list[str]] | None = None, asked: bool = False) -> None:
        self.definitions = definitions
        self.asked = asked

    def fit(self, X: Sequence[TaggedAnswer], y: Any = None) -> "DefinitionOverlap":
        return self

    def transform(self, X: Sequence[TaggedAnswer]) -> list[dict[str, float]]:
        definitions = self.definitions or {}
        index = definition_index(definitions)
        return [definition_overlap(item, definitions, index, asked=self.asked) for item in X]


def _terms_vectorizer(ngrams: tuple[int, int], min_df: int) -> TfidfVectorizer:
    # Terms are already normalised and space-separated: split on spaces only.
    return TfidfVectorizer(ngram_range=ngrams, min_df=min_df, sublinear_tf=True, lowercase=False,
                           token_pattern=r"\S+", dtype=np.float64)


def build_features(definitions: dict[str, list[str]], asked: bool = False) -> FeatureUnion:
    """The feature extractor: answer n-grams, question topic, explicit cues and definition overlap
    (with the question's, `asked`, for a per-question scheme)."""
    return FeatureUnion(
        [
            ("answer", Pipeline([("terms", AnswerTerms()), ("tfidf", _terms_vectorizer(ANSWER_NGRAMS, ANSWER_MIN_DF))])),
            (QUESTION_BLOCK, Pipeline([("terms", QuestionTerms()), ("tfidf", _terms_vectorizer((1, 2), 2))])),
            ("cues", Pipeline([("cues", AnswerCues()), ("vector", DictVectorizer()), ("scale", MaxAbsScaler())])),
            ("definitions", Pipeline([("overlap", DefinitionOverlap(definitions, asked)), ("vector", DictVectorizer()),
                                      ("scale", MaxAbsScaler())])),
        ],
        transformer_weights={"answer": 1.0, QUESTION_BLOCK: 0.5, "cues": 1.0, "definitions": 1.0},
    )



# ---------------------------------------------------------------- compiling

# The transformer each block starts with -> what the compiled block reads (linear.INPUTS).
_INPUTS = {AnswerTerms: "answer_terms", QuestionTerms: "question_terms", AnswerCues: "cues",
           DefinitionOverlap: "definition_overlap"}
# The TfidfVectorizer settings term_rows reproduces: terms split on white space, nothing else done to them.
_PLAIN_TERMS = {"analyzer": "word", "input": "content", "token_pattern": r"\S+", "lowercase": False,
                "strip_accents": None, "stop_words": None, "preprocessor": None, "tokenizer": None, "binary": False}


def term_settings(vectorizer: TfidfVectorizer) -> dict[str, Any]:
    """A fitted TfidfVectorizer as `vectors.term_rows`' arguments (ValueError for settings it does not reproduce)."""
    params = vectorizer.get_params()
    if any(params[name] != value for name, value in _PLAIN_TERMS.items()) or vectorizer.norm not in (None, "l1", "l2"):
        raise ValueError("only TfidfVectorizers over space-separated terms (classify/features.py) can be compiled")
    return {"vocabulary": dict(vectorizer.vocabulary_), "ngrams": tuple(vectorizer.ngram_range),
            "idf": vectorizer.idf_ if vectorizer.use_idf else None, "sublinear": bool(vectorizer.sublinear_tf),
            "norm": vectorizer.norm, "dtype": vectorizer.dtype}


def compile_features(union: FeatureUnion) -> Features:
    """A fitted feature union (`build_features`) as linear.Features."""
    weights = union.transformer_weights or {}
    blocks, definitions, asked = [], {}, False
    for name, pipeline in union.transformer_list:
        first, vectorizer, *rest = [step for _, step in pipeline.steps]
        weight = weights.get(name)
        if isinstance(first, DefinitionOverlap):
            definitions, asked = dict(first.definitions or {}), first.asked
        if isinstance(vectorizer, TfidfVectorizer) and not rest:
            settings = term_settings(vectorizer)
            blocks.append(Block(name, "terms", _INPUTS[type(first)], settings["vocabulary"], weight, settings["ngrams"],
                                settings["idf"], settings["sublinear"], settings["norm"]))
        elif isinstance(vectorizer, DictVectorizer) and len(rest) <= 1 and all(isinstance(s, MaxAbsScaler) for s in rest):
            blocks.append(Block(name, "dict", _INPUTS[type(first)], dict(vectorizer.vocabulary_), weight,
                                separator=vectorizer.separator, scale=rest[0].scale_ if rest else None))
        else:
            raise ValueError(f"feature block {name!r}: a pipeline compile_features does not know")
    return Features(blocks, definitions, asked)


def compile_head(estimator: Any) -> Head:
    """A fitted head (a logistic regression, calibrated by sigmoid or temperature, or a prior) as a linear.Head."""
    classes = [c.item() if isinstance(c, np.generic) else c for c in estimator.classes_]
    if isinstance(estimator, DummyClassifier):
        if estimator.strategy != "prior":
            raise ValueError(f"a DummyClassifier of strategy {estimator.strategy!r} cannot be compiled")
        return Head("prior", classes, params=np.asarray(estimator.class_prior_, dtype=np.float64))
    if isinstance(estimator, CalibratedClassifierCV):
        if len(estimator.calibrated_classifiers_) != 1:
            raise ValueError("only a CalibratedClassifierCV of one calibrated classifier (ensemble=False) can be compiled")
        calibrated = estimator.calibrated_classifiers_[0]
        base, calibrator = calibrated.estimator, calibrated.calibrators[0]
        if calibrated.method == "sigmoid" and len(classes) == 2:
            kind, params = "sigmoid", [calibrator.a_, calibrator.b_]
        elif calibrated.method == "temperature":
            kind, params = "temperature", [calibrator.beta_]
        else:
            raise ValueError(f"calibration {calibrated.method!r} over {len(classes)} classes cannot be compiled")
        # The base regression's columns are the classes in order (it may have been fitted on their codes).
        if not isinstance(base, LogisticRegression) or list(base.classes_) not in (list(estimator.classes_), list(range(len(classes)))):
            raise ValueError("only a calibrated LogisticRegression over the same classes can be compiled")
        return Head(kind, classes, base.coef_, base.intercept_, np.asarray(params, dtype=np.float64))
    if isinstance(estimator, LogisticRegression):
        return Head("logistic", classes, estimator.coef_, estimator.intercept_)
    raise ValueError(f"a head of type {type(estimator).__name__} cannot be compiled")


# ---------------------------------------------------------------- fitting

def _fit_finding(X: Any, y: np.ndarray, groups: Sequence[str] | None) -> tuple[Any, float]:
    """One finding head and its cross-validated threshold."""
    if y.sum() < MIN_POSITIVES or y.sum() > len(y) - MIN_POSITIVES:
        return DummyClassifier(strategy="prior").fit(X, y), 1.01 if y.mean() < 0.5 else 0.0
    folds = _folds(y, groups, CALIBRATION_FOLDS)
    head = CalibratedClassifierCV(_finding_base(), method="sigmoid", cv=folds, ensemble=False).fit(X, y)
    # The calibrator was fitted on these same out-of-fold scores: reuse them to pick the threshold.
    out_of_fold = cross_val_predict(_finding_base(), X, y, cv=folds, method="decision_function")
    return head, tune_threshold(y, head.calibrated_classifiers_[0].calibrators[0].predict(out_of_fold))


# The blocks a pair's head reads: what the answer's question asks about, and how the answer
# echoes each definition. Whether the answer says yes or no is the polarity head's.
PAIR_BLOCKS = (QUESTION_BLOCK, "definitions")


def block_scale(features: FeatureUnion, items: Sequence[TaggedAnswer], blocks: Sequence[str]) -> np.ndarray:
    """Per column of the union's output: 1 / its block's weight for the `blocks` given, 0 for the rest.
    X times it is those blocks alone, at their own scale (the union's weights balance a question
    against the answer's words; a head that reads no answer words needs no such balance)."""
    weights = features.transformer_weights or {}
    scale = []
    for name, transformer in features.transformer_list:
        width = transformer.transform(items[:1]).shape[1]
        scale.append(np.full(width, 1.0 / weights.get(name, 1.0) if name in blocks else 0.0))
    return np.concatenate(scale)


def _fit_pairs(X: Any, scale: np.ndarray, findings: Sequence[Sequence[str]], pairs: Sequence[tuple[str, str]],
               groups: Sequence[str] | None) -> tuple[dict[str, tuple[Any, float]], Any]:
    """Per (yes, no) pair, a head for "the answer codes this pair's question" (either finding) over
    X times `scale`, and its threshold; one polarity head over the answers of every pair: 1 when it
    has the no alone. (A regression puts no weight on a column that is always 0: its gradient is nil.)"""
    asked_X = X.multiply(scale).tocsr()
    heads = {}
    for yes, no in pairs:
        y = np.array([yes in found or no in found for found in findings], dtype=int)
        heads[yes] = heads[no] = _fit_finding(asked_X, y, groups)
    rows = [i for i, found in enumerate(findings) if any(yes in found or no in found for yes, no in pairs)]
    says_no = np.array([any(no in findings[i] and yes not in findings[i] for yes, no in pairs) for i in rows], dtype=int)
    if not rows:
        return heads, None
    if min(says_no.sum(), len(says_no) - says_no.sum()) < MIN_POSITIVES:
        return heads, DummyClassifier(strategy="prior").fit(X[rows], says_no)
    return heads, _finding_base().fit(X[rows], says_no)


@dataclass
class Estimators:
    """The fitted scikit-learn parts of a model, before compiling (`compile_model`). A per-question
    scheme's pairs have heads fitted on X times `pair_scale` (compiling scales them back) and a
    `polarity` head."""

    features: FeatureUnion
    outcome: Any
    findings: list[Any]
    finding_labels: list[str]
    thresholds: dict[str, float]
    gate: LogisticRegression | None
    pairs: list[tuple[str, str]] = field(default_factory=list)
    pair_scale: np.ndarray | None = None
    polarity: Any = None


def fit_estimators(
    items: Sequence[TaggedAnswer],
    outcomes: Sequence[str],
    findings: Sequence[Sequence[str]],
    *,
    finding_labels: Sequence[str],
    definitions: dict[str, list[str]],
    groups: Sequence[str] | None = None,
    documents: Sequence[str] | None = None,
    asked: bool = False,
) -> Estimators:
    """Fit features, both heads and the subject gate on tagged answers; `groups` (bodies, else documents)
    keep the threshold folds honest; `documents` say which answers share a request (for the gate);
    `asked`: the scheme is per question (`Scheme.per_question`)."""
    unknown = set(outcomes) - set(OUTCOME_NAMES)
    if unknown:
        raise ValueError(f"unknown outcome labels {sorted(unknown)}")
    features = build_features(definitions, asked)
    X = features.fit_transform(items)
    y_outcome = np.array(outcomes)
    outcome_head = _outcome_head() if min(np.unique(y_outcome, return_counts=True)[1]) >= CALIBRATION_FOLDS else _outcome_base()
    outcome_head.fit(X, y_outcome)
    pairs = finding_pairs(finding_labels) if asked else []
    scale = block_scale(features, items, PAIR_BLOCKS) if pairs else None
    paired, polarity = _fit_pairs(X, scale, findings, pairs, groups) if pairs else ({}, None)
    heads, thresholds = [], {}
    for label in finding_labels:
        head, threshold = paired.get(label) or _fit_finding(X, np.array([label in f for f in findings], dtype=int), groups)
        heads.append(head)
        thresholds[label] = threshold
    return Estimators(features, outcome_head, heads, list(finding_labels), thresholds,
                      _fit_gate(X, findings, documents or groups), pairs, scale, polarity)


def compile_model(estimators: Estimators) -> FoiModel:
    """The fitted estimators as the model classify runs (classify/linear.py's arrays)."""
    gate, polarity = estimators.gate, estimators.polarity
    paired = {label for pair in estimators.pairs for label in pair}
    findings = []
    for label, head in zip(estimators.finding_labels, estimators.findings):
        compiled = compile_head(head)
        if label in paired and compiled.linear() is not None:  # fitted on X times the scale: read X itself
            compiled = replace(compiled, coef=compiled.coef * estimators.pair_scale)
        findings.append(compiled)
    return FoiModel(compile_features(estimators.features), compile_head(estimators.outcome), findings,
                    list(estimators.finding_labels), dict(estimators.thresholds),
                    gate=compile_head(gate) if gate is not None else None, pairs=list(estimators.pairs),
                    polarity=compile_head(polarity) if polarity is not None else None)


def fit_model(
    items: Sequence[TaggedAnswer],
    outcomes: Sequence[str],
    findings: Sequence[Sequence[str]],
    *,
    finding_labels: Sequence[str],
    definitions: dict[str, list[str]],
    groups: Sequence[str] | None = None,
    documents: Sequence[str] | None = None,
    asked: bool = False,
) -> FoiModel:
    """`fit_estimators`, compiled: the model training saves and cross-validation scores."""
    return compile_model(fit_estimators(items, outcomes, findings, finding_labels=finding_labels, definitions=definitions,
                                        groups=groups, documents=documents, asked=asked))


def _fit_gate(X: Any, findings: Sequence[Sequence[str]], documents: Sequence[str] | None) -> LogisticRegression | None:
    """The subject gate: answers of documents with any finding against the rest (None when either side
    has fewer than MIN_POSITIVES documents)."""
    if documents is None:
        return None
    on_subject = {document for document, found in zip(documents, findings) if found}
    off_subject = set(documents) - on_subject
    if len(on_subject) < MIN_POSITIVES or len(off_subject) < MIN_POSITIVES:
        return None
    y = np.array([document in on_subject for document in documents], dtype=int)
    return LogisticRegression(C=GATE_C, class_weight="balanced", solver="liblinear", max_iter=5000).fit(X, y)
