"""The retraining loop end to end, as a user runs it, and whether more labels help.

classify -> review -> a person corrects the labels in Label Studio -> import-labels ->
train (bundled corpus + own labels) -> evaluate old and new models; then a model
trained on more labelled documents against one trained on fewer, on the same
held-out documents.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.train.evaluate import score_model
from pipeline.train.examples import load_examples
from pipeline.classify.features import definition_terms
from pipeline.labels import load_scheme
from pipeline.classify.modelstore import CARD_MD_FILE, load_model
from pipeline.modelfiles import default_model_dir
from pipeline.tag.nlp import load_nlp, tag_records
from pipeline.train.fit import fit_model

runner = CliRunner()


def _run(*args: str):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def _gold(roundrobin: Path) -> dict[tuple[str, str], tuple[str, list[str]]]:
    """What the person decides for each answer: the round-robin's gold labels."""
    gold = {}
    for line in (roundrobin / "labels.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        for answer in record["answers"]:
            gold[(record["doc"], answer["q"])] = (answer["outcome"], sorted(answer["findings"]))
    return gold


def _labelstudio_export(tasks: list[dict], gold: dict) -> list[dict]:
    """Label Studio's Export > JSON after a person submitted every task with the right labels."""
    exported = []
    for number, task in enumerate(tasks, 1):
        outcome, findings = gold[(task["data"]["doc"], task["data"]["q"])]
        result = [{"from_name": "outcome", "to_name": "answer", "type": "choices", "value": {"choices": [outcome]}}]
        if findings:
            result.append({"from_name": "findings", "to_name": "answer", "type": "choices", "value": {"choices": findings}})
        exported.append({"id": number, "data": copy.deepcopy(task["data"]), "predictions": [number],
                         "annotations": [{"id": number, "result": result, "was_cancelled": False, "completed_by": 1}]})
    return exported


@pytest.fixture(scope="module")
def loop(tmp_path_factory, corpus_dir: Path, roundrobin_dir: Path) -> dict[str, Path]:
    """Every step of the loop, run once through the command line."""
    work = tmp_path_factory.mktemp("loop")
    responses, request = roundrobin_dir / "responses", roundrobin_dir / "request.txt"
    _run("classify", responses, "--request", request, "--format", "jsonl", "--out", work / "predictions.jsonl")
    _run("review", work / "predictions.jsonl", "--n", "36", "--out", work / "review.jsonl", "--format", "labelstudio")
    tasks = json.loads((work / "review.labelstudio.json").read_text("utf-8"))
    export = work / "project-1-at-2024-05-01.json"
    export.write_text(json.dumps(_labelstudio_export(tasks, _gold(roundrobin_dir))), "utf-8")
    _run("import-labels", export, "--from", "labelstudio", "--out", work / "my-labels.jsonl")
    trained = _run("train", corpus_dir / "labels.jsonl", work / "my-labels.jsonl", "--docs", corpus_dir, "--docs", responses,
                   "--request", request, "--out", work / "my-model", "--no-cv")
    evaluated = _run("evaluate", work / "my-labels.jsonl", "--docs", responses, "--request", request,
                     "--model", default_model_dir(), "--model", work / "my-model", "--format", "json")
    return {"work": work, "trained": trained, "evaluation": json.loads(evaluated.stdout), "responses": responses}


def test_review_output_is_refused_for_training_until_checked(loop, roundrobin_dir: Path) -> None:
    result = runner.invoke(app, ["train", str(loop["work"] / "review.jsonl"), "--docs", str(loop["responses"]),
                                 "--out", str(loop["work"] / "unchecked-model"), "--no-cv"])
    assert result.exit_code == 2
    assert "36 answers still carry unchecked model predictions" in result.output
    assert not (loop["work"] / "unchecked-model").exists()


def test_import_returns_the_persons_labels(loop, roundrobin_dir: Path) -> None:
    imported = [json.loads(line) for line in (loop["work"] / "my-labels.jsonl").read_text("utf-8").splitlines()]
    got = {(r["doc"], a["q"]): (a["outcome"], sorted(a["findings"])) for r in imported for a in r["answers"]}
    assert got == _gold(roundrobin_dir)
    assert {r["source"] for r in imported} == {"labelstudio"}


def test_new_model_is_trained_on_both_labels_files(loop) -> None:
    model = load_model(loop["work"] / "my-model")
    training = model.meta["training"]
    assert training["labels_files"][1].endswith("my-labels.jsonl")
    assert training["answers"] == 316 + 36 and training["documents"] == 101 + 12 and not training["skipped"]
    assert "352 labelled answers in 113 documents" in (loop["work"] / "my-model" / CARD_MD_FILE).read_text("utf-8")


def test_evaluate_shows_the_new_model_beside_the_old(loop) -> None:
    section = loop["evaluation"]["classification"]["model"]
    old, new = section["systems"]["model default"], section["systems"]["model my-model"]
    # The new model learnt these answers; the shipped one never saw them.
    for measure in ("outcome_accuracy", "findings_micro_f1"):
        assert new["headline"][measure] >= old["headline"][measure]
    assert new["headline"]["outcome_accuracy"] > 0.9
    per_label = new["per_label"]["provided"]
    assert set(per_label) == {"precision", "recall", "f1", "support"} and per_label["support"] == 21


def test_more_labelled_documents_do_not_score_worse_on_held_out_ones(corpus_dir: Path) -> None:
    """15 training documents against 75, scored on the same 26 held-out documents (every 4th by name).

    The sizes are far apart so the gap is well above noise (about 0.2 in outcome accuracy and 0.1 in
    findings micro-F1 when written); the check is that the larger set is not worse on any headline figure.
    """
    data = load_examples([corpus_dir / "labels.jsonl"], [corpus_dir])
    nlp, scheme = load_nlp(), load_scheme()
    tagged, definitions = tag_records([e.record for e in data.examples], nlp), definition_terms(scheme, nlp)
    documents = sorted({e.group for e in data.examples})
    held_out = set(documents[::4])
    rest = [d for d in documents if d not in held_out]
    test = [i for i, e in enumerate(data.examples) if e.group in held_out]

    def headline(train_documents: set[str]) -> dict[str, float]:
        train = [i for i, e in enumerate(data.examples) if e.group in train_documents]
        model = fit_model([tagged[i] for i in train], [data.examples[i].outcome for i in train], [data.examples[i].findings for i in train],
                          finding_labels=scheme.finding_names, definitions=definitions, groups=[data.examples[i].group for i in train])
        return score_model(model, [tagged[i] for i in test], [data.examples[i] for i in test]).headline()

    fewer, more = headline(set(rest[::5])), headline(set(rest))
    assert len(rest[::5]) == 15 and len(rest) == 75
    assert all(more[m] >= fewer[m] for m in more), (fewer, more)
    assert more["outcome_accuracy"] - fewer["outcome_accuracy"] >= 0.05, (fewer, more)
