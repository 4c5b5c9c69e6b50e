"""Training: deterministic, reproduces the shipped model, refuses what it cannot use."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.examples import load_examples
from pipeline.modelstore import load_model
from pipeline.nlp import load_nlp, tag_records
from pipeline.train import train_model


def _prediction_hash(model, tagged) -> str:
    predictions = [(p.outcome, p.outcome_confidence, p.findings, p.finding_scores) for p in model.predict(tagged)]
    return hashlib.sha256(json.dumps(predictions, sort_keys=True).encode()).hexdigest()


@pytest.fixture(scope="module")
def corpus_tagged(corpus_dir: Path):
    data = load_examples([corpus_dir / "labels.jsonl"], [corpus_dir])
    return data, tag_records([e.record for e in data.examples], load_nlp())


def test_gold_answers_are_all_located(corpus_tagged) -> None:
    data, _ = corpus_tagged
    assert len(data.examples) == 316 and not data.skipped


def test_training_reproduces_the_shipped_model(corpus_dir: Path, corpus_tagged) -> None:
    """Same data, same model: the predictions of a fresh run hash the same as the shipped model's."""
    data, tagged = corpus_tagged
    shipped = load_model()
    assert shipped.meta["training"]["data_sha256"] == data.digest(), (
        "the gold answers' text changed since models/default was trained (cleaning?): "
        "retrain with `foi-nlp train corpus/labels.jsonl --docs corpus --out models/default --force`")
    fresh, _ = train_model([corpus_dir / "labels.jsonl"], [corpus_dir], cv=False)
    assert _prediction_hash(fresh, tagged) == _prediction_hash(shipped, tagged)


def test_shipped_model_card(corpus_dir: Path) -> None:
    card = load_model().meta
    assert card["spacy_pipeline"]["components"] == ["senter"]
    assert card["versions"]["scikit-learn"]
    assert set(card["cv_scores"]) == {"outcome_accuracy", "outcome_macro_f1", "findings_micro_f1", "findings_macro_f1"}
    assert all(0.5 < v <= 1.0 for v in card["cv_scores"].values())


def test_small_labels_file_with_null_question_anchors(corpus_dir: Path, tmp_path: Path) -> None:
    """The round-robin: 36 answers, rare labels, five letters that never restate the questions."""
    rr = corpus_dir / "roundrobin"
    model, data = train_model([rr / "labels.jsonl"], [rr / "responses"], out=tmp_path / "rr", cv=False)
    assert len(data.examples) == 36
    reloaded = load_model(tmp_path / "rr")
    tagged = tag_records([e.record for e in data.examples[:5]], load_nlp())
    assert _prediction_hash(model, tagged) == _prediction_hash(reloaded, tagged)


def test_unknown_finding_label_is_refused(tmp_path: Path, corpus_dir: Path) -> None:
    line = json.loads((corpus_dir / "labels.jsonl").read_text().splitlines()[0])
    line["answers"][0]["findings"] = ["no_specfic_budget"]
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps(line) + "\n")
    with pytest.raises(ValueError, match="no_specfic_budget"):
        train_model([labels], [corpus_dir], cv=False)


def test_train_command_never_overwrites_without_force(tmp_path: Path, corpus_dir: Path) -> None:
    existing = tmp_path / "model"
    existing.mkdir()
    result = CliRunner().invoke(app, ["train", str(corpus_dir / "labels.jsonl"), "--docs", str(corpus_dir), "--out", str(existing)])
    assert result.exit_code == 2
    assert list(existing.iterdir()) == []


def test_evaluate_cv_json(corpus_dir: Path) -> None:
    rr = corpus_dir / "roundrobin"
    result = CliRunner().invoke(app, ["evaluate", str(rr / "labels.jsonl"), "--docs", str(rr / "responses"), "--cv", "--format", "json"])
    assert result.exit_code == 0, result.output
    cv = json.loads(result.stdout)["classification"]["cv"]
    assert list(cv["systems"]) == ["keyword rules", "tfidf + logreg", "foi-nlp"]
    for system in cv["systems"].values():
        assert set(system["headline"]) == {"outcome_accuracy", "outcome_macro_f1", "findings_micro_f1", "findings_macro_f1"}
        assert all(0.0 <= v <= 1.0 for v in system["headline"].values())
