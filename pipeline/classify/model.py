"""The classifier: features + two linear heads, calibrated, with per-label thresholds.

- outcome: one multinomial logistic regression, calibrated by temperature scaling
  (keeps its ranking, fixes over/under-confidence);
- findings: one logistic regression per scheme label (one-vs-rest, any number per
  answer), each calibrated by Platt scaling, with a decision threshold chosen by
  grouped cross-validation inside the training data (never on test data);
- a per-question scheme's yes/no pairs (`X`, `no_X`: labels.finding_pairs) are decided
  together, as a person codes a yes/no question: one head says whether the answer codes
  that pair's question (both findings' slots hold it, with its threshold), one polarity
  head shared by every pair says whether it says no, and an answer codes one question, so
  at most one pair (its most likely) gets a finding. The polarity head learns from every
  pair's answers at once (a head per finding would see only its own few), and "there are
  none" reads alike whatever the question. One passage given to several questions (a
  letter that answers them together) codes each of them: every copy carries the pair
  findings of all its copies (`blocks`);
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
deterministic (no randomness anywhere: fixed folds, deterministic solvers): pipeline/train/fit.py
fits the heads with scikit-learn and compiles them into the arrays this module
predicts with (linear.py), so classifying needs numpy and scipy.sparse only.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..extract import SHARED, Segmenter
from .cues import only_label
from .features import QUESTION_BLOCK, TaggedAnswer
from .linear import Features, Head, Inputs

GATE_THRESHOLD = 0.5


def answer_blocks(records: Sequence[dict[str, Any]]) -> list[Hashable]:
    """A key per record, equal for the copies of one answer given to several questions (flagged
    `answers_several` by extraction, or by the gold labels' shared anchors), unique otherwise."""
    return [(r.get("doc"), r.get("answer")) if SHARED in (r.get("flags") or ()) else ("", n) for n, r in enumerate(records)]


def shared_block(scores: np.ndarray, found: np.ndarray, blocks: Sequence[Hashable], columns: list[int]) -> None:
    """In place, over `columns`: each copy of a passage given to several questions gets the findings
    any of its copies got, at the best copy's score (a per-question scheme codes each question the
    passage answers: "we have no housing officers; discharge follows our policy" gives both)."""
    rows: dict[Hashable, list[int]] = defaultdict(list)
    for row, key in enumerate(blocks):
        rows[key].append(row)
    for copies in (r for r in rows.values() if len(r) > 1):
        for column in columns:
            found[copies, column] = found[copies, column].any()
            scores[copies, column] = scores[copies, column].max()


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

    features: Features
    outcome: Head
    findings: list[Head]
    finding_labels: list[str]
    thresholds: dict[str, float]
    meta: dict[str, Any] = field(default_factory=dict)
    gate: Head | None = None  # on the scheme's subject or not (None: every training document was, or none)
    segmenter: Segmenter | None = None
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (yes, no) findings decided together
    polarity: Head | None = None  # with `pairs`: whether an answer says no

    def _pair_findings(self, X: Any, finding_p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each pair's finding scores (the pair's head times the polarity, either way) and which
        finding each answer gets (one pair at most: the likeliest over its threshold)."""
        negative = self.polarity.positive(X) if self.polarity is not None else np.zeros(X.shape[0])
        chosen = np.zeros(finding_p.shape, dtype=bool)
        scores = finding_p.copy()
        columns = [(self.finding_labels.index(yes), self.finding_labels.index(no)) for yes, no in self.pairs]
        if not columns:
            return scores, chosen
        asked = np.column_stack([finding_p[:, yes] for yes, _ in columns])
        over = asked >= np.array([self.thresholds[self.finding_labels[yes]] for yes, _ in columns])
        best = np.where(over, asked, -1.0).argmax(axis=1)
        for j, (yes, no) in enumerate(columns):
            scores[:, yes], scores[:, no] = asked[:, j] * (1 - negative), asked[:, j] * negative
            picked = over[:, j] & (best == j)
            chosen[:, no] = picked & (negative >= 0.5)
            chosen[:, yes] = picked & (negative < 0.5)
        return scores, chosen

    @property
    def outcome_labels(self) -> list[str]:
        return [str(c) for c in self.outcome.classes]

    def predict(self, items: Sequence[TaggedAnswer], inputs: Inputs | None = None,
                blocks: Sequence[Hashable] | None = None) -> list[Prediction]:
        """Labels and calibrated probabilities for each answer (`inputs`: the features' inputs, if known;
        `blocks`: a key per answer, equal for the copies of one passage given to several questions)."""
        if not items:
            return []
        X = self.features.transform(items, inputs=inputs)
        outcome_p = self.outcome.predict_proba(X)
        finding_p = np.column_stack([head.positive(X) for head in self.findings]) if self.findings else np.zeros((len(items), 0))
        found = finding_p >= np.array([self.thresholds[label] for label in self.finding_labels])
        if self.pairs:
            finding_p, chosen = self._pair_findings(X, finding_p)
            paired = [self.finding_labels.index(label) for pair in self.pairs for label in pair]
            found[:, paired] = chosen[:, paired]
            if blocks is not None:
                shared_block(finding_p, found, blocks, paired)
        # Off the scheme's subject an answer gets no findings; its scores stay, to show how near it came.
        on_subject = self.gate.positive(X) >= GATE_THRESHOLD if self.gate is not None else np.ones(len(items), bool)
        predictions = []
        for row, scores, hits, gated in zip(outcome_p, finding_p, found, on_subject):
            best = int(np.argmax(row))
            finding_scores = {label: round(float(s), 4) for label, s in zip(self.finding_labels, scores)}
            predictions.append(
                Prediction(
                    outcome=self.outcome_labels[best],
                    outcome_confidence=round(float(row[best]), 4),
                    findings=[label for label, hit in zip(self.finding_labels, hits) if gated and hit],
                    finding_scores=finding_scores,
                )
            )
        return predictions

    def evidence(self, items: Sequence[TaggedAnswer], labels: Sequence[Sequence[str]],
                 sentence_inputs: Sequence[Inputs] | None = None) -> list[dict[str, str]]:
        """For each answer and each of its labels, the sentence whose features weigh most for the label.

        A sentence's weight for a label is its feature vector's dot product with the label's
        coefficients (for an outcome: relative to the mean of all outcomes' coefficients).
        `sentence_inputs`, if known: per answer, `sentence_inputs(item)`.
        """
        weights = {label: self._weights(label) for label in {l for group in labels for l in group}}
        chosen: list[dict[str, str]] = [{} for _ in items]
        # Answers of one sentence need no scoring: that sentence is the evidence. The sentences of
        # all the others are transformed together, in one call.
        multi, flat, spans = [], [], []
        flat_inputs: Inputs | None = None if sentence_inputs is None else {}
        for n, (item, wanted) in enumerate(zip(items, labels)):
            if not any(weights[label] is not None for label in wanted):
                continue
            sentences = _own_sentences(item)
            if len(sentences) == 1:
                text = sentences[0].text.strip()
                chosen[n] = {label: text for label in wanted if weights[label] is not None}
            elif sentences:
                multi.append(n)
                spans.append((len(flat), sentences))
                flat.extend(sentences)
                if flat_inputs is not None:
                    for name, values in sentence_inputs[n].items():
                        flat_inputs.setdefault(name, []).extend(values)
        if not flat:
            return chosen
        X = self.features.transform(flat, zeroed=QUESTION_BLOCK, inputs=flat_inputs)
        for n, (start, group) in zip(multi, spans):
            rows = X[start : start + len(group)]
            best = {}
            for label in labels[n]:
                if weights[label] is not None:
                    best[label] = group[int(np.argmax(rows @ weights[label]))].text.strip()
            chosen[n] = best
        return chosen

    def sentence_inputs(self, item: TaggedAnswer) -> Inputs:
        """What the features read of each sentence of an answer of more than one (for `evidence`), the
        question's block left out: the sentences of one answer share its question, so that block adds
        the same to each sentence's score and cannot change which one weighs most."""
        sentences = _own_sentences(item)
        return self.features.inputs(sentences, zeroed=QUESTION_BLOCK) if len(sentences) > 1 else {}

    def _weights(self, label: str) -> np.ndarray | None:
        """The coefficients a sentence's features meet for `label`. A pair's finding is told from its
        other by the polarity head (its pair head reads the question, the same for every sentence)."""
        side = next((sign for pair in self.pairs for name, sign in zip(pair, (-1.0, 1.0)) if name == label), None)
        if side is not None and self.polarity is not None:
            linear = self.polarity.linear()
            return side * linear[0][0] if linear else None
        if label in self.finding_labels:
            linear = self.findings[self.finding_labels.index(label)].linear()
            return linear[0][0] if linear else None
        linear = self.outcome.linear()
        if linear is None or label not in self.outcome_labels:
            return None
        coef = linear[0]
        return coef[self.outcome_labels.index(label)] - coef.mean(axis=0)


def _own_sentences(item: TaggedAnswer) -> list[TaggedAnswer]:
    """An answer's sentences as evidence, less one that is only its list label ("5."; `cues.only_label`) or only
    punctuation: neither says anything."""
    sentences = item.sentences()
    return [s for s in sentences if not all(s.tokens.filler) and not only_label(s.tokens.words)] or sentences
