"""Training: deterministic, reproduces the shipped model, refuses what it cannot use."""
from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.train.examples import load_examples
from pipeline.classify import modelstore
from pipeline.classify.modelstore import CARD_MD_FILE, load_model, save_model
from pipeline.modelfiles import MANIFEST_FILE
from pipeline.tag.nlp import load_nlp, tag_records
from pipeline.labels import load_scheme
from pipeline.train import UnreviewedLabelsError, evaluate_classification, train_model

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))


def _prediction_hash(model, tagged) -> str:
    predictions = [(p.outcome, p.outcome_confidence, p.findings, p.finding_scores) for p in model.predict(tagged)]
    return hashlib.sha256(json.dumps(predictions, sort_keys=True).encode()).hexdigest()


SAME_SCORE = 0.002  # two fits on different CPUs differ in the last digits of a sum (BLAS): 1e-4 seen, labels equal


def _same_predictions(a, b, tagged) -> list[str]:
    """Where two models' predictions differ: a label, or a probability by more than SAME_SCORE (an empty list: none)."""
    found = []
    for k, (x, y) in enumerate(zip(a.predict(tagged), b.predict(tagged))):
        if (x.outcome, x.findings) != (y.outcome, y.findings) or abs(x.outcome_confidence - y.outcome_confidence) > SAME_SCORE \
                or x.finding_scores.keys() != y.finding_scores.keys() \
                or any(abs(x.finding_scores[f] - y.finding_scores[f]) > SAME_SCORE for f in x.finding_scores):
            found.append(f"answer {k}: {x.outcome} {x.outcome_confidence} {x.findings} / {y.outcome} {y.outcome_confidence} {y.findings}")
    return found


@pytest.fixture(scope="module")
def corpus_tagged(corpus_dir: Path):
    data = load_examples([corpus_dir / "labels.jsonl"], [corpus_dir])
    return data, tag_records([e.record for e in data.examples], load_nlp())


def test_gold_answers_are_all_located(corpus_tagged) -> None:
    data, _ = corpus_tagged
    assert len(data.examples) == 316 and not data.skipped


def test_training_reproduces_the_shipped_model() -> None:
    """Same data, same model: a fresh run of scripts/train_default.py's training gives the shipped
    model's predictions (the same labels, probabilities within SAME_SCORE: this machine's CPU may not be
    the one it was trained on) and the same segmenter, weight for weight."""
    from train_default import CLASSIFY_ONLY, training_files

    labels, docs = training_files()
    data = load_examples(labels, docs, scheme=load_scheme())
    shipped = load_model()
    assert shipped.meta["training"]["data_sha256"] == data.digest(), (
        "the gold answers' text changed since models/default was trained (cleaning?): retrain with "
        "`python scripts/train_default.py`")
    started = time.perf_counter()
    fresh, _ = train_model(labels, docs, cv=False, classify_only=CLASSIFY_ONLY)
    print(f"training the shipped model (read, tag, fit both heads and the segmenter; no CV) took {time.perf_counter() - started:.1f}s")
    tagged = tag_records([e.record for e in data.examples], load_nlp())
    differ = _same_predictions(fresh, shipped, tagged)
    assert not differ, ("a fresh run no longer gives the shipped model (features or model changed?): retrain with "
                        f"`python scripts/train_default.py` ({len(differ)} differ, e.g. {differ[:3]})")
    assert fresh.segmenter is not None and shipped.segmenter is not None
    assert fresh.segmenter.to_json() == shipped.segmenter.to_json()


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


