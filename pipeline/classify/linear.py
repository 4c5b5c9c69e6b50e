"""The fitted classifier as arrays: its features and heads computed with numpy and scipy.sparse alone.

Training fits scikit-learn estimators (train/fit.py) and compiles them into these objects.
Classifying never imports scikit-learn, nor a loader for its objects: together they took
2.5 s of every process's start (and every Dask or --jobs worker's), more than loading
spaCy. A model folder holds numbers and words only (`pack`: numpy arrays, saved and
loaded without pickle, so a shared model cannot run code).

Each transform and probability is computed by the operations of the estimator it stands
in for, in the same order, so it is the same to the last bit: TfidfVectorizer's and
DictVectorizer's rows (vectors.py), MaxAbsScaler's column scaling, FeatureUnion's block
weights, LogisticRegression's decision function, softmax and logistic function,
CalibratedClassifierCV's sigmoid and temperature calibration (one calibrated classifier,
`ensemble=False`), DummyClassifier's prior. tests/test_linear.py holds them to
scikit-learn's on a fitted model.
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from ..tag import TaggedAnswer
from ..vectors import dict_rows, term_rows
from .cues import answer_cues
from .features import definition_index, answer_terms, definition_overlap, question_terms

# What a block reads from a tagged answer: the answer's terms, its question's terms (both joined by
# spaces, as the TfidfVectorizers were fitted), its cues, its overlap with the labels' definitions.
INPUTS = ("answer_terms", "question_terms", "cues", "definition_overlap")
Inputs = dict[str, list[Any]]  # an input's name -> its value for each item (plain values: JSON keeps them exactly)


@dataclass
class Block:
    """One block of the feature union: a fitted vectorizer's vocabulary and weights, and the block's weight.

    `kind` "terms": TF-IDF rows (`ngrams`, `idf`, `sublinear`, `norm`); "dict": DictVectorizer rows
    (`separator`), zeros left out, then each column divided by MaxAbsScaler's `scale` (None: no scaler).
    """

    name: str
    kind: str
    input: str
    vocabulary: dict[str, int]
    weight: float | None = None
    ngrams: tuple[int, int] = (1, 1)
    idf: np.ndarray | None = None
    sublinear: bool = False
    norm: str | None = None
    separator: str = "="
    scale: np.ndarray | None = None

    def rows(self, data: Sequence[Any]) -> Any:
        """This block's rows for its inputs (the answers' terms, cues or overlaps), weighted."""
        if self.kind == "terms":
            matrix = term_rows(data, self.vocabulary, ngrams=self.ngrams, idf=self.idf, sublinear=self.sublinear,
                               norm=self.norm)
        else:
            matrix = dict_rows(data, self.vocabulary, self.separator, skip_zeros=True)
            if self.scale is not None:
                matrix.data *= (1.0 / self.scale).take(matrix.indices, mode="clip")
        return matrix * self.weight if self.weight is not None else matrix


@dataclass
class Features:
    """The feature union: blocks side by side, over the labels' `definitions` (label -> lemmas);
    `asked`: the definition overlaps include the question's (`features.asked_overlap`)."""

    blocks: list[Block]
    definitions: dict[str, list[str]] = field(default_factory=dict)
    asked: bool = False

    def transform(self, items: Sequence[TaggedAnswer], *, zeroed: str | None = None, inputs: Inputs | None = None) -> Any:
        """The CSR feature matrix of `items`; the block named `zeroed` is not computed but left at zero.
        `inputs`: what `inputs(items, zeroed=zeroed)` gives, when the caller has it already (a cache)."""
        inputs = self.inputs(items, zeroed=zeroed) if inputs is None else inputs
        matrices = [sparse.csr_matrix((len(items), len(block.vocabulary))) if block.name == zeroed
                    else block.rows(inputs[block.input]) for block in self.blocks]
        return sparse.hstack(matrices, format="csr")

    def inputs(self, items: Sequence[TaggedAnswer], *, zeroed: str | None = None) -> Inputs:
        """What the blocks (but `zeroed`) read of each item: the model's only work on an answer that
        does not depend on its weights, so it can be kept from run to run (inputcache.py)."""
        wanted = {block.input for block in self.blocks if block.name != zeroed}
        makers: dict[str, Callable[[], list[Any]]] = {
            "answer_terms": lambda: [" ".join(answer_terms(item.tokens)) for item in items],
            "question_terms": lambda: [" ".join(question_terms(item.question_tokens)) for item in items],
            "cues": lambda: [answer_cues(item) for item in items],
            "definition_overlap": lambda: _overlaps(items, self.definitions, self.asked),
        }
        return {name: makers[name]() for name in wanted}


def _overlaps(items: Sequence[TaggedAnswer], definitions: dict[str, list[str]], asked: bool) -> list[dict[str, float]]:
    index = definition_index(definitions)
    return [definition_overlap(item, definitions, index, asked=asked) for item in items]


def expit(values: np.ndarray) -> np.ndarray:
    """The logistic function as scipy.special.expit computes it (1 / (1 + exp(-x)) with the C library's
    exp; numpy's own exp can differ in the last bit), without importing scipy.special."""
    out = []
    for value in values.tolist():
        try:
            out.append(1.0 / (1.0 + math.exp(-value)))
        except OverflowError:
            out.append(0.0)
    return np.asarray(out, dtype=np.float64).reshape(values.shape)


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax as scikit-learn's `softmax` computes it (in place)."""
    scores -= scores.max(axis=1).reshape(-1, 1)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=1).reshape(-1, 1)
    return scores


