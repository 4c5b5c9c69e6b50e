"""The terminal labeller: keys in, labels out, resumable and safe to stop."""
from __future__ import annotations

import json

import pytest
from labelling_fixtures import CASTLEMOOR, PREDICTIONS, SCHEME
from rich.console import Console
from typer.testing import CliRunner

from cli import app
from pipeline.goldlabels import load_labels
from pipeline.label.labelqueue import label_keys
from pipeline.label.labeller import Draft, Screen, append_record, read_labelled, render, run, session
from pipeline.output import to_jsonl
from pipeline.label.review import queue_order, select

KEY = {name: key for key, name in label_keys(SCHEME.finding_names).items()}


def _answers(path):
    return {(r["doc"], a["q"]): (a["outcome"], a["findings"]) for r in read_labelled(path) for a in r["answers"]}


def test_keys_accept_fix_toggle_and_skip():
    queue = CASTLEMOOR  # q1 not_held [no_specific_budget]; q2 provided [strategy_exists]; q3 provided [measures, stats]
    written = []
    keys = ["\n",                                                        # q1: accept as predicted
            "2", KEY["specific_budget"], KEY["strategy_exists"], "x", "\r",  # q2: refused_cost, +budget, -strategy; x ignored
            "s"]                                                         # q3: skip
    tally = run(queue, keys, scheme=SCHEME, record=written.append)
    assert [(r["doc"], a["q"], a["outcome"], a["findings"]) for r in written for a in r["answers"]] == [
        ("w1-01-castlemoor.txt", "1", "not_held", ["no_specific_budget"]),
        ("w1-01-castlemoor.txt", "2", "refused_cost", ["specific_budget"]),
    ]
    assert (tally.labelled, tally.changed, tally.skipped, tally.stopped) == (2, 1, 1, False)
    assert written[0]["source"] == "labeller"
    assert written[0]["answers"][0]["answer_start"] == "Castlemoor Constabulary has no ring-fenced funding for anti-trafficking"


def test_digits_follow_the_outcome_order_and_q_quits():
    written = []
    tally = run(CASTLEMOOR, ["1", "7", "\n", "q", "\n"], scheme=SCHEME, record=written.append)
    assert [a["outcome"] for r in written for a in r["answers"]] == ["other"]  # the last digit wins
    assert tally.stopped and tally.labelled == 1


def test_session_appends_resumes_and_leaves_one_line_per_document(tmp_path):
    out = tmp_path / "labels.jsonl"
    queue = queue_order(select(PREDICTIONS, n=5), PREDICTIONS)
    first = session(PREDICTIONS, out=out, keys=["\n", "3", "\n", "q"], scheme=SCHEME, n=5)
    assert first.labelled == 2 and first.stopped
    assert list(_answers(out)) == [(p["doc"], p["q"]) for p in queue[:2]]
    assert _answers(out)[(queue[1]["doc"], queue[1]["q"])][0] == "refused_exemption"

    second = session(PREDICTIONS, out=out, keys=["\n"] * 10, scheme=SCHEME, n=5)
    assert (second.labelled, second.stopped) == (3, False)  # only the three left
    assert set(_answers(out)) == {(p["doc"], p["q"]) for p in queue}
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == len({p["doc"] for p in queue})  # compacted: one line per document
    for document in load_labels(out):
        order = [p["q"] for p in PREDICTIONS if p["doc"] == document.doc]
        assert [a.q for a in document.answers] == sorted((a.q for a in document.answers), key=order.index)


def test_ctrl_c_keeps_every_decision_made(tmp_path):
    out = tmp_path / "labels.jsonl"

    def keys():
        yield from ["\n", "\n"]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        session(PREDICTIONS, out=out, keys=keys(), scheme=SCHEME, n=5)
    queue = queue_order(select(PREDICTIONS, n=5), PREDICTIONS)
    assert list(_answers(out)) == [(p["doc"], p["q"]) for p in queue[:2]]
    assert all(line.endswith("}") for line in out.read_text("utf-8").splitlines())


