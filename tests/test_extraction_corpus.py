"""The headline extraction figures of issue 2, measured by the real extract stage.

These fail when segmentation (or cleaning, or a reader) regresses on the bundled
development corpus or the round-robin.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.extract import extract_paths
from pipeline.goldlabels import GoldAnswer, GoldDocument
from pipeline.train.extraction_eval import answer_rates, evaluate_extraction, score_document
from pipeline.extract.request import load_request


@pytest.fixture(scope="module")
def corpus_result(corpus_dir: Path) -> dict:
    return evaluate_extraction([corpus_dir / "labels.jsonl"], [corpus_dir])


@pytest.fixture(scope="module")
def roundrobin_result(roundrobin_dir: Path) -> dict:
    request = load_request(roundrobin_dir / "request.txt")
    return evaluate_extraction([roundrobin_dir / "labels.jsonl"], [roundrobin_dir / "responses"], request=request)


def test_corpus_recall_at_least_97_percent(corpus_result: dict) -> None:
    misses = [(d["doc"], m["q"]) for d in corpus_result["per_document"] for m in d["misses"]]
    assert corpus_result["recall"] >= 0.97, misses


def test_corpus_precision_at_least_95_percent(corpus_result: dict) -> None:
    extras = [(d["doc"], u["q"]) for d in corpus_result["per_document"] for u in d["unmatched"]]
    assert corpus_result["precision"] >= 0.95, extras


def test_every_labelled_corpus_document_is_evaluated(corpus_result: dict, corpus_dir: Path) -> None:
    labelled = sum(1 for line in (corpus_dir / "labels.jsonl").read_text("utf-8").splitlines() if line.strip())
    assert corpus_result["documents"] == labelled
    assert not [d["doc"] for d in corpus_result["per_document"] if d["errors"]]


# The shipped segmenter finds the fictional round-robin's 36 answers and gives one notice more (the hand rules were
# written on it and find all 36 alone; the segmenter learns how far to trust them from real replies, which decide:
# tests/test_real_figures.py).
def test_roundrobin_with_request_extracts_the_labelled_answers(roundrobin_result: dict) -> None:
    misses = [(d["doc"], m["q"]) for d in roundrobin_result["per_document"] for m in d["misses"]]
    assert roundrobin_result["recall"] >= 0.97, misses
    assert roundrobin_result["precision"] >= 0.95


def test_roundrobin_merged_and_reordered_answers_keep_request_numbers(roundrobin_dir: Path) -> None:
    request = load_request(roundrobin_dir / "request.txt")
    records = [r for r in extract_paths([roundrobin_dir / "responses"], request=request) if "error" not in r]
    by_doc: dict[str, list[dict]] = {}
    for record in records:
        by_doc.setdefault(Path(record["doc"]).parts[0], []).append(record)
    dunstowe = {r["q"]: r["answer"] for r in by_doc["Dunstowe Borough Council"]}
    assert dunstowe["1"] == dunstowe["2"] != dunstowe["3"]
    assert [r["q"] for r in by_doc["London Borough of Marlgate"]] == ["2", "1", "3"]
    carrowby = by_doc["East Carrowby District Council"]
    assert [r["q"] for r in carrowby] == ["1", "2", "3"]
    assert all(r["question"] == request.get(r["q"]).text for r in carrowby)


def test_seed_document_gives_exactly_its_three_pairs(corpus_dir: Path) -> None:
    records = list(extract_paths([corpus_dir / "seed-west-midlands-police-2013.txt"]))
    assert [r["q"] for r in records] == ["1", "2", "3"]
    assert records[0]["question"].startswith("Budgets or any other resources allocated")
    assert records[0]["answer"].startswith("There is no specific budget allocated")
    assert records[1]["answer"].endswith("Organised Immigration Crime (OIC) and Human Trafficking (HT).")
    assert records[2]["answer"].endswith("have been included above.")
    assert {r["responder"] for r in records} == {"West Midlands Police"}


def test_evaluate_command_prints_the_figures_as_json(roundrobin_dir: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["evaluate", str(roundrobin_dir / "labels.jsonl"), "--docs", str(roundrobin_dir / "responses"),
         "--request", str(roundrobin_dir / "request.txt"), "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)["extraction"]
    assert figures["recall"] >= 0.97
    assert {"precision", "responder_accuracy", "reference_accuracy", "date_accuracy", "exemptions_accuracy"} <= set(figures)
    assert figures["question_accuracy"] == 1.0  # every answer found is filed under its own question


def test_an_answer_found_under_another_question_counts_as_misfiled() -> None:
    """Recall and precision match an answer by its words; the question it is filed under is scored apart."""
    def answer(q: str, text: str) -> GoldAnswer:
        first, last = " ".join(text.split()[:3]), " ".join(text.split()[-3:])
        return GoldAnswer(q, None, None, first, last, "provided", text=text)

    gold = GoldDocument("reply.txt", Path("reply.txt"), None, None, None,
                        [answer("1", "We employ two gardeners in the parks."), answer("2", "The mowers cost £4,000 last year."),
                         answer("3", "Both questions are answered by the same team leader.")])
    records = [{"q": "2", "answer": "We employ two gardeners in the parks."},
               {"q": "1", "answer": "The mowers cost £4,000 last year."},
               {"q": "1", "answer": "Both questions are answered by the same team leader."},
               {"q": "3", "answer": "Both questions are answered by the same team leader."}]
    scored = score_document(gold, records)
    assert scored["matched_gold"] == 3 and [m["q"] for m in scored["misfiled"]] == ["1", "2"]
    assert scored["misfiled"][0]["filed_under"] == ["2"]
    rates = answer_rates([scored])
    assert rates["recall"] == 1.0 and rates["question_accuracy"] == round(1 / 3, 4)


def test_an_answer_the_text_stops_in_is_left_out_of_precision_like_the_labels_leave_it_out() -> None:
    """A page cut short: its last answer stops mid-word, so the labels leave it out; extraction flags it
    `cut_off`, and precision does not count it against the extraction. Unflagged, it would count."""
    text = "The library lent 4,210 books in March."
    gold = GoldDocument("page.txt", Path("page.txt"), None, None, None,
                        [GoldAnswer("1", None, None, "The library lent", "books in March.", "provided", text=text)])
    cut = "Opening hours were cut in 2022 because the council reduced the library budget by twelve perc"
    scored = score_document(gold, [{"q": "1", "answer": text}, {"q": "2", "answer": cut, "flags": ["cut_off"]}])
    assert (scored["extracted"], scored["unlabellable"], scored["unmatched"]) == (1, 1, [])
    assert answer_rates([scored])["precision"] == 1.0
    whole = score_document(gold, [{"q": "1", "answer": text}, {"q": "2", "answer": cut}])
    assert answer_rates([whole])["precision"] == 0.5


def test_a_short_answer_is_left_out_of_precision_without_counting_its_number() -> None:
    """The labels leave out answers under three words of their own ("Yes", "4 wardens"); the number an answer
    opens with is not one of them, so "3. 4 wardens" is as unlabellable as "4 wardens". Three words of its
    own, to a question with no labelled answer, still count against the extraction."""
    text = "The depot holds 12 gritters."
    gold = GoldDocument("page.txt", Path("page.txt"), None, None, None,
                        [GoldAnswer("1", None, None, "The depot holds", "holds 12 gritters.", "provided", text=text)])
    for short in ("3. 4 wardens", "Q3: 4 wardens", "(c) Not recorded"):
        scored = score_document(gold, [{"q": "1", "answer": text}, {"q": "3", "answer": short}])
        assert (scored["unlabellable"], answer_rates([scored])["precision"]) == (1, 1.0), short
    own = score_document(gold, [{"q": "1", "answer": text}, {"q": "3", "answer": "3. Four street wardens"}])
    assert (own["unlabellable"], answer_rates([own])["precision"]) == (0, 0.5)
    labelled = score_document(gold, [{"q": "1", "answer": "1. 4 wardens"}])  # a labelled question's answer counts
    assert (labelled["unlabellable"], answer_rates([labelled])["precision"]) == (0, 0.0)


def test_evaluate_command_prints_a_table(roundrobin_dir: Path) -> None:
    result = CliRunner().invoke(
        app, ["evaluate", str(roundrobin_dir / "labels.jsonl"), "--docs", str(roundrobin_dir / "responses"),
              "--request", str(roundrobin_dir / "request.txt")],
    )
    assert result.exit_code == 0, result.output
    assert "recall" in result.stdout and "100.0%" in result.stdout
