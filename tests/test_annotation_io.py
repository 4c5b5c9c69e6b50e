"""Round trips through annotation tools: what goes out to a tool comes back, with the person's edits."""
from __future__ import annotations

import copy
import json

import pytest
from labelling_fixtures import PREDICTIONS, SCHEME
from typer.testing import CliRunner

from cli import app
from pipeline.label.annotation_io import AnnotationImportError, import_labels
from pipeline.goldlabels import load_labels
from pipeline.output import to_jsonl
from pipeline.label.review import write_review

# What the person changes: (doc, q) -> (outcome, findings).
EDITS = {
    ("harbourside-council.txt", "2"): ("provided", ["strategy_exists", "measures_referenced"]),
    ("ouseley-nhs.html", "1"): ("provided", []),  # the model's finding removed
}


def _review(tmp_path, n=6):
    out = tmp_path / "review.jsonl"
    write_review(PREDICTIONS, n=n, out=out, scheme=SCHEME)
    return out, [json.loads(line) for line in out.read_text("utf-8").splitlines()]


def _expected(records, source, edits=EDITS, drop=()):
    """The records that went out, with the person's edits, as the import should return them."""
    expected = []
    for record in copy.deepcopy(records):
        record["source"] = source
        answers = []
        for answer in record["answers"]:
            key = (record["doc"], answer["q"])
            if key in drop:
                continue
            if key in edits:
                answer["outcome"], answer["findings"] = edits[key][0], list(edits[key][1])
            answers.append(answer)
        if answers:
            expected.append({**record, "answers": answers})
    return expected


def _choices(name, labels):
    return {"id": f"{name}-1", "from_name": name, "to_name": "answer", "type": "choices", "origin": "manual", "value": {"choices": labels}}


def _labelstudio_export(tasks, edits=EDITS):
    """What Label Studio's Export > JSON gives after a person submitted every task."""
    exported = []
    for number, task in enumerate(tasks, 1):
        key = (task["data"]["doc"], task["data"]["q"])
        result = copy.deepcopy(task["predictions"][0]["result"])
        if key in edits:
            outcome, findings = edits[key]
            result = [_choices("outcome", [outcome])] + ([_choices("findings", findings)] if findings else [])
        annotation = {"id": 100 + number, "completed_by": 1, "result": result, "was_cancelled": False, "ground_truth": False,
                      "created_at": "2024-05-01T10:00:00.000000Z", "updated_at": "2024-05-01T10:00:00.000000Z",
                      "lead_time": 14.2, "task": number, "project": 3, "prediction": {}, "result_count": 0}
        exported.append({"id": number, "annotations": [annotation], "file_upload": "f3a1-review.labelstudio.json",
                         "drafts": [], "predictions": [41 + number], "data": task["data"], "meta": {},
                         "created_at": "2024-05-01T09:00:00.000000Z", "updated_at": "2024-05-01T10:00:00.000000Z",
                         "inner_id": number, "total_annotations": 1, "cancelled_annotations": 0, "total_predictions": 1,
                         "comment_count": 0, "unresolved_comment_count": 0, "last_comment_updated_at": None,
                         "project": 3, "updated_by": 1, "comment_authors": []})
    return exported


def test_labelstudio_round_trip_returns_the_records_with_the_edits(tmp_path):
    out, records = _review(tmp_path)
    tasks = json.loads((tmp_path / "review.labelstudio.json").read_text("utf-8"))
    export = tmp_path / "project-3.json"
    export.write_text(json.dumps(_labelstudio_export(tasks)), "utf-8")
    assert import_labels(export, source="labelstudio") == _expected(records, "labelstudio")
    untouched = tmp_path / "untouched.json"
    untouched.write_text(json.dumps(_labelstudio_export(tasks, edits={})), "utf-8")
    assert import_labels(untouched, source="labelstudio") == _expected(records, "labelstudio", edits={})


def test_labelstudio_skips_unlabelled_and_cancelled_tasks_and_takes_the_latest_annotation(tmp_path):
    _, records = _review(tmp_path)
    exported = _labelstudio_export(json.loads((tmp_path / "review.labelstudio.json").read_text("utf-8")))
    first, second, third = exported[:3]
    first["annotations"] = []
    second["annotations"][0]["was_cancelled"] = True
    third["annotations"].append({**third["annotations"][0], "id": 999, "result": [_choices("outcome", ["other"])]})
    export = tmp_path / "export.json"
    export.write_text(json.dumps(exported), "utf-8")
    got = {(r["doc"], a["q"]): a for r in import_labels(export, source="labelstudio") for a in r["answers"]}
    keys = [(t["data"]["doc"], t["data"]["q"]) for t in exported]
    assert keys[0] not in got and keys[1] not in got
    assert (got[keys[2]]["outcome"], got[keys[2]]["findings"]) == ("other", [])
    assert len(got) == len(exported) - 2


@pytest.mark.parametrize("nested", [False, True], ids=["metadata-at-top", "metadata-in-meta"])
def test_doccano_round_trip_returns_the_records_with_the_edits(tmp_path, nested):
    _, records = _review(tmp_path)
    exported = []
    for number, line in enumerate((tmp_path / "review.doccano.jsonl").read_text("utf-8").splitlines(), 1):
        example = json.loads(line)
        key = (example["doc"], example["q"])
        labels = [EDITS[key][0], *EDITS[key][1]] if key in EDITS else example["label"]
        meta = {k: v for k, v in example.items() if k not in ("text", "label")}
        row = {"id": 200 + number, "text": example["text"], "label": labels[::-1], "Comments": []}  # doccano's order is its own
        exported.append({**row, "meta": meta} if nested else {**row, **meta})
    export = tmp_path / "doccano-export.jsonl"
    export.write_text("".join(map(to_jsonl, exported)), "utf-8")
    assert import_labels(export, source="doccano") == _expected(records, "doccano")


