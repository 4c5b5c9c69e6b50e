"""The classifier: features + two linear heads, calibrated, with per-label thresholds.

- outcome: one multinomial logistic regression, calibrated by temperature scaling
  (keeps its ranking, fixes over/under-confidence);
- findings: one logistic regression per scheme label (one-vs-rest, any number per
  answer), each calibrated by Platt scaling, with a decision threshold chosen by
  grouped cross-validation inside the training data (never on test data);
- a subject gate: a logistic regression telling answers to requests on the scheme's
  subject (documents with any of its findings) from the rest. A scheme's findings
  belong to answers on its subject, so off the subject an answer gets none, however
  much it sounds like one ("we have no specific policy" about discharging patients is
  no `no_official_strategy` of a trafficking scheme). Learnt, not listed: the labelled
  answers of unrelated requests are its counter-examples.

The outcome head is not class-balanced: measured body held out on real replies, balancing
made the rare outcomes (a transfer, a clarification) fire on ordinary answers more often
than it found them.

Everything is linear, so `explain` can say which sentence of an answer weighs most
for a label: its features' dot product with the label's coefficients. Training is
deterministic (no randomness anywhere: fixed folds, deterministic solvers).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold, StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion

from ..extract import Segmenter
from ..labels import OUTCOME_NAMES
from .features import QUESTION_BLOCK, TaggedAnswer, build_features, transform_features

# Fixed a priori (not tuned on the evaluation folds).
OUTCOME_C = 10.0
FINDING_C = 10.0
CALIBRATION_FOLDS = 3
THRESHOLD_GRID = tuple(np.round(np.arange(0.2, 0.81, 0.05), 2))
MIN_POSITIVES = 4  # fewer examples than this: the label keeps its base rate, never predicted


GATE_C = 10.0
GATE_THRESHOLD = 0.5


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


def _linear(head: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """Coefficients and intercepts of a head's underlying logistic regression."""
    if isinstance(head, CalibratedClassifierCV):
        head = head.calibrated_classifiers_[0].estimator
    if isinstance(head, LogisticRegression):
        return head.coef_, head.intercept_
    return None


def positive_proba(head: Any, X: Any) -> np.ndarray:
    """Probability of the positive class (0 when the head never saw one)."""
    classes = list(head.classes_)
    if 1 not in classes:
        return np.zeros(X.shape[0])
    return head.predict_proba(X)[:, classes.index(1)]


@dataclass
class Prediction:
    """One answer's labels and probabilities."""

    outcome: str
    outcome_confidence: float
    findings: list[str]
    finding_scores: dict[str, float]