def test_evaluate_cv_and_learning_curve_json(corpus_dir: Path) -> None:
    rr = corpus_dir / "roundrobin"
    result = CliRunner().invoke(app, ["evaluate", str(rr / "labels.jsonl"), "--docs", str(rr / "responses"), "--cv", "--learning-curve",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    cv = json.loads(result.stdout)["classification"]["cv"]
    points = json.loads(result.stdout)["classification"]["learning_curve"]["points"]
    assert [p["fraction"] for p in points] == [0.2, 0.4, 0.6, 0.8, 1.0]
    sizes = [p["training_documents"] for p in points]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1] == 9.6  # 12 documents, 5 folds: 9.6 training documents a fold
    assert points[-1]["scores"] == cv["systems"]["foi-nlp"]["headline"]  # all documents: the cross-validation itself
    segmentation = json.loads(result.stdout)["segmentation_cv"]
    curve = segmentation["learning_curve"]["points"]
    assert [p["fraction"] for p in curve] == [0.2, 0.4, 0.6, 0.8, 1.0]
    replies = [p["training_replies"] for p in curve]
    assert replies == sorted(replies) and replies[0] < replies[-1] == 10.8  # 12 replies, 10 folds by council
    # The curve runs on the first assignment of bodies to folds: its 100% point is that assignment's figures.
    assert curve[-1]["sets"] == {name: systems["assignments"][0] for name, systems in segmentation["sets"].items()}
    assert set(cv["systems"]["foi-nlp"]["per_label"]["provided"]) == {"precision", "recall", "f1", "support"}
    assert list(cv["systems"]) == ["keyword rules", "tfidf + logreg", "foi-nlp"]
    for system in cv["systems"].values():
        assert set(system["headline"]) == {"outcome_accuracy", "outcome_macro_f1", "findings_micro_f1", "findings_macro_f1"}
        assert all(0.0 <= v <= 1.0 for v in system["headline"].values())


def test_segmentation_curve_keeps_the_train_only_replies_whole(corpus_dir: Path) -> None:
    """Every point trains on all of a --train-only file's replies and a growing share of the others."""
    from pipeline.train.segmenter import learning_curve, load_segmentation_examples
    from pipeline.train.sources import sources

    rr, formats = corpus_dir / "roundrobin", corpus_dir / "formats"
    examples, _ = load_segmentation_examples(sources([rr / "labels.jsonl", formats / "labels.jsonl"], [rr / "responses", formats]))
    assert sorted(e.source for e in examples).count("roundrobin") == 12 and len(examples) == 16
    # 16 replies of 16 bodies in 4 folds: 12 train a fold, 9 of them the round-robin's (cut to a quarter: 2).
    kept = learning_curve(examples, {"formats"}, folds=4, fractions=(0.25, 1.0))
    assert [p["training_replies"] for p in kept] == [2.0, 9.0]
    cut = learning_curve(examples, (), folds=4, fractions=(0.25, 1.0))
    assert [p["training_replies"] for p in cut] == [3.0, 12.0]
    assert set(kept[0]["sets"]) == {"roundrobin", "formats"} and kept[1]["sets"] == cut[1]["sets"]


@pytest.fixture(scope="module")
def small_model(roundrobin_dir: Path):
    """A model trained on the round-robin alone (fast), for the saving tests."""
    model, _ = train_model([roundrobin_dir / "labels.jsonl"], [roundrobin_dir / "responses"], cv=False)
    return model


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize("failure", [KeyboardInterrupt(), OSError("disk full")])
def test_a_failed_save_leaves_no_half_written_model(small_model, tmp_path: Path, monkeypatch, failure) -> None:
    def broken_dump(*args, **kwargs):
        raise failure

    monkeypatch.setattr(modelstore.np, "savez_compressed", broken_dump)
    with pytest.raises(type(failure)):
        save_model(small_model, tmp_path / "model")
    assert list(tmp_path.iterdir()) == []


def test_force_keeps_the_old_model_when_the_swap_fails(small_model, tmp_path: Path, monkeypatch) -> None:
    out = save_model(small_model, tmp_path / "model")
    before = _snapshot(out)
    real_rename = Path.rename

    def rename(self: Path, target):
        if self.name.startswith(".model.") and ".old." not in self.name:  # the new folder moving into place
            raise OSError("interrupted")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError, match="interrupted"):
        save_model(small_model, out, overwrite=True)
    assert [p.name for p in tmp_path.iterdir()] == ["model"] and _snapshot(out) == before
    monkeypatch.setattr(Path, "rename", real_rename)
    save_model(small_model, out, overwrite=True)
    assert [p.name for p in tmp_path.iterdir()] == ["model"] and load_model(out).finding_labels == small_model.finding_labels


