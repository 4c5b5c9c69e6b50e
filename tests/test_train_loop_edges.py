"""The training loop's edges a tester found: an answer labelled twice (in one labels file, or in two given
together) is trained and scored once, said in one line naming where; labelled twice differently, it stops the
run in one line. Ctrl-C during `train` says in one line what is in the model folder, exits 130, and never
leaves a half-written folder."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.classify import load_model, modelstore
from pipeline.train import evaluate_extraction

from labelling_fixtures import HARROWGATE as REPLY

ROOT = Path(__file__).resolve().parent.parent


def _line(doc: str, outcome: str = "provided", **extra: object) -> dict:
    answer = {"q": "1", "question_start": "Do you keep a register", "question_end": "allotments that lie empty?",
              "answer_start": "We do keep one.", "answer_end": "at the Mill Lane site.",
              "outcome": outcome, "findings": [], "exemptions": []}
    return {"doc": doc, "responder": f"{doc.split('.')[0].title()} Parish Council", "answers": [answer], **extra}


def _replies(folder: Path, *names: str) -> None:
    for name in names:
        (folder / name).write_text(REPLY.replace("Harrowgate", name.split(".")[0].title()), "utf-8")


def _labels(path: Path, *lines: dict) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    return path


def _two(folder: Path, **extra: object) -> Path:
    """Two replies with two outcomes, the least a model is trained on, in mine.jsonl."""
    _replies(folder, "harrowgate.txt", "elmswell.txt")
    return _labels(folder / "mine.jsonl", _line("harrowgate.txt", **extra), _line("elmswell.txt", "not_held", **extra))


def _train(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["train", *args, "--no-cv"])
    return result.exit_code, result.output


def _trained_answers(model: Path) -> int:
    return json.loads((model / "model.json").read_text("utf-8"))["training"]["answers"]


@pytest.fixture(autouse=True)
def _unwrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)


# --- an answer labelled twice ---------------------------------------------------------------------------


def test_a_reply_labelled_twice_in_one_file_is_trained_once_and_the_line_says_where(tmp_path: Path) -> None:
    labels = _two(tmp_path)
    _labels(labels, *map(json.loads, labels.read_text().splitlines()), _line("harrowgate.txt"))
    code, output = _train(str(labels), "--out", str(tmp_path / "model"))
    assert code == 0, output
    assert f"skipped {labels}:3: harrowgate.txt q1: labelled before, at {labels}:1, with the same labels; counted once\n" in output
    assert _trained_answers(tmp_path / "model") == 2


def test_a_reply_labelled_in_two_files_given_together_is_trained_and_scored_once(tmp_path: Path) -> None:
    """The same reply is the same file, whatever folder each labels file names it from."""
    first = _two(tmp_path)
    (tmp_path / "more").mkdir()
    _replies(tmp_path, "oakley.txt")
    second = _labels(tmp_path / "more" / "labels.jsonl", _line("oakley.txt"), _line("harrowgate.txt"))
    code, output = _train(str(first), str(second), "--docs", str(tmp_path), "--out", str(tmp_path / "model"))
    assert code == 0, output
    assert f"skipped {second}:2: harrowgate.txt q1: labelled before, at {first}:1, with the same labels; counted once\n" in output
    assert _trained_answers(tmp_path / "model") == 3
    measured = evaluate_extraction([first, second], [tmp_path, tmp_path])
    assert (measured["documents"], measured["gold_answers"]) == (3, 3)


def test_replies_of_the_same_name_in_two_folders_are_two_replies(tmp_path: Path) -> None:
    first = _two(tmp_path)
    (tmp_path / "more").mkdir()
    _replies(tmp_path / "more", "harrowgate.txt")
    second = _labels(tmp_path / "more" / "labels.jsonl", _line("harrowgate.txt"))
    code, output = _train(str(first), str(second), "--out", str(tmp_path / "model"))
    assert code == 0 and "skipped" not in output, output
    assert _trained_answers(tmp_path / "model") == 3


def test_a_labels_file_given_twice_is_read_once(tmp_path: Path) -> None:
    labels = _two(tmp_path)
    code, output = _train(str(labels), str(labels), "--out", str(tmp_path / "model"))
    assert code == 0, output
    assert f"skipped {labels}: given twice with the same documents; read once\n" in output
    assert _trained_answers(tmp_path / "model") == 2


def test_an_answer_labelled_twice_differently_stops_train_and_evaluate_in_one_line(tmp_path: Path) -> None:
    """Which of the two is right only a person can say: training on both would teach the model both."""
    labels = _two(tmp_path)
    _labels(labels, *map(json.loads, labels.read_text().splitlines()), _line("harrowgate.txt", "not_held"))
    said = (f"error: {labels}:3: harrowgate.txt q1: labelled differently at {labels}:1 (outcome 'provided' there, "
            "'not_held' here); keep the one that is right and delete the other\n")
    assert _train(str(labels), "--out", str(tmp_path / "model")) == (2, said)
    assert not (tmp_path / "model").exists()
    result = CliRunner().invoke(app, ["evaluate", str(labels)])
    assert (result.exit_code, result.output) == (2, said)


# --- Ctrl-C during train --------------------------------------------------------------------------------


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _default_sigint() -> None:
    """A shell's background job (CI's, say) inherits SIGINT ignored: restore it so Ctrl-C is what the run gets."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_during_train_says_the_old_model_was_not_changed_and_leaves_it_whole(tmp_path: Path) -> None:
    """A real Ctrl-C to a real run, sent once it has started training: labels marked unreviewed make it say
    so (one warning line) just before it trains (a second or more: the replies read, spaCy loaded, the model fitted),
    so the signal lands in the training every time."""
    model = tmp_path / "model"
    assert _train(str(_two(tmp_path)), "--out", str(model))[0] == 0
    old = _files(model)
    unreviewed = _two(tmp_path, source="review")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    process = subprocess.Popen([sys.executable, "-c", "import cli; cli.app()", "train", str(unreviewed), "--out", str(model),
                                "--force", "--allow-unreviewed"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, preexec_fn=_default_sigint)
    warning = process.stderr.readline()
    assert warning.startswith(b"warning 2 answers still carry unchecked model predictions"), warning
    time.sleep(0.2)  # past the warning's own print (a Ctrl-C inside Rich's print shows its line again), not past reading the spaCy model
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr.decode()
    assert stderr.decode() == f"\ninterrupted: the model in {model} was not changed\n"
    assert _files(model) == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elmswell.txt", "harrowgate.txt", "mine.jsonl", "model"]


def test_ctrl_c_while_the_model_is_written_leaves_no_folder_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder is written beside OUT, so stopped after every file but before the move, nothing is at OUT."""
    write = modelstore._write_folder

    def stopped(model: object, folder: Path) -> None:
        write(model, folder)
        raise KeyboardInterrupt

    monkeypatch.setattr(modelstore, "_write_folder", stopped)
    model = tmp_path / "model"
    code, output = _train(str(_two(tmp_path)), "--out", str(model))
    assert (code, output) == (130, f"\ninterrupted: no model was written to {model}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elmswell.txt", "harrowgate.txt", "mine.jsonl"]


def test_ctrl_c_after_the_new_model_is_in_place_says_it_is_complete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    swap = modelstore._swap

    def stopped(staging: Path, out: Path) -> None:
        swap(staging, out)
        raise KeyboardInterrupt

    model = tmp_path / "model"
    labels = _two(tmp_path)
    assert _train(str(labels), "--out", str(model))[0] == 0
    monkeypatch.setattr(modelstore, "_swap", stopped)
    code, output = _train(str(labels), "--out", str(model), "--force")
    assert (code, output) == (130, f"\ninterrupted: the new model in {model} was already complete\n")
    assert load_model(model).meta["training"]["answers"] == 2
