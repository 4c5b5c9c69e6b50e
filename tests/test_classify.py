"""The shipped model on known answers, negation, unrelated requests, and the output contract."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.classify import classify_records
from pipeline.labels import OUTCOME_NAMES, load_scheme
from pipeline.classify.modelstore import load_model

BUDGET_Q = "Budgets or any other resources allocated for anti-trafficking activities by the Council in 2018/19"


@pytest.fixture(scope="module")
def model():
    return load_model()


def _record(answer: str, question: str | None = BUDGET_Q, q: str = "1") -> dict:
    return {"doc": "test.txt", "q": q, "question": question, "answer": answer, "exemptions": [], "facts": {}}


def _classify(model, *answers: str, question: str | None = BUDGET_Q) -> list[dict]:
    return list(classify_records([_record(a, question, str(i)) for i, a in enumerate(answers, 1)], model=model))


def test_seed_answers_get_their_findings(corpus_dir: Path) -> None:
    result = CliRunner().invoke(app, ["classify", str(corpus_dir / "seed-west-midlands-police-2013.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = {r["q"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert "no_specific_budget" in records["1"]["findings"]
    assert records["1"]["outcome"] == "not_held"
    assert "no_official_strategy" in records["2"]["findings"]
    assert "measures_referenced" in records["3"]["findings"]


def test_negation_flips_the_budget_finding(model) -> None:
    none, some = _classify(model, "There is no specific budget for this work.",
                           "There is a specific budget of £20,000 for this work.")
    assert "no_specific_budget" in none["findings"]
    assert "no_specific_budget" not in some["findings"]
    assert some["finding_scores"]["specific_budget"] > none["finding_scores"]["specific_budget"]
    assert some["finding_scores"]["no_specific_budget"] < none["finding_scores"]["no_specific_budget"]


def test_not_held_said_in_other_words(model) -> None:
    for answer in ("The Council does not hold a budget line for modern slavery; the work is funded from general budgets.",
                   "We do not record this information."):
        assert _classify(model, answer)[0]["outcome"] == "not_held", answer


def test_unrelated_request_gets_no_findings(model) -> None:
    [record] = _classify(model, "Household waste bins are collected every two weeks and recycling weekly. "
                                "In 2023 the Council collected 41,000 tonnes of household waste.",
                         question="How often are household bins collected, and how much waste was collected in 2023?")
    assert record["findings"] == []
    assert record["outcome"] == "provided"


def test_output_contract(model) -> None:
    scheme = load_scheme()
    records = list(classify_records([_record("There is no specific budget. Costs are met from core budgets."),
                                     {"doc": "broken.pdf", "error": "PDF has no text layer"}], model=model))
    record, error = records
    assert error == {"doc": "broken.pdf", "error": "PDF has no text layer"}
    assert record["outcome"] in OUTCOME_NAMES
    assert 0.0 <= record["outcome_confidence"] <= 1.0
    assert set(record["finding_scores"]) == set(scheme.finding_names)
    assert all(0.0 <= p <= 1.0 for p in record["finding_scores"].values())
    assert set(record["findings"]) <= set(scheme.finding_names)
    assert isinstance(record["needs_review"], bool)
    assert set(record["evidence"]) == {record["outcome"], *record["findings"]}
    assert all(sentence in record["answer"] for sentence in record["evidence"].values())


def test_review_threshold_is_a_setting(model) -> None:
    record = _record("There is no specific budget for this work.")
    assert not next(classify_records([record], model=model, review_below=0.0))["needs_review"]
    assert next(classify_records([record], model=model, review_below=1.0))["needs_review"]
    # an answer extraction flagged for a look is marked even where no label is unsure
    assert next(classify_records([{**record, "flags": ["check_answer"]}], model=model, review_below=0.0))["needs_review"]


def test_an_unsure_outcome_is_marked_at_a_higher_bar_than_an_unsure_finding() -> None:
    """The outcome is marked under 0.9 (a model sure of most of its mistakes on bodies it never read); a finding,
    given from its own lower threshold, under 0.6; a lower --review-below lowers both."""
    from pipeline.classify import needs_review

    assert needs_review(0.85, {}, [])
    assert not needs_review(0.95, {"dedicated_unit": 0.7}, ["dedicated_unit"])
    assert needs_review(0.95, {"dedicated_unit": 0.55}, ["dedicated_unit"])
    assert not needs_review(0.95, {"dedicated_unit": 0.3, "specific_budget": 0.99}, ["specific_budget"])  # not given
    assert not needs_review(0.75, {"dedicated_unit": 0.55}, ["dedicated_unit"], review_below=0.5)


def test_an_answer_extraction_flagged_for_a_look_is_marked_whatever_its_labels_say() -> None:
    """Labels read surely off words that may be no answer (extraction's `check_answer`) still need a look; other
    flags mark nothing, and a --review-below of 0 marks only the flagged answers."""
    from pipeline.classify import needs_review
    from pipeline.extract import CHECK, SHARED

    assert needs_review(0.99, {}, [], flags=[CHECK])
    assert needs_review(0.99, {}, [], review_below=0.0, flags=[SHARED, CHECK])
    assert not needs_review(0.99, {}, [], flags=[SHARED])
    assert not needs_review(0.5, {}, [], review_below=0.0)


def test_classify_command_table_and_jsonl_file(corpus_dir: Path, tmp_path: Path) -> None:
    seed = str(corpus_dir / "seed-west-midlands-police-2013.txt")
    table = CliRunner().invoke(app, ["classify", seed])
    assert table.exit_code == 0
    assert "no_specific_budget" in table.stdout
    out = tmp_path / "predictions.jsonl"
    result = CliRunner().invoke(app, ["classify", seed, "--format", "jsonl", "--out", str(out)])
    assert result.exit_code == 0
    assert len(out.read_text().splitlines()) == 3


def test_without_format_the_out_file_extension_decides(corpus_dir: Path, tmp_path: Path) -> None:
    """`--out predictions.jsonl` writes JSONL the next command reads (not a table in a .jsonl file);
    `.csv` writes CSV; another extension, the table; `extract` keeps JSONL as its default."""
    seed = str(corpus_dir / "seed-west-midlands-police-2013.txt")
    for name, check in (("p.jsonl", lambda text: len([json.loads(line)["outcome"] for line in text.splitlines()]) == 3),
                        ("p.CSV", lambda text: text.startswith("doc,body,") and len(text.splitlines()) > 3),
                        ("p.txt", lambda text: "no_specific_budget" in text and not text.lstrip().startswith("{"))):
        result = CliRunner().invoke(app, ["classify", seed, "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert check((tmp_path / name).read_text("utf-8")), name
    result = CliRunner().invoke(app, ["extract", seed, "--out", str(tmp_path / "a.txt")])
    assert result.exit_code == 0 and all(json.loads(line)["answer"] for line in (tmp_path / "a.txt").read_text().splitlines())


def test_classify_reports_failed_documents(tmp_path: Path) -> None:
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 not really a pdf")
    result = CliRunner().invoke(app, ["classify", str(bad), "--format", "jsonl"])
    assert result.exit_code == 1
    assert "error" in json.loads(result.stdout.splitlines()[0])


def test_bad_model_folder_is_a_usage_error(tmp_path: Path, corpus_dir: Path) -> None:
    result = CliRunner().invoke(app, ["classify", str(corpus_dir / "seed-west-midlands-police-2013.txt"), "--model", str(tmp_path)])
    assert result.exit_code == 2


def test_two_jobs_give_the_same_records(model, corpus_dir: Path) -> None:
    from pipeline.classify import classify_paths

    paths = [corpus_dir / "seed-west-midlands-police-2013.txt", corpus_dir / "w1-01-castlemoor.txt"]
    one = list(classify_paths(paths, model=model, jobs=1, batch_size=2))
    two = list(classify_paths(paths, model=model, jobs=2, batch_size=2))
    assert one == two


def test_evidence_ranks_sentences_as_the_whole_features_would(model) -> None:
    """Evidence leaves the question's block out of a sentence's score (it is the same for every
    sentence of an answer): the sentence chosen must be the one the full features rank first."""
    import numpy as np

    from pipeline.classify.predict import nlp_for
    from pipeline.tag import Tagger, tag_records_tokens

    answers = [
        "We hold no budget for this work. Staff are trained by the safeguarding team. The cost was £4,000 in 2018/19.",
        "The information is not held. However, our strategy was published in 2017 and is on our website.",
        "Yes. We have a dedicated officer. She works with partner agencies across the county and reports to the board.",
    ]
    tagged = tag_records_tokens([_record(a) for a in answers], Tagger(nlp_for(model)))
    predictions = model.predict(tagged)
    labels = [[p.outcome, *p.findings] for p in predictions]
    chosen = model.evidence(tagged, labels)
    for item, wanted, picked in zip(tagged, labels, chosen):
        sentences = item.sentences()
        assert len(sentences) > 1
        full = model.features.transform(sentences)
        for label in wanted:
            weights = model._weights(label)
            if weights is not None:
                assert picked[label] == sentences[int(np.argmax(full @ weights))].text.strip()
