"""Ctrl-C on every long command is one line on stderr and exit 130, as on extract, classify, report and train:
a user found `evaluate` (minutes with --cv or --learning-curve) stopped with 130 and not a word. review and
import-labels, which read big files, say it too; what each says of its output is true (files are replaced whole)."""
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

import pipeline.label
from cli import app
from pipeline.runner import EXIT_INTERRUPTED

from report_helpers import record, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def _default_sigint() -> None:
    """A shell's background job (CI's, say) inherits SIGINT ignored: restore it so Ctrl-C is what the run gets."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _unchecked(folder: Path) -> Path:
    """The corpus's labels marked as the model's unchecked predictions: evaluate warns of them in one line just
    before it starts reading and segmenting the hundred replies (many seconds), a moment to press Ctrl-C in."""
    lines = (ROOT / "corpus" / "labels.jsonl").read_text("utf-8").splitlines()
    path = folder / "unchecked.jsonl"
    path.write_text("".join(json.dumps({**json.loads(line), "source": "review"}) + "\n" for line in lines if line.strip()), "utf-8")
    return path


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_ctrl_c_during_evaluate_says_interrupted_and_prints_nothing_half_done(tmp_path: Path, fmt: str) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    process = subprocess.Popen([sys.executable, "-c", "import cli; cli.app()", "evaluate", str(_unchecked(tmp_path)),
                                "--docs", str(ROOT / "corpus"), "--format", fmt], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_default_sigint)
    warning = process.stderr.readline()
    assert warning.startswith(b"warning "), warning
    time.sleep(0.5)  # past the warning's own print, well inside the evaluation
    started = time.monotonic()
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == EXIT_INTERRUPTED, stderr.decode()
    assert stderr.decode() == "\ninterrupted\n"
    assert stdout == b""  # no table or JSON cut short
    assert time.monotonic() - started < 10  # stopped then, not at the end
    assert sorted(p.name for p in tmp_path.iterdir()) == ["unchecked.jsonl"]


def _predictions(folder: Path) -> Path:
    return write_jsonl(folder / "predictions.jsonl", [
        record("Castlemoor Council", "1", "How many staff work on it?", "Two officers."),
        record("Lydmouth Council", "1", "How many staff work on it?", "This information is not held.", "not_held"),
    ])


def _stopped(*_args: object, **_kwargs: object) -> None:
    raise KeyboardInterrupt


def test_ctrl_c_during_import_labels_says_the_old_labels_are_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export, out = tmp_path / "export.jsonl", tmp_path / "labels.jsonl"
    export.write_text("", "utf-8")
    out.write_text("old\n", "utf-8")
    monkeypatch.setattr(pipeline.label, "import_labels", _stopped)
    result = runner.invoke(app, ["import-labels", str(export), "--from", "prodigy", "--out", str(out)])
    assert (result.exit_code, result.stderr) == (EXIT_INTERRUPTED, f"\ninterrupted; {out} was left as it was\n")
    assert out.read_text("utf-8") == "old\n"


def test_ctrl_c_during_review_says_what_the_files_are(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    predictions = _predictions(tmp_path)
    monkeypatch.setattr(pipeline.label, "write_review", _stopped)
    result = runner.invoke(app, ["review", str(predictions), "--out", str(tmp_path / "review.jsonl")])
    assert result.exit_code == EXIT_INTERRUPTED
    assert result.stderr == "\ninterrupted; each file written so far is whole, the others are as they were\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["predictions.jsonl"]