@dataclass
class Head:
    """A fitted head: a logistic regression (`kind` "logistic"), the same calibrated ("sigmoid":
    `params` [a, b]; "temperature": `params` [beta]), or a class prior ("prior": `params` the prior)."""

    kind: str
    classes: list[Any]
    coef: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    intercept: np.ndarray = field(default_factory=lambda: np.zeros(0))
    params: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def decision(self, X: Any) -> np.ndarray:
        """LogisticRegression.decision_function: one column per class, or one score when binary."""
        scores = X @ self.coef.T + self.intercept
        return scores.reshape(-1) if scores.ndim > 1 and scores.shape[1] == 1 else scores

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities, one column per class in `classes` order."""
        if self.kind == "prior":
            return np.ones((X.shape[0], 1)) * self.params
        scores = self.decision(X)
        if self.kind == "logistic":
            if scores.ndim == 1:
                positive = expit(scores)
                return np.stack([1 - positive, positive], axis=1)
            return softmax(scores)
        if self.kind == "sigmoid":
            proba = np.zeros((X.shape[0], 2))
            proba[:, 1] = expit(-(self.params[0] * scores + self.params[1]))
            proba[:, 0] = 1.0 - proba[:, 1]
        else:  # temperature
            proba = softmax(self.params[0] * _logits(scores))
        proba[(1.0 < proba) & (proba <= 1.0 + 1e-5)] = 1.0
        return proba

    def positive(self, X: Any) -> np.ndarray:
        """Probability of the positive class (0 when the head never saw one)."""
        if 1 not in self.classes:
            return np.zeros(X.shape[0])
        return self.predict_proba(X)[:, self.classes.index(1)]

    def linear(self) -> tuple[np.ndarray, np.ndarray] | None:
        """Coefficients and intercepts of the underlying logistic regression (None for a prior)."""
        return None if self.kind == "prior" else (self.coef, self.intercept)


def _logits(scores: np.ndarray) -> np.ndarray:
    """Temperature scaling's logits of decision scores: a binary score x as (-x, x); scores that look
    like probabilities (in [0, 1], rows summing to 1) as their logs, as scikit-learn takes them."""
    if scores.ndim == 1:
        scores = scores.reshape(-1, 1)
    if scores.shape[1] == 1:
        return np.concatenate([-scores, scores], axis=1)
    if np.all((scores >= 0) & (scores <= 1)) and np.all(np.isclose(scores.sum(axis=1), 1.0)):
        return np.log(scores + 1e-12)
    return scores


# ---------------------------------------------------------------- to and from arrays

def pack(features: Features, heads: dict[str, Head | None], findings: Sequence[Head]) -> dict[str, np.ndarray]:
    """Every number and word of the features and heads as named arrays (no object arrays: numpy saves
    and loads them without pickle); the layout (kinds, settings, classes) as one JSON string."""
    arrays: dict[str, np.ndarray] = {}
    blocks = []
    for n, block in enumerate(features.blocks):
        arrays[f"block{n}.vocabulary"] = np.array(sorted(block.vocabulary, key=block.vocabulary.__getitem__), dtype=str)
        for name in ("idf", "scale"):
            if getattr(block, name) is not None:
                arrays[f"block{n}.{name}"] = getattr(block, name)
        blocks.append({"name": block.name, "kind": block.kind, "input": block.input, "weight": block.weight,
                       "ngrams": list(block.ngrams), "sublinear": block.sublinear, "norm": block.norm,
                       "separator": block.separator})
    layout: dict[str, Any] = {"blocks": blocks, "definitions": features.definitions, "heads": {}, "findings": []}
    if features.asked:
        layout["asked"] = True
    for name, head in [*heads.items(), *((f"finding{n}", head) for n, head in enumerate(findings))]:
        if head is None:
            continue
        for part in ("coef", "intercept", "params"):
            arrays[f"{name}.{part}"] = getattr(head, part)
        spec = {"kind": head.kind, "classes": head.classes}
        if name.startswith("finding"):
            layout["findings"].append(spec)
        else:
            layout["heads"][name] = spec
    arrays["layout"] = np.array(json.dumps(layout, ensure_ascii=False))
    return arrays


def unpack(arrays: Any) -> tuple[Features, dict[str, Head], list[Head]]:
    """`pack`'s arrays back to the features, the named heads and the finding heads."""
    layout = json.loads(str(arrays["layout"]))
    blocks = []
    for n, spec in enumerate(layout["blocks"]):
        if spec["input"] not in INPUTS or spec["kind"] not in ("terms", "dict"):
            raise ValueError(f"block {spec['name']!r}: unknown input {spec['input']!r} or kind {spec['kind']!r}")
        vocabulary = {term: column for column, term in enumerate(arrays[f"block{n}.vocabulary"].tolist())}
        blocks.append(Block(spec["name"], spec["kind"], spec["input"], vocabulary, spec["weight"], tuple(spec["ngrams"]),
                            _optional(arrays, f"block{n}.idf"), spec["sublinear"], spec["norm"], spec["separator"],
                            _optional(arrays, f"block{n}.scale")))

    def head(name: str, spec: dict[str, Any]) -> Head:
        if spec["kind"] not in ("logistic", "sigmoid", "temperature", "prior"):
            raise ValueError(f"head {name!r}: unknown kind {spec['kind']!r}")
        return Head(spec["kind"], spec["classes"], arrays[f"{name}.coef"], arrays[f"{name}.intercept"], arrays[f"{name}.params"])

    heads = {name: head(name, spec) for name, spec in layout["heads"].items()}
    findings = [head(f"finding{n}", spec) for n, spec in enumerate(layout["findings"])]
    return Features(blocks, layout["definitions"], bool(layout.get("asked", False))), heads, findings


def _optional(arrays: Any, name: str) -> np.ndarray | None:
    return arrays[name] if name in arrays else None