@dataclass
class FoiModel:
    """Fitted features and heads, plus the label names and thresholds they need, and the
    segmenter that splits replies into the answers they classify (None: the hand rules)."""

    features: FeatureUnion
    outcome: Any
    findings: list[Any]
    finding_labels: list[str]
    thresholds: dict[str, float]
    meta: dict[str, Any] = field(default_factory=dict)
    gate: Any = None  # on the scheme's subject or not (None: every training document was, or none)
    segmenter: Segmenter | None = None

    @property
    def outcome_labels(self) -> list[str]:
        return [str(c) for c in self.outcome.classes_]

    def predict(self, items: Sequence[TaggedAnswer]) -> list[Prediction]:
        """Labels and calibrated probabilities for each answer."""
        if not items:
            return []
        X = transform_features(self.features, items)
        outcome_p = self.outcome.predict_proba(X)
        finding_p = np.column_stack([positive_proba(head, X) for head in self.findings]) if self.findings else np.zeros((len(items), 0))
        # Off the scheme's subject an answer gets no findings; its scores stay, to show how near it came.
        on_subject = positive_proba(self.gate, X) >= GATE_THRESHOLD if self.gate is not None else np.ones(len(items), bool)
        predictions = []
        for row, scores, gated in zip(outcome_p, finding_p, on_subject):
            best = int(np.argmax(row))
            finding_scores = {label: round(float(s), 4) for label, s in zip(self.finding_labels, scores)}
            predictions.append(
                Prediction(
                    outcome=self.outcome_labels[best],
                    outcome_confidence=round(float(row[best]), 4),
                    findings=[l for l, s in zip(self.finding_labels, scores) if gated and s >= self.thresholds[l]],
                    finding_scores=finding_scores,
                )
            )
        return predictions

    def evidence(self, items: Sequence[TaggedAnswer], labels: Sequence[Sequence[str]]) -> list[dict[str, str]]:
        """For each answer and each of its labels, the sentence whose features weigh most for the label.

        A sentence's weight for a label is its feature vector's dot product with the label's
        coefficients (for an outcome: relative to the mean of all outcomes' coefficients).
        """
        weights = {label: self._weights(label) for label in {l for group in labels for l in group}}
        chosen: list[dict[str, str]] = [{} for _ in items]
        # Answers of one sentence need no scoring: that sentence is the evidence. The sentences of
        # all the others are transformed together, in one call.
        multi, flat, spans = [], [], []
        for n, (item, wanted) in enumerate(zip(items, labels)):
            if not any(weights[label] is not None for label in wanted):
                continue
            sentences = item.sentences()
            if len(sentences) == 1:
                text = sentences[0].text.strip()
                chosen[n] = {label: text for label in wanted if weights[label] is not None}
            elif sentences:
                multi.append(n)
                spans.append((len(flat), sentences))
                flat.extend(sentences)
        if not flat:
            return chosen
        X = self._sentence_features(flat)
        for n, (start, group) in zip(multi, spans):
            rows = X[start : start + len(group)]
            best = {}
            for label in labels[n]:
                if weights[label] is not None:
                    best[label] = group[int(np.argmax(rows @ weights[label]))].text.strip()
            chosen[n] = best
        return chosen

    def _sentence_features(self, sentences: Sequence[TaggedAnswer]) -> Any:
        """The features of an answer's sentences for ranking them, the question's block left at zero:
        the sentences of one answer share its question, so that block adds the same to each
        sentence's score and cannot change which one weighs most (and costs a transform)."""
        return transform_features(self.features, sentences, zeroed=QUESTION_BLOCK)

    def _weights(self, label: str) -> np.ndarray | None:
        if label in self.finding_labels:
            linear = _linear(self.findings[self.finding_labels.index(label)])
            return linear[0][0] if linear else None
        linear = _linear(self.outcome)
        if linear is None or label not in self.outcome_labels:
            return None
        coef = linear[0]
        return coef[self.outcome_labels.index(label)] - coef.mean(axis=0)


def _fit_finding(X: Any, y: np.ndarray, groups: Sequence[str] | None) -> tuple[Any, float]:
    """One finding head and its cross-validated threshold."""
    if y.sum() < MIN_POSITIVES or y.sum() > len(y) - MIN_POSITIVES:
        return DummyClassifier(strategy="prior").fit(X, y), 1.01 if y.mean() < 0.5 else 0.0
    folds = _folds(y, groups, CALIBRATION_FOLDS)
    head = CalibratedClassifierCV(_finding_base(), method="sigmoid", cv=folds, ensemble=False).fit(X, y)
    # The calibrator was fitted on these same out-of-fold scores: reuse them to pick the threshold.
    out_of_fold = cross_val_predict(_finding_base(), X, y, cv=folds, method="decision_function")
    return head, tune_threshold(y, head.calibrated_classifiers_[0].calibrators[0].predict(out_of_fold))


def fit_model(
    items: Sequence[TaggedAnswer],
    outcomes: Sequence[str],
    findings: Sequence[Sequence[str]],
    *,
    finding_labels: Sequence[str],
    definitions: dict[str, list[str]],
    groups: Sequence[str] | None = None,
    documents: Sequence[str] | None = None,
) -> FoiModel:
    """Fit features, both heads and the subject gate on tagged answers; `groups` (bodies, else documents)
    keep the threshold folds honest; `documents` say which answers share a request (for the gate)."""
    unknown = set(outcomes) - set(OUTCOME_NAMES)
    if unknown:
        raise ValueError(f"unknown outcome labels {sorted(unknown)}")
    features = build_features(definitions)
    X = features.fit_transform(items)
    y_outcome = np.array(outcomes)
    outcome_head = _outcome_head() if min(np.unique(y_outcome, return_counts=True)[1]) >= CALIBRATION_FOLDS else _outcome_base()
    outcome_head.fit(X, y_outcome)
    heads, thresholds = [], {}
    for label in finding_labels:
        y = np.array([label in f for f in findings], dtype=int)
        head, threshold = _fit_finding(X, y, groups)
        heads.append(head)
        thresholds[label] = threshold
    return FoiModel(features, outcome_head, heads, list(finding_labels), thresholds,
                    gate=_fit_gate(X, findings, documents or groups))


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