def test_train_command_writes_a_model_card(roundrobin_dir: Path, tmp_path: Path) -> None:
    """Round-robin letters that never restate the questions take theirs from --request."""
    out = tmp_path / "rr-model"
    result = CliRunner().invoke(app, ["train", str(roundrobin_dir / "labels.jsonl"), "--docs", str(roundrobin_dir / "responses"),
                                      "--request", str(roundrobin_dir / "request.txt"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "outcome accuracy" in result.stdout and "trained on 36 answers from 12 documents" in result.output
    assert sorted(json.loads((out / MANIFEST_FILE).read_text())["sha256"]) == [CARD_MD_FILE, "model.json", "model.npz", "segmenter.json"]
    card = (out / CARD_MD_FILE).read_text("utf-8")
    model = load_model(out)
    assert f"`{model.meta['training']['data_sha256']}`" in card and str(roundrobin_dir / "labels.jsonl") in card
    assert "| provided | 21 |" in card and "| no_specific_budget | 9 |" in card
    assert f"| outcome accuracy | {model.meta['cv_scores']['outcome_accuracy']:.3f} |" in card
    assert "| scikit-learn |" in card and model.meta["created"] in card
    questions = [e.record["question"] for e in load_examples([roundrobin_dir / "labels.jsonl"], [roundrobin_dir / "responses"]).examples]
    assert questions.count(None) == 0  # the request.txt beside the labels file gives the five letters' unrestated questions


def test_unreviewed_labels_are_refused_unless_allowed(roundrobin_dir: Path, tmp_path: Path) -> None:
    lines = (roundrobin_dir / "labels.jsonl").read_text("utf-8").splitlines()
    marked = [json.dumps({**json.loads(line), "source": "review"}) if i < 2 else line for i, line in enumerate(lines)]
    labels = tmp_path / "review.jsonl"
    labels.write_text("\n".join(marked) + "\n", "utf-8")
    args = ["train", str(labels), "--docs", str(roundrobin_dir / "responses"), "--no-cv", "--out", str(tmp_path / "m")]
    with pytest.raises(UnreviewedLabelsError, match="6 answers still carry unchecked model predictions"):
        train_model([labels], [roundrobin_dir / "responses"], cv=False)
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == 2 and "--allow-unreviewed" in refused.output and not (tmp_path / "m").exists()
    allowed = CliRunner().invoke(app, [*args, "--allow-unreviewed"])
    assert allowed.exit_code == 0, allowed.output
    assert "warning" in allowed.output and "6 answers still carry" in allowed.output
    assert load_model(tmp_path / "m").meta["training"]["unreviewed_answers"] == 6
    assert "unchecked model predictions" in (tmp_path / "m" / CARD_MD_FILE).read_text("utf-8")


# A council-spending campaign of its own: two findings, eight letters, no code.
SPENDING_SCHEME = '''name = "council-spending"
description = "What councils spend on external consultants"

[findings]
spend_disclosed = "the answer gives an amount the council spent"
no_central_record = "the council keeps no central record or register of this spending"
'''
QUESTIONS = ("How much did the council spend on external consultants in 2022/23?",
             "Does the council keep a central register of consultancy contracts?")
ANSWERS = {
    "spent": ("The council spent £{n},400 on external consultants in 2022/23, mainly on planning and highways advice.", "provided", ["spend_disclosed"]),
    "scattered": ("Consultancy spending is not recorded centrally; each service holds its own invoices, so this information is not held.", "not_held", ["no_central_record"]),
    "cost": ("Finding this would mean reviewing every invoice in every department and would exceed the cost limit under section 12.", "refused_cost", []),
    "register": ("Yes. The register is published on our website and lists contracts worth £{n}2,000 in total.", "provided", ["spend_disclosed"]),
    "no_register": ("No. The council does not keep a central register of consultancy contracts.", "not_held", ["no_central_record"]),
}
LETTERS = [("spent", "register"), ("scattered", "no_register"), ("cost", "no_register"), ("spent", "no_register"),
           ("scattered", "register"), ("spent", "register"), ("cost", "no_register"), ("scattered", "register")]


def _anchors(text: str) -> tuple[str, str]:
    words = text.split()
    return " ".join(words[:5]), " ".join(words[-5:])


def _write_spending_campaign(folder: Path) -> Path:
    lines = []
    for n, kinds in enumerate(LETTERS, 1):
        texts = [ANSWERS[kind][0].format(n=n) for kind in kinds]
        body = "\n\n".join(f"{q}. {question}\nResponse: {text}" for q, (question, text) in enumerate(zip(QUESTIONS, texts), 1))
        (folder / f"council-{n}.txt").write_text(f"Dear Ms Patel,\n\nYour request FOI-{n}.\n\n{body}\n\nYours sincerely,\nInformation Team\n", "utf-8")
        answers = []
        for q, (question, text, kind) in enumerate(zip(QUESTIONS, texts, kinds), 1):
            (qs, qe), (ans, ae) = _anchors(question), _anchors(text)
            answers.append({"q": str(q), "question_start": qs, "question_end": qe, "answer_start": ans, "answer_end": ae,
                            "outcome": ANSWERS[kind][1], "findings": ANSWERS[kind][2], "exemptions": []})
        lines.append(json.dumps({"doc": f"council-{n}.txt", "responder": f"Council {n}", "reference": f"FOI-{n}", "date": None,
                                 "source": "checked", "answers": answers}))
    labels = folder / "labels.jsonl"
    labels.write_text("\n".join(lines) + "\n", "utf-8")
    return labels


def test_a_custom_scheme_trains_and_classifies_without_code(tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    letters.mkdir()
    labels = _write_spending_campaign(letters)
    scheme = tmp_path / "spending.toml"
    scheme.write_text(SPENDING_SCHEME, "utf-8")
    result = CliRunner().invoke(app, ["train", str(labels), "--docs", str(letters), "--scheme", str(scheme), "--out", str(tmp_path / "m")])
    assert result.exit_code == 0, result.output
    assert "trained on 16 answers from 8 documents" in result.output and "findings micro f1" in result.stdout
    model = load_model(tmp_path / "m")
    assert model.finding_labels == ["spend_disclosed", "no_central_record"] and model.meta["scheme"]["name"] == "council-spending"
    assert model.meta["training"]["finding_counts"] == {"no_central_record": 7, "spend_disclosed": 7}
    new = tmp_path / "new"
    new.mkdir()
    (new / "council-9.txt").write_text("Dear Mr Khan,\n\n1. How much did the council spend on external consultants in 2022/23?\n"
                                       "Response: The council spent £61,250 on external consultants in 2022/23, mainly on legal advice.\n\n"
                                       "2. Does the council keep a central register of consultancy contracts?\n"
                                       "Response: No. The council does not keep a central register of consultancy contracts.\n", "utf-8")
    classified = CliRunner().invoke(app, ["classify", str(new), "--model", str(tmp_path / "m"), "--format", "jsonl"])
    assert classified.exit_code == 0, classified.output
    records = [json.loads(line) for line in classified.stdout.splitlines()]
    assert [set(r["finding_scores"]) for r in records] == [{"spend_disclosed", "no_central_record"}] * 2
    assert [(r["outcome"], r["findings"]) for r in records] == [("provided", ["spend_disclosed"]), ("not_held", ["no_central_record"])]


def test_gold_answers_sharing_their_anchors_are_one_answer_for_several_questions(tmp_path: Path) -> None:
    """GUIDE.md: a passage answering several questions together gets the same anchors on each. Those
    records carry extraction's `answers_several` flag; two answers with equal words at two places do not."""
    (tmp_path / "reply.txt").write_text(
        "1. How many depots do you run?\n2. How many vans do you own?\n"
        "The fleet is run by a contractor and we hold none of its figures.\n"
        "3. How many drivers?\nNot held.\n4. How many mechanics?\nNot held.\n", "utf-8")
    def answer(q: str, question: str, text: str) -> dict:
        return {"q": q, "question_start": question, "question_end": question, "answer_start": text, "answer_end": text,
                "outcome": "not_held", "findings": [], "exemptions": []}
    fleet = "The fleet is run by a contractor and we hold none of its figures."
    line = {"doc": "reply.txt", "responder": None, "reference": None, "date": None, "answers": [
        answer("1", "How many depots do you run?", fleet), answer("2", "How many vans do you own?", fleet),
        answer("3", "How many drivers?", "Not held."), answer("4", "How many mechanics?", "Not held.")]}
    (tmp_path / "labels.jsonl").write_text(json.dumps(line) + "\n", "utf-8")
    data = load_examples([tmp_path / "labels.jsonl"], [tmp_path])
    assert [(e.record["q"], e.record["flags"]) for e in data.examples] == [
        ("1", ["answers_several"]), ("2", ["answers_several"]), ("3", []), ("4", [])]


def test_classify_only_replies_teach_the_classifier_but_not_the_segmenter(tmp_path: Path) -> None:
    """corpus/outcomes' replies (written to teach outcomes) train the classifier's heads; the segmenter learns
    from the other files only, in training and in the segmentation cross-validation alike."""
    from pipeline.train import segmentation_cv

    root = Path(__file__).resolve().parent.parent / "corpus"
    labels = [root / "roundrobin" / "labels.jsonl", root / "outcomes" / "labels.jsonl"]
    docs = [root / "roundrobin" / "responses", root / "outcomes"]
    model, data = train_model(labels, docs, cv=False, classify_only=[labels[1]])
    assert {e.source for e in data.examples} == {"roundrobin", "outcomes"}
    assert model.segmenter.meta["training"]["documents"] == 12 and model.segmenter.meta["training"]["sources"] == ["roundrobin"]
    whole, _ = train_model(labels, docs, cv=False)
    assert whole.segmenter.meta["training"]["documents"] == 12 + 24
    assert set(segmentation_cv(labels, docs, folds=3, classify_only=[labels[1]])["sets"]) == {"roundrobin"}


def test_the_segmenters_figures_average_several_assignments_of_bodies_to_folds_each_holding_every_body_out() -> None:
    """Which bodies share a fold moves a small set's figures by points: each assignment tests every reply
    once, never with its body in training, and the figures given are the assignments' mean."""
    from pipeline.train import segmentation_cv
    from pipeline.train.segmenter import _folds, load_segmentation_examples
    from pipeline.train.sources import sources

    root = Path(__file__).resolve().parent.parent / "corpus" / "roundrobin"
    examples, _ = load_segmentation_examples(sources([root / "labels.jsonl"], [root / "responses"], []))
    tested = []
    for assignment in range(3):
        splits = _folds(examples, 4, assignment)
        assert sorted(i for _, test in splits for i in test) == list(range(len(examples)))
        for train, test in splits:
            assert not {examples[i].body for i in train} & {examples[i].body for i in test}
        tested.append([sorted(examples[i].body for i in test) for _, test in splits])
    assert tested[0] != tested[1] != tested[2]  # GroupKFold's, then two shuffles
    figures = segmentation_cv([root / "labels.jsonl"], [root / "responses"], folds=4, repeats=3)["sets"]["roundrobin"]
    runs = figures["assignments"]
    assert len(runs) == 3 and figures["segmenter"]["recall"] == round(sum(r["recall"] for r in runs) / 3, 4)
    assert figures["segmenter"]["documents"] == runs[0]["documents"] == 12


def test_the_classification_comparison_is_run_on_several_assignments_of_bodies_to_folds_beside_the_first() -> None:
    """The tables stay GroupKFold's; each further assignment tests every answer once, body held out, and
    its headline figures and their mean are given for every system."""
    from pipeline.train.evaluate import grouped_folds

    root = Path(__file__).resolve().parent.parent / "corpus" / "roundrobin"
    result = evaluate_classification([root / "labels.jsonl"], [root / "responses"], cv=True, repeats=3)
    runs, mean = result["cv_assignments"]["runs"], result["cv_assignments"]["mean"]
    assert len(runs) == 3
    for system, section in result["cv"]["systems"].items():
        assert runs[0][system] == {**section["headline"], "status_accuracy": section["replies"]["status_accuracy"]}
        assert mean[system]["outcome_macro_f1"] == round(sum(run[system]["outcome_macro_f1"] for run in runs) / 3, 4)
    data = load_examples([root / "labels.jsonl"], [root / "responses"])
    for assignment in (1, 2):
        folds = grouped_folds(data.examples, "body", assignment=assignment)
        assert sorted(i for _, test in folds for i in test) == list(range(len(data.examples)))
        for train, test in folds:
            assert not {data.examples[i].body for i in train} & {data.examples[i].body for i in test}
    assert evaluate_classification([root / "labels.jsonl"], [root / "responses"], cv=True).get("cv_assignments") is None


def test_evaluate_prints_each_assignments_figures_and_their_range_as_many_times_as_asked(corpus_dir: Path) -> None:
    rr = corpus_dir / "roundrobin"
    result = CliRunner().invoke(app, ["evaluate", str(rr / "labels.jsonl"), "--docs", str(rr / "responses"), "--cv",
                                      "--cv-repeats", "2"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "mean of 2 assignments of bodies to folds" in result.output
    assert "roundrobin: segmenter recall" in result.output and "over the 2 assignments" in result.output
    rows = [line for line in result.output.splitlines() if line.startswith("│ ") and line.split("│")[1].strip() in ("0", "1", "mean")]
    assert [row.split("│")[1].strip() for row in rows] == ["0", "1", "mean"]


def test_a_long_reply_weighs_the_square_root_of_its_units_in_the_segmenters_training() -> None:
    """A page of 64 units (navigation, notices) and a letter of 4: each of the page's units weighs a quarter of
    a letter's, so the page weighs about four letters, not sixteen; a unit the labels left out stays 0,
    and the weights sum to the number of units."""
    from types import SimpleNamespace

    from pipeline.train.segmenter import reply_weights

    page = SimpleNamespace(weights=[1.0] * 63 + [0.0])
    letter = SimpleNamespace(weights=[1.0] * 4)
    long_one, short_one = reply_weights([page, letter])
    assert long_one[-1] == 0.0 and long_one[0] * 4 == pytest.approx(short_one[0])
    assert sum(long_one) + sum(short_one) == pytest.approx(68)
    assert sum(long_one) / sum(short_one) == pytest.approx(63 / 8 / (4 / 2))


def test_a_training_only_file_not_among_the_labels_files_is_a_usage_error_naming_both_options() -> None:
    from pipeline.train import evaluate_classification

    root = Path(__file__).resolve().parent.parent / "corpus"
    with pytest.raises(ValueError, match=r"outcomes/labels\.jsonl: .*--classify-only\) must be given among the labels files"):
        evaluate_classification([root / "roundrobin" / "labels.jsonl"], [root / "roundrobin" / "responses"],
                                train_only=[root / "outcomes" / "labels.jsonl"])


def _reply(units: list[tuple[dict[str, float], str]], fictional: bool, doc: str):
    from types import SimpleNamespace

    return SimpleNamespace(source="made", gold=SimpleNamespace(doc=doc, fictional=fictional), units=[None] * len(units),
                           features=[f for f, _ in units], roles=[r for _, r in units], weights=[1.0] * len(units))


def test_the_hand_rules_roles_are_learnt_from_real_replies_alone() -> None:
    """Written on the fictional replies, the hand rules tell their answers from their notices there every time;
    on real replies they miss answers (an answer they call O). Learnt from both, "the rules say O" would outweigh
    what the unit says (0.12 an answer); the fictional replies' rule roles are features of their own, so a real
    answer the rules call O, but that reads as an answer, is taken for one (0.79)."""
    from pipeline.extract import ROLES
    from pipeline.train.segmenter import FICTIONAL, fit_segmenter, training_features

    told, other = {"bias": 1.0, "statement": 1.0}, {"bias": 1.0, "navigation": 1.0}
    made = [_reply([({**told, "rule=O": 1.0}, "O"), ({**told, "rule=AB": 1.0}, "AB"), ({**other, "rule=O": 1.0}, "O")],
                   True, f"made-{i}") for i in range(40)]
    real = [_reply([({**other, "rule=O": 1.0}, "O"), ({**told, "rule=O" if i % 2 else "rule=AB": 1.0}, "AB"),
                    ({**other, "rule=O": 1.0}, "O")], False, f"real-{i}") for i in range(10)]
    assert training_features(made[0])[2] == {**other, FICTIONAL + "rule=O": 1.0}
    assert training_features(real[1]) is real[1].features
    tagger = fit_segmenter(made + real).tagger
    probabilities = tagger.predict_proba([{**told, "rule=O": 1.0}, {**other, "rule=O": 1.0}])[:, ROLES.index("AB")]
    assert probabilities[0] > 0.7 and probabilities[1] < 0.1


def test_the_corpus_marks_its_fictional_replies_and_no_real_one() -> None:
    """GUIDE.md: every response written for the project carries "fictional": true; the seed and the real sets do not."""
    from pipeline.goldlabels import load_labels

    root = Path(__file__).resolve().parent.parent / "corpus"
    for labels in ("labels.jsonl", "roundrobin/labels.jsonl", "formats/labels.jsonl", "outcomes/labels.jsonl"):
        for gold in load_labels(root / labels):
            assert gold.fictional is ("west-midlands-police" not in gold.doc), gold.doc
    real = list((root / "real").rglob("labels.jsonl"))
    assert len(real) == 4 and not any(g.fictional for labels in real for g in load_labels(labels))


def test_the_segmenters_data_hash_says_which_replies_were_fictional() -> None:
    """The same replies and roles, one of them marked fictional or not, train different taggers: the model card's
    hash of the segmenter's data tells them apart."""
    from pipeline.train.segmenter import fit_segmenter

    units = [({"bias": 1.0, "rule=O": 1.0}, "O"), ({"bias": 1.0, "statement": 1.0, "rule=AB": 1.0}, "AB")]
    digests = {fit_segmenter([_reply(units, marked, "a"), _reply(units, False, "b")]).meta["training"]["data_sha256"]
               for marked in (True, False)}
    assert len(digests) == 2
