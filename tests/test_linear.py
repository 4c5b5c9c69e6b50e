"""The compiled model (classify/linear.py) computes what the scikit-learn estimators it was compiled from
compute, to the last bit: the feature matrix (less the zeros DictVectorizer stores), every head's
probabilities, each label's evidence scores; and classifying never imports scikit-learn."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.calibration import CalibratedClassifierCV
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from pipeline.classify.features import definition_terms
from pipeline.classify.linear import Features, expit, pack, unpack
from pipeline.classify.model import FoiModel
from pipeline.labels import load_scheme
from pipeline.tag.nlp import load_nlp, tag_records
from pipeline.train.examples import load_examples
from pipeline.train.fit import compile_head, compile_model, fit_estimators


@pytest.fixture(scope="module")
def fitted(corpus_dir: Path):
    """Estimators fitted on the fictional corpus's first half, and the tagged answers of the other half."""
    data = load_examples([corpus_dir / "labels.jsonl"], [corpus_dir])
    nlp, scheme = load_nlp(), load_scheme()
    tagged = tag_records([e.record for e in data.examples], nlp)
    documents = sorted({e.group for e in data.examples})
    train = [i for i, e in enumerate(data.examples) if e.group in set(documents[::2])]
    held = [i for i in range(len(tagged)) if i not in set(train)]
    estimators = fit_estimators([tagged[i] for i in train], [data.examples[i].outcome for i in train],
                                [data.examples[i].findings for i in train], finding_labels=scheme.finding_names,
                                definitions=definition_terms(scheme, nlp), groups=[data.examples[i].group for i in train])
    items = [tagged[i] for i in held]
    return estimators, items, [s for item in items for s in item.sentences()]


def _same_bits(a: np.ndarray, b: np.ndarray) -> None:
    assert a.shape == b.shape and a.dtype == b.dtype
    assert np.array_equal(a, b)  # exactly, not approximately


def test_features_are_the_union_less_its_stored_zeros(fitted) -> None:
    estimators, items, sentences = fitted
    features = compile_model(estimators).features
    assert len(items) > 20 and len(sentences) > len(items)
    for group in (items, sentences):
        lean, full = features.transform(group), estimators.features.transform(group)
        assert lean.shape == full.shape and lean.nnz < full.nnz and 0.0 not in lean.data
        assert (lean != full).nnz == 0


def test_every_head_gives_the_estimators_probabilities(fitted) -> None:
    estimators, items, sentences = fitted
    model = compile_model(estimators)
    kinds = {model.outcome.kind, *(head.kind for head in model.findings)}
    assert {"temperature", "sigmoid"} <= kinds
    for group in (items, sentences):
        lean, full = model.features.transform(group), estimators.features.transform(group)
        _same_bits(model.outcome.predict_proba(lean), estimators.outcome.predict_proba(full))
        for head, estimator in zip(model.findings, estimators.findings):
            _same_bits(head.predict_proba(lean), estimator.predict_proba(full))
        if estimators.gate is not None:
            _same_bits(model.gate.predict_proba(lean), estimators.gate.predict_proba(full))


def test_the_other_head_kinds_give_the_estimators_probabilities(fitted) -> None:
    """Heads a smaller or odder training set gets: an uncalibrated multinomial or binary regression,
    a class prior, temperature scaling over two classes."""
    estimators, items, _ = fitted
    X = estimators.features.transform(items)
    lean = compile_model(estimators).features.transform(items)
    outcomes = np.array([str(o) for o in estimators.outcome.predict(X)])
    binary = (outcomes == outcomes[0]).astype(int)
    for estimator, y in (
        (LogisticRegression(C=10.0, solver="newton-cg", max_iter=5000), outcomes),
        (LogisticRegression(C=10.0, solver="liblinear", max_iter=5000), binary),
        (DummyClassifier(strategy="prior"), binary),
        (CalibratedClassifierCV(LogisticRegression(max_iter=5000), method="temperature", cv=StratifiedKFold(3), ensemble=False), binary),
    ):
        head = compile_head(estimator.fit(X, y))
        _same_bits(head.predict_proba(lean), estimator.predict_proba(X))


def test_evidence_scores_are_the_estimators_coefficients(fitted) -> None:
    estimators, _, sentences = fitted
    model = compile_model(estimators)
    lean, full = model.features.transform(sentences), estimators.features.transform(sentences)
    coef = estimators.outcome.calibrated_classifiers_[0].estimator.coef_
    for n, label in enumerate(model.outcome_labels):
        _same_bits(lean @ model._weights(label), full @ (coef[n] - coef.mean(axis=0)))


def test_packed_arrays_come_back_the_same(fitted, tmp_path: Path) -> None:
    estimators, items, _ = fitted
    model = compile_model(estimators)
    np.savez_compressed(tmp_path / "model.npz", **pack(model.features, {"outcome": model.outcome, "gate": model.gate}, model.findings))
    with np.load(tmp_path / "model.npz", allow_pickle=False) as arrays:
        features, heads, findings = unpack(arrays)
    assert isinstance(features, Features)
    again = FoiModel(features, heads["outcome"], findings, model.finding_labels, model.thresholds, gate=heads.get("gate"))
    assert again.predict(items) == model.predict(items)


def test_expit_is_scipys_to_the_last_bit() -> None:
    from scipy.special import expit as scipy_expit

    values = np.concatenate([np.random.default_rng(0).normal(0, 12, 20000), [0.0, -0.0, 745.0, -745.0, 800.0, -800.0, 36.5, -36.5]])
    _same_bits(expit(values), scipy_expit(values))


def test_classifying_never_imports_scikit_learn(tmp_path: Path) -> None:
    (tmp_path / "letter.txt").write_text("1. Do you hold a budget for this?\nResponse: No, we hold no specific budget.\n")
    code = ("import sys; from typer.testing import CliRunner; from cli import app; "
            f"r = CliRunner().invoke(app, ['classify', {str(tmp_path / 'letter.txt')!r}, '--format', 'jsonl']); "
            "assert r.exit_code == 0, r.output; "
            "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in ('sklearn', 'skops', 'joblib')}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
