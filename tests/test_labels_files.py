"""A person's labels file and its documents, got wrong the ways people get them wrong: each mistake is
one line naming the labels file and what is wrong there, and a document that is not there is neither
trained on nor counted as an answer the extractor missed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.goldlabels import LabelsError, load_labels
from pipeline.labels import load_scheme
from pipeline.output import read_jsonl
from pipeline.train import evaluate_classification, evaluate_extraction, train_model
from pipeline.train.examples import check_labels, load_examples
from pipeline.train.learning_curve import first_documents

from labelling_fixtures import HARROWGATE as REPLY


def _answer(outcome: str = "provided", findings: tuple[str, ...] = ()) -> dict:
    return {"q": "1", "question_start": "Do you keep a register", "question_end": "allotments that lie empty?",
            "answer_start": "We do keep one.", "answer_end": "at the Mill Lane site.",
            "outcome": outcome, "findings": list(findings), "exemptions": []}


def _labels(folder: Path, *lines: dict) -> Path:
    """A labels file of these lines beside a reply it can be found in, harrowgate.txt."""
    (folder / "harrowgate.txt").write_text(REPLY, "utf-8")
    path = folder / "mine.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    return path


def _doc(name: str = "harrowgate.txt", **answer: object) -> dict:
    return {"doc": name, "responder": "Harrowgate Parish Council", "answers": [_answer(**answer)]}


def test_an_unknown_outcome_names_the_line_the_answer_and_the_outcomes(tmp_path) -> None:
    labels = _labels(tmp_path, _doc(), _doc(outcome="not held"))
    with pytest.raises(LabelsError) as caught:
        load_labels(labels)
    assert str(caught.value).startswith(f"{labels}:2: harrowgate.txt q1: unknown outcome 'not held' (one of ncnd, ")


def test_a_missing_key_is_named_as_missing(tmp_path) -> None:
    line = _doc()
    del line["answers"][0]["answer_end"]
    with pytest.raises(LabelsError, match=r":1: malformed label line \(no 'answer_end'\)"):
        load_labels(_labels(tmp_path, line))


def test_an_unknown_finding_names_the_file_and_the_answer(tmp_path) -> None:
    labels = _labels(tmp_path, _doc(findings=("statistics_provided", "allotment_register")))
    data = load_examples([labels])
    with pytest.raises(ValueError, match=rf"^{labels}: harrowgate.txt q1: findings \['allotment_register'\] are not in scheme"):
        check_labels(data, load_scheme())


def test_evaluating_a_saved_model_refuses_an_unknown_finding_too(tmp_path) -> None:
    """Not only cross-validation: scored against a saved model, the typo would silently be a finding never given."""
    labels = _labels(tmp_path, _doc(findings=("allotment_register",)))
    with pytest.raises(ValueError, match="allotment_register"):
        evaluate_classification([labels], model_dirs=[Path(__file__).resolve().parent.parent / "models" / "default"])


def test_a_labelled_document_not_there_is_skipped_by_name_and_not_counted_as_missed(tmp_path) -> None:
    labels = _labels(tmp_path, _doc(), _doc("harrowgate-2024.txt"))
    reason = f"{labels}: harrowgate-2024.txt: no such file in {tmp_path}"
    assert load_examples([labels]).skipped == [reason]
    measured = evaluate_extraction([labels])
    assert measured["skipped"] == [reason]
    assert (measured["documents"], measured["gold_answers"], measured["recall"]) == (1, 1, 1.0)


def test_no_labelled_document_there_at_all_is_an_error(tmp_path) -> None:
    labels = _labels(tmp_path, _doc("elsewhere.txt"))
    with pytest.raises(ValueError, match="none of the labelled documents is there"):
        evaluate_extraction([labels])


def test_a_docs_folder_that_does_not_exist_stops_train_and_evaluate_in_one_line(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    labels = _labels(tmp_path, _doc())
    for command in (["train", str(labels), "--out", str(tmp_path / "model"), "--no-cv"], ["evaluate", str(labels)]):
        result = CliRunner().invoke(app, [*command, "--docs", str(tmp_path / "replies")])
        assert result.exit_code == 2, result.output
        assert result.output == f"error: --docs {tmp_path / 'replies'}: no such folder (the documents of {labels})\n"
    assert not (tmp_path / "model").exists()


def test_a_file_that_is_not_there_is_path_and_reason(tmp_path) -> None:
    gone = tmp_path / "export.json"
    result = CliRunner().invoke(app, ["import-labels", str(gone), "--from", "labelstudio"])
    assert result.exit_code == 2
    assert result.output == f"error: {gone}: No such file or directory\n"


def test_stderr_lines_are_never_wrapped_in_a_log(tmp_path, monkeypatch) -> None:
    """A summary ending "-> path" stays on one line in a file or a pipe (80 columns to Rich), so grep finds it."""
    monkeypatch.delenv("COLUMNS", raising=False)
    export = tmp_path / "export.jsonl"
    identity = {"doc": "harrowgate.txt", "responder": "Harrowgate Parish Council", "reference": None, "date": None,
                **{k: v for k, v in _answer().items() if k not in ("outcome", "findings")}}
    export.write_text(json.dumps({"text": "x", "label": ["provided"], **identity}) + "\n", "utf-8")
    out = tmp_path / ("a-rather-long-folder-name-for-this-round-of-labelling" * 2) / "my-labels.jsonl"
    out.parent.mkdir()
    result = CliRunner().invoke(app, ["import-labels", str(export), "--from", "doccano", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"1 labelled answers in 1 documents -> {out}\n"


def test_a_line_that_is_not_json_says_where_in_the_line(tmp_path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text('{"text": "ok"}\n{"text": "cut\n', "utf-8")
    with pytest.raises(ValueError, match=r":2: not JSON \(.* column \d+\)"):
        list(read_jsonl(path))


def test_findings_or_exemptions_given_as_one_string_are_malformed_not_read_letter_by_letter(tmp_path) -> None:
    line = _doc()
    line["answers"][0]["findings"] = "statistics_provided"
    with pytest.raises(LabelsError, match=r":1: malformed label line \('findings' is not a list: 'statistics_provided'\)"):
        load_labels(_labels(tmp_path, line))
    line["answers"][0]["findings"], line["answers"][0]["exemptions"] = [], "40(2)"
    with pytest.raises(LabelsError, match=r"'exemptions' is not a list"):
        load_labels(_labels(tmp_path, line))


def test_a_line_that_is_not_an_object_says_so(tmp_path) -> None:
    labels = _labels(tmp_path, _doc())
    labels.write_text(labels.read_text() + '["harrowgate.txt"]\n')
    with pytest.raises(LabelsError, match=r":2: malformed label line \(not a JSON object\)"):
        load_labels(labels)


def _two(folder: Path) -> Path:
    """Labels of two replies with two outcomes: the least a model is trained on."""
    (folder / "harrowgate-2.txt").write_text(REPLY.replace("We do keep one.", "We do keep one. No register is held."), "utf-8")
    return _labels(folder, _doc(), _doc("harrowgate-2.txt", outcome="not_held"))


def test_force_replaces_an_old_model_but_never_the_replies_or_a_labels_file(tmp_path) -> None:
    """--out mistyped as the replies' folder or the labels file, with --force, would delete them."""
    labels = _two(tmp_path)
    for out in (tmp_path, labels):
        result = CliRunner().invoke(app, ["train", str(labels), "--out", str(out), "--no-cv", "--force"])
        assert result.exit_code == 2, result.output
        assert result.output == f"error: {out}: not a model folder (no manifest.json); --force replaces only a model, so choose another --out\n"
    assert (tmp_path / "harrowgate.txt").read_text("utf-8") == REPLY and json.loads(labels.read_text().splitlines()[0])["doc"] == "harrowgate.txt"
    old = tmp_path / "model"
    for _ in range(2):  # the second run replaces the first's model
        result = CliRunner().invoke(app, ["train", str(labels), "--out", str(old), "--no-cv", "--force"])
        assert result.exit_code == 0, result.output
    assert (old / "manifest.json").is_file()


