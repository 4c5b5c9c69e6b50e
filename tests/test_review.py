"""The review queue: which answers a person should label next, and the files it writes."""
from __future__ import annotations

import json
import random
import xml.etree.ElementTree as ET

from labelling_fixtures import CASTLEMOOR, PREDICTIONS, SCHEME, prediction
from typer.testing import CliRunner

from cli import app
from pipeline.goldlabels import load_labels, locate, words
from pipeline.label.labelqueue import anchors
from pipeline.labels import OUTCOME_NAMES
from pipeline.output import to_jsonl
from pipeline.label.review import labels_records, load_predictions, queue_order, select, tool_paths, uncertainty, write_review


def _keys(chosen):
    return [(p["doc"], p["q"]) for p in chosen]


def test_least_confident_answer_comes_first():
    ranked = sorted(PREDICTIONS, key=uncertainty, reverse=True)
    assert _keys(select(PREDICTIONS, n=1)) == [("ouseley-nhs.html", "1")] == _keys(ranked[:1])
    assert _keys(select(PREDICTIONS, n=len(PREDICTIONS)))[-1] == ("fenwick-police.eml", "2")  # 99% sure of everything


def test_a_borderline_finding_makes_a_confident_outcome_worth_a_look():
    sure = prediction("a.txt", "1", "Body A", "provided", 0.95, {"strategy_exists": 0.97}, answer="Attached.")
    borderline = prediction("a.txt", "2", "Body A", "provided", 0.95, {"strategy_exists": 0.52}, answer="Attached.")
    unsure_outcome = prediction("a.txt", "3", "Body A", "provided", 0.40, {"strategy_exists": 0.97}, answer="Attached.")
    assert uncertainty(borderline) > uncertainty(sure)
    assert uncertainty(unsure_outcome) > uncertainty(sure)


def _crowded():
    """Body A holds the three least confident answers, all `provided`; B and C are nearly as unsure."""
    rows = [("a.txt", "1", "Body A", "provided", 0.20), ("a.txt", "2", "Body A", "provided", 0.24),
            ("a.txt", "3", "Body A", "provided", 0.28), ("b.txt", "1", "Body B", "not_held", 0.40),
            ("c.txt", "1", "Body C", "refused_cost", 0.44), ("d.txt", "1", "Body D", "provided", 0.99)]
    return [prediction(doc, q, who, outcome, conf, {"dedicated_unit": 0.5}, answer=f"Answer {q} from {who}.") for doc, q, who, outcome, conf in rows]


def test_the_queue_spreads_across_bodies_and_labels():
    chosen = select(_crowded(), n=3)
    assert chosen[0]["responder"] == "Body A"  # still least confident first
    assert {p["responder"] for p in chosen} == {"Body A", "Body B", "Body C"}
    assert {p["outcome"] for p in chosen} == {"provided", "not_held", "refused_cost"}
    # without the spread, the same predictions give three answers from one body
    assert {p["responder"] for p in select(_crowded(), n=3, spread=0)} == {"Body A"}


def test_the_queue_is_deterministic():
    shuffled = PREDICTIONS[:]
    random.Random(7).shuffle(shuffled)
    assert _keys(select(shuffled, n=5)) == _keys(select(PREDICTIONS, n=5))


def test_error_records_are_skipped_and_other_files_refused(tmp_path):
    path = tmp_path / "predictions.jsonl"
    path.write_text(to_jsonl({"doc": "broken.pdf", "error": "not a PDF"}) + "".join(map(to_jsonl, PREDICTIONS)), "utf-8")
    assert len(load_predictions(path)) == len(PREDICTIONS)
    path.write_text(to_jsonl({"doc": "a.txt", "q": "1", "answer": "text"}), "utf-8")  # extract output, not classify
    try:
        load_predictions(path)
    except ValueError as exc:
        assert "outcome" in str(exc)
    else:
        raise AssertionError("a file without predictions was accepted")