def test_prodigy_import_of_a_realistic_export(tmp_path):
    _, records = _review(tmp_path)
    tasks = [json.loads(line) for line in (tmp_path / "review.prodigy.jsonl").read_text("utf-8").splitlines()]
    keys = [(t["doc"], t["q"]) for t in tasks]
    session = {"_view_id": "choice", "config": {"choice_style": "multiple"}, "_annotator_id": "foi-2024-05-01", "_session_id": "foi-2024-05-01"}
    exported = []
    for number, task in enumerate(tasks):
        answered = {**task, **session, "_input_hash": 1000 + number, "_task_hash": 2000 + number, "_timestamp": 1714557600 + number, "answer": "accept"}
        if keys[number] in EDITS:
            outcome, findings = EDITS[keys[number]]
            answered["accept"] = [outcome, *findings]
        exported.append(answered)
    exported[2]["answer"] = "ignore"  # the person could not decide
    exported[3]["answer"] = "reject"  # nor here
    # a later binary pass (textcat.teach style) adds a finding to an answer accepted as predicted
    target = next(i for i, key in enumerate(keys) if key not in EDITS and i not in (2, 3))
    binary = {k: v for k, v in tasks[target].items() if k not in ("options", "accept")}
    exported.append({**binary, "label": "dedicated_unit", "answer": "accept", "_view_id": "classification", "_input_hash": 1000 + target, "_task_hash": 3000})
    export = tmp_path / "prodigy-db-out.jsonl"
    export.write_text("".join(map(to_jsonl, exported)), "utf-8")

    outcome, *findings = tasks[target]["accept"]
    edits = {**EDITS, keys[target]: (outcome, [f for f in SCHEME.finding_names if f in {*findings, "dedicated_unit"}])}
    assert import_labels(export, source="prodigy") == _expected(records, "prodigy", edits=edits, drop={keys[2], keys[3]})


def test_imported_labels_are_a_valid_labels_file(tmp_path):
    _, _ = _review(tmp_path)
    tasks = json.loads((tmp_path / "review.labelstudio.json").read_text("utf-8"))
    export = tmp_path / "export.json"
    export.write_text(json.dumps(_labelstudio_export(tasks)), "utf-8")
    labels = tmp_path / "labels.jsonl"
    result = CliRunner().invoke(app, ["import-labels", str(export), "--from", "labelstudio", "--out", str(labels)])
    assert result.exit_code == 0, result.output
    documents = load_labels(labels)
    assert sum(len(d.answers) for d in documents) == len(tasks)
    assert all(a.outcome for d in documents for a in d.answers)


@pytest.mark.parametrize("labels, message", [
    (["provided", "not_held"], "exactly one outcome"),
    (["strategy_exists"], "exactly one outcome"),
    (["provided", "council_tax"], "unknown label"),
])
def test_bad_labels_stop_the_import_and_say_where(tmp_path, labels, message):
    _, _ = _review(tmp_path, n=1)
    example = json.loads((tmp_path / "review.doccano.jsonl").read_text("utf-8").splitlines()[0])
    export = tmp_path / "export.jsonl"
    export.write_text(to_jsonl({**example, "label": labels}), "utf-8")
    with pytest.raises(AnnotationImportError, match=message) as info:
        import_labels(export, source="doccano")
    assert "export.jsonl:1" in str(info.value)


def test_tasks_not_written_by_review_are_refused(tmp_path):
    export = tmp_path / "export.jsonl"
    export.write_text(to_jsonl({"id": 1, "text": "Some answer.", "label": ["provided"]}), "utf-8")
    with pytest.raises(AnnotationImportError, match="foi-nlp review"):
        import_labels(export, source="doccano")


def test_every_tool_shows_when_extraction_doubts_an_answer_and_the_round_trip_holds(tmp_path):
    """An answer flagged `check_answer` says so first in each tool's task (labelling a notice as an answer teaches the
    segmenter it is one); the doubt is shown, never imported: the labels that come back are the same."""
    doubted = [{**p, "flags": ["check_answer"]} if i % 2 == 0 else p for i, p in enumerate(PREDICTIONS)]
    out = tmp_path / "review.jsonl"
    write_review(doubted, n=6, out=out, scheme=SCHEME)
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    tasks = json.loads((tmp_path / "review.labelstudio.json").read_text("utf-8"))
    titles = [t["data"]["title"] for t in tasks]
    assert 0 < sum("EXTRACTION DOUBTS THIS IS AN ANSWER" in t for t in titles) < len(titles)
    texts = [json.loads(line)["text"] for line in (tmp_path / "review.doccano.jsonl").read_text("utf-8").splitlines()]
    texts += [json.loads(line)["text"] for line in (tmp_path / "review.prodigy.jsonl").read_text("utf-8").splitlines()]
    flagged = [t for t in texts if t.startswith("CHECK: extraction doubts this is an answer")]
    assert 0 < len(flagged) < len(texts)
    export = tmp_path / "project-3.json"
    export.write_text(json.dumps(_labelstudio_export(tasks)), "utf-8")
    assert import_labels(export, source="labelstudio") == _expected(records, "labelstudio")