def test_too_few_labels_to_train_on_are_refused_in_words(tmp_path) -> None:
    """One reply, or one outcome: scikit-learn's own errors ("max_df corresponds to < documents than min_df",
    "needs samples of at least 2 classes") say nothing a person can act on."""
    for lines in ([_doc()], [_doc(), {**_doc("harrowgate-2.txt"), "answers": [_answer()]}]):
        (tmp_path / "harrowgate-2.txt").write_text(REPLY, "utf-8")
        with pytest.raises(ValueError, match=r"^too few labels to train on: .*at least 2 documents and 2 outcomes"):
            train_model([_labels(tmp_path, *lines)], cv=False)


def test_a_learning_curve_point_keeps_two_replies_at_least() -> None:
    assert len(first_documents("abcdef", 0.2)) == 2 and len(first_documents("abcdefghijklmnopqrst", 0.2)) == 4


def test_a_cross_validation_with_too_few_replies_or_bodies_is_one_line(tmp_path, monkeypatch) -> None:
    """Two replies of two bodies: each fold trains on one reply; of one body: there is no fold at all."""
    monkeypatch.delenv("COLUMNS", raising=False)
    labels = _two(tmp_path)
    result = CliRunner().invoke(app, ["evaluate", str(labels), "--cv", "--cv-repeats", "1"])
    assert result.exit_code == 2
    assert result.output.endswith("error: cross-validation holds each body's replies out in turn (with --cv-by document, "
                                  "each document), so it needs at least 2, here 1: label the replies of another body, or train with --no-cv\n")
    lines = [json.loads(line) for line in labels.read_text().splitlines()]
    lines[1]["responder"] = "Mill Lane Allotment Trust"
    labels.write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = CliRunner().invoke(app, ["evaluate", str(labels), "--cv", "--cv-repeats", "1"])
    assert result.exit_code == 2
    assert result.output.endswith("error: the segmenter learns from the labelled answers of at least 2 documents, here 1: "
                                  "label more replies, or train with the bundled corpus beside yours\n")
    result = CliRunner().invoke(app, ["train", str(labels), "--out", str(tmp_path / "model")])
    assert result.exit_code == 2 and result.output.startswith("error: a cross-validation fold has too few labels to train on (1 answers of 1 document(s), ")
    assert result.output.endswith("): label more replies, or train with --no-cv\n") and not (tmp_path / "model").exists()
    result = CliRunner().invoke(app, ["train", str(labels), "--out", str(tmp_path / "model"), "--no-cv"])
    assert result.exit_code == 0, result.output