def test_labels_file_is_grouped_by_document_with_anchors_and_predicted_labels(tmp_path):
    out = tmp_path / "review.jsonl"
    write_review(PREDICTIONS, n=4, out=out, scheme=SCHEME, formats=[])
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    # the 4 least confident (ouseley, harbourside 1 and 2, castlemoor 2): documents by their most urgent answer
    assert [r["doc"] for r in records] == ["ouseley-nhs.html", "harbourside-council.txt", "w1-01-castlemoor.txt"]
    assert all(r["source"] == "review" for r in records)
    harbourside = records[1]
    assert [a["q"] for a in harbourside["answers"]] == ["1", "2"]  # document order
    first = harbourside["answers"][0]
    assert first["question_start"] == "How many referrals to the National Referral Mechanism"
    assert first["answer_end"] == "therefore relying on section 12 of the Act."
    assert (first["outcome"], first["findings"], first["exemptions"]) == ("refused_cost", [], ["12"])
    assert records[2]["answers"][0]["findings"] == ["strategy_exists"]
    assert [d.doc for d in load_labels(out)] == [r["doc"] for r in records]


def test_an_unrestated_question_gets_null_question_anchors():
    records = labels_records([p for p in PREDICTIONS if p["doc"] == "fenwick-police.eml"])
    unrestated = records[0]["answers"][1]
    assert unrestated["question_start"] is None and unrestated["question_end"] is None
    assert unrestated["answer_start"] == "In 2023 the force recorded 42 modern slavery"


def test_anchors_are_found_in_the_real_document(corpus_dir, tmp_path):
    out = tmp_path / "review.jsonl"
    write_review(CASTLEMOOR, n=3, out=out, scheme=SCHEME, formats=[])
    (document,) = load_labels(out, corpus_dir)
    assert locate(document, document.path.read_text("utf-8")) == 3
    for answer, predicted in zip(document.answers, CASTLEMOOR):
        assert words(answer.text) == words(predicted["answer"])
        assert words(answer.question) == words(predicted["question"])


def test_tool_files_are_written_beside_the_labels_file(tmp_path):
    out = tmp_path / "queue.jsonl"
    written = write_review(PREDICTIONS, n=5, out=out, scheme=SCHEME)
    assert written[0] == out
    assert {p.name for p in written[1:]} == {"queue.labelstudio.json", "queue.labelstudio.xml", "queue.doccano.jsonl",
                                            "queue.doccano.labels.json", "queue.prodigy.jsonl"}
    assert [p.name for p in tool_paths(out)["doccano"]] == ["queue.doccano.jsonl", "queue.doccano.labels.json"]
    assert len(json.loads((tmp_path / "queue.labelstudio.json").read_text("utf-8"))) == 5
    config = ET.fromstring((tmp_path / "queue.labelstudio.xml").read_text("utf-8"))
    choices = {c.get("name"): [x.get("value") for x in c] for c in config.iter("Choices")}
    assert choices == {"outcome": list(OUTCOME_NAMES), "findings": list(SCHEME.finding_names)}
    assert {c.get("toName") for c in config.iter("Choices")} == {t.get("name") for t in config.iter("Text") if t.get("value") == "$text"}


def test_queue_order_groups_by_document():
    chosen = select(PREDICTIONS, n=len(PREDICTIONS))
    docs = [p["doc"] for p in queue_order(chosen, PREDICTIONS)]
    assert docs == sorted(docs, key=docs.index)  # each document's answers are together


def test_review_command(tmp_path):
    predictions = tmp_path / "predictions.jsonl"
    predictions.write_text("".join(map(to_jsonl, PREDICTIONS)), "utf-8")
    out = tmp_path / "review.jsonl"
    result = CliRunner().invoke(app, ["review", str(predictions), "--n", "3", "--out", str(out), "--format", "doccano"])
    assert result.exit_code == 0, result.output
    assert sum(len(r.answers) for r in load_labels(out)) == 3
    assert (tmp_path / "review.doccano.jsonl").exists() and not (tmp_path / "review.labelstudio.json").exists()


def test_anchors_leave_out_layout_at_their_edges():
    assert anchors("| Our Modern Slavery Statement is published on our website. |", size=3) == ("Our Modern Slavery", "on our website.")
    assert anchors(" – | ") == (None, None)
