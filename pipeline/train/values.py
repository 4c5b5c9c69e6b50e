"""Learning the value scorers (pipeline/classify/values.py) from labelled values.

A labelled value is a kind and a value for one answer ("value_kind": "count", "value": 2;
corpus/GUIDE.md says how to label them). Every candidate the extractor proposes for
that answer (each number and the zero candidate; each name span; the answer's
polarity) becomes a row labelled by whether it is the gold value, and three logistic
regressions learn which features pick the right one. Their weights are plain
numbers, written as JSON (value_weights.json) and read back without running code.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from ..classify import Value, ValueWeights, answer_value, owner_words, value_candidates
from ..tag import Tagger, Tokens

@dataclass
class ValueExample:
    """One answer with its gold value: its tokens, its question's, the body's name words, a group for CV
    (the body) and its question's number."""

    answer: Tokens
    question: Tokens | None
    kind: str
    value: Any
    group: str
    owner: frozenset[str] = frozenset()
    exemptions: tuple[str, ...] = ()
    outcome: str = ""
    q: str = ""

    def predict(self, weights: ValueWeights) -> Value:
        """The value the extractor gives this answer with `weights`."""
        return answer_value(self.answer, self.question, weights, outcome=self.outcome, exemptions=self.exemptions,
                            owner=self.owner, q=self.q)


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def names_match(found: str, gold: str) -> bool:
    """Does `found` name `gold`? A word of gold's (3+ letters) inside found's letters, or a word of found's
    spelt within a few letters of it ("Verint" / "Verinit", "Firmstep" / "Firestep"); 'Microsoft' alone is not enough."""
    found_key = re.sub(r"[^a-z0-9]", "", _plain(found))
    parts = [p for p in re.split(r"[^a-z0-9]+", _plain(found)) if len(p) >= 3]
    gold_words = [re.sub(r"[^a-z0-9]", "", w) for w in _plain(gold).split()] + [re.sub(r"[^a-z0-9]", "", _plain(gold))]
    for word in gold_words:
        if len(word) < 3 or word == "microsoft":
            continue
        if word in found_key or any(SequenceMatcher(None, word, part).ratio() >= 0.8 for part in parts):
            return True
    return False


def training_rows(examples: Iterable[ValueExample]) -> dict[str, tuple[list[dict[str, float]], list[int]]]:
    """Per scorer, the candidates' features and whether each is the gold value."""
    rows: dict[str, tuple[list[dict[str, float]], list[int]]] = {"count": ([], []), "name": ([], []), "yes_no": ([], [])}
    for example in examples:
        candidates = value_candidates(example.answer, example.question, owner=example.owner, exemptions=example.exemptions,
                                      q=example.q)
        for number, features in candidates.count:
            rows["count"][0].append(features)
            rows["count"][1].append(int(example.kind == "count" and abs(number - float(example.value)) < 0.051))
        for text, features in candidates.name:
            rows["name"][0].append(features)
            rows["name"][1].append(int(example.kind == "name" and names_match(text, str(example.value))))
        if example.kind == "yes_no" and candidates.yes_no is not None:
            rows["yes_no"][0].append(candidates.yes_no)
            rows["yes_no"][1].append(int(example.value == "yes"))
    return rows


def fit_value_weights(examples: Sequence[ValueExample], *, c: float = 1.0) -> ValueWeights:
    """Three L2 logistic regressions (no intercept: each candidate kind carries its own bias feature)."""
    fitted: dict[str, dict[str, float]] = {}
    for scorer, (features, labels) in training_rows(examples).items():
        if len(set(labels)) < 2:
            raise ValueError(f"the {scorer} scorer needs labelled values of both kinds (right and wrong candidates)")
        vectoriser = DictVectorizer()
        model = LogisticRegression(C=c, max_iter=5000, fit_intercept=False).fit(vectoriser.fit_transform(features), labels)
        fitted[scorer] = {name: round(float(w), 6) for name, w in zip(vectoriser.feature_names_, model.coef_[0])}
    return ValueWeights(fitted["count"], fitted["name"], fitted["yes_no"])


def label_examples(labels_files: Sequence[str | Path], docs_dirs: Sequence[str | Path], tagger: Tagger, *,
                   request: Any = None) -> list[ValueExample]:
    """The answers of labels files that carry a `value_kind`, located where their anchors say (as training does)."""
    from ..goldlabels import load_labels
    from .examples import load_examples

    data = load_examples(labels_files, docs_dirs, request=request)
    gold: dict[tuple[str, str], tuple[str, Any, str | None]] = {}
    for labels_file in labels_files:
        for document in load_labels(labels_file):
            for answer in document.answers:
                if answer.value_kind:
                    gold[(document.doc, answer.q)] = (answer.value_kind, answer.value, document.responder)
    chosen = [e for e in data.examples if (e.record["doc"], e.record["q"]) in gold]
    texts = [t for e in chosen for t in (e.record["answer"], e.record["question"] or "")]
    tokens = tagger.tokens(texts)
    out = []
    for k, example in enumerate(chosen):
        kind, value, responder = gold[(example.record["doc"], example.record["q"])]
        out.append(ValueExample(tokens[2 * k], tokens[2 * k + 1] if example.record["question"] else None, kind, value,
                                example.group.rsplit(":", 1)[0] + ":" + example.record["doc"].split("/")[0],
                                owner_words(responder), tuple(example.record["exemptions"]), example.outcome,
                                str(example.record["q"])))
    return out