def test_a_line_cut_short_by_a_crash_is_dropped_on_resume(tmp_path):
    out = tmp_path / "labels.jsonl"
    run(CASTLEMOOR[:1], ["\n"], scheme=SCHEME, record=lambda r: append_record(out, r))
    with open(out, "a", encoding="utf-8") as handle:
        handle.write('{"doc": "w1-01-castlemoor.txt", "answers": [{"q": "2", "outc')  # the power went
    assert list(_answers(out)) == [("w1-01-castlemoor.txt", "1")]
    assert out.read_text("utf-8").endswith("}\n")
    append_record(out, {"doc": "x.txt", "answers": []})
    assert len(read_labelled(out)) == 2


def test_existing_labels_in_the_file_are_kept(tmp_path):
    out = tmp_path / "labels.jsonl"
    existing = {"doc": "other.txt", "responder": "Other Council", "reference": None, "date": None, "encoding": "cp1252",
                "answers": [{"q": "1", "question_start": None, "question_end": None, "answer_start": "We do not hold this",
                             "answer_end": "information at all, sorry.", "outcome": "not_held", "findings": [], "exemptions": []}]}
    out.write_text(to_jsonl(existing), "utf-8")
    session(PREDICTIONS, out=out, keys=["\n", "q"], scheme=SCHEME, n=5)
    records = read_labelled(out)
    assert records[0] == existing and len(records) == 2


def test_screen_shows_question_answer_evidence_and_keys():
    prediction = CASTLEMOOR[0]
    console = Console(record=True, width=240, force_terminal=True, color_system="truecolor")
    console.print(render(Screen(prediction, Draft("not_held", ["no_specific_budget"]), 1, 3), SCHEME))
    plain = console.export_text(clear=False)
    assert "BUDGETS OR ANY OTHER RESOURCES" in plain and "costs involved are not recorded separately" in plain
    assert "1 ncnd" in plain and f"{KEY['no_specific_budget']} no_specific_budget" in plain
    assert "not_held (55%)" in plain
    styled = console.export_text(styles=True)
    evidence = prediction["evidence"]["no_specific_budget"]
    assert evidence in plain and f"m{evidence}" in styled  # an escape sequence opens right before it: highlighted
    assert "doubts" not in plain


def test_screen_says_when_extraction_doubts_the_answer_is_one():
    """Accepting labels for a notice read as an answer would teach the segmenter it is one: the screen warns."""
    prediction = {**CASTLEMOOR[0], "flags": ["answers_several", "check_answer"]}
    console = Console(record=True, width=240)
    console.print(render(Screen(prediction, Draft("not_held", []), 1, 3), SCHEME))
    assert "extraction doubts this is an answer: check it in the reply" in console.export_text()


def test_label_command_reads_keys_from_a_pipe(tmp_path):
    predictions = tmp_path / "predictions.jsonl"
    predictions.write_text("".join(map(to_jsonl, PREDICTIONS)), "utf-8")
    out = tmp_path / "labels.jsonl"
    result = CliRunner().invoke(app, ["label", str(predictions), "--out", str(out), "--n", "3"], input="\n5\nq")
    assert result.exit_code == 0, result.output
    queue = queue_order(select(PREDICTIONS, n=3), PREDICTIONS)
    assert [outcome for outcome, _ in _answers(out).values()] == [queue[0]["outcome"], "not_held"]
    assert json.loads(out.read_text("utf-8").splitlines()[0])["source"] == "labeller"


def test_label_command_with_a_broken_labels_file_as_out_says_so_in_one_line(tmp_path, monkeypatch):
    """Not a traceback and exit 1 ("some documents failed"): a usage error naming the line, and the file left as it was."""
    monkeypatch.delenv("COLUMNS", raising=False)
    predictions = tmp_path / "predictions.jsonl"
    predictions.write_text("".join(map(to_jsonl, PREDICTIONS)), "utf-8")
    out = tmp_path / "labels.jsonl"
    broken = '{"doc": "a.txt", "answers": []}\n{"doc": "b.txt", "answers": [\n{"doc": "c.txt", "answers": []}\n'
    out.write_text(broken, "utf-8")
    result = CliRunner().invoke(app, ["label", str(predictions), "--out", str(out)], input="q")
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {out}:2: not JSON (") and result.output.endswith("; fix or move the file\n")
    assert out.read_text("utf-8") == broken
