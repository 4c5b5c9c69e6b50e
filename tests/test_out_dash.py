"""`--out -` means standard output, as it does for every Unix tool: a user found it wrote a file named "-".

The output then goes where it goes with no --out, in the format --format gives (else the command's default:
"-" has no extension to choose one); the summary line names no file; a command whose OUT cannot be a stream
(train's model folder, label's file it adds to, review's tool files beside OUT) says so instead of making "-".
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.output import atomic_writer, write_records
from pipeline.runner import EXIT_OK, EXIT_USAGE

from report_helpers import record, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
REPLY = ROOT / "corpus" / "w1-01-castlemoor.txt"
runner = CliRunner()


def _cli(*args: str | Path) -> list[str]:
    """This checkout's CLI as its own process, so standard output is a real pipe."""
    return [sys.executable, "-c", "import sys; sys.argv[0] = 'foi-nlp'; import cli; cli.app()", *map(str, args)]


def _run(cwd: Path, *args: str | Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run(_cli(*args), capture_output=True, cwd=cwd, env=env, timeout=300)


@pytest.mark.parametrize("fmt", [[], ["--format", "csv"], ["--format", "table"]])
def test_extract_out_dash_prints_what_no_out_prints_and_makes_no_file(tmp_path: Path, fmt: list[str]) -> None:
    plain = _run(tmp_path, "extract", REPLY, *fmt)
    dashed = _run(tmp_path, "extract", REPLY, *fmt, "--out", "-")
    assert dashed.returncode == EXIT_OK, dashed.stderr.decode()
    assert dashed.stdout == plain.stdout and dashed.stdout.strip()
    assert dashed.stderr == plain.stderr and b"->" not in dashed.stderr  # "1 documents, 3 answers, 0 failed", no "-> -"
    assert list(tmp_path.iterdir()) == []


def test_extract_out_dash_defaults_to_jsonl_as_no_out_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["extract", str(REPLY), "--out", "-"])
    assert result.exit_code == EXIT_OK, result.output
    assert [json.loads(line)["q"] for line in result.stdout.splitlines()] == ["1", "2", "3"]
    assert list(tmp_path.iterdir()) == []


def test_classify_out_dash_shows_the_table_and_headlines_as_no_out_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    plain = runner.invoke(app, ["classify", str(REPLY), "--no-cache"])
    dashed = runner.invoke(app, ["classify", str(REPLY), "--no-cache", "--out", "-"])
    assert dashed.exit_code == EXIT_OK, dashed.output
    assert dashed.stdout == plain.stdout and "Classified answers" in dashed.stdout and "Q1." in dashed.stdout
    jsonl = runner.invoke(app, ["classify", str(REPLY), "--no-cache", "--out", "-", "--format", "jsonl"])
    assert [json.loads(line)["outcome"] for line in jsonl.stdout.splitlines()][0] == "not_held"
    assert list(tmp_path.iterdir()) == []


def test_resume_needs_a_file_not_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["extract", str(REPLY), "--out", "-", "--resume"])
    assert result.exit_code == EXIT_USAGE and "--resume needs --out FILE" in result.stderr
    assert list(tmp_path.iterdir()) == []


def _predictions(folder: Path) -> Path:
    return write_jsonl(folder / "predictions.jsonl", [
        record("Castlemoor Council", "1", "How many staff work on it?", "Two officers.", findings=("dedicated_unit",)),
        record("Lydmouth Council", "1", "How many staff work on it?", "This information is not held.", "not_held", confidence=0.4),
    ])


@pytest.mark.parametrize(("fmt", "start"), [([], "<!DOCTYPE html>"), (["--format", "md"], "<!-- written by foi-nlp"),
                                            (["--format", "csv"], "body,")])
def test_report_out_dash_writes_the_report_to_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             fmt: list[str], start: str) -> None:
    predictions = _predictions(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", str(predictions), "--out", "-", *fmt])
    assert result.exit_code == EXIT_OK, result.output
    assert result.stdout.startswith(start), result.stdout[:200]
    assert "->" not in result.stderr and "2 bodies" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["predictions.jsonl"]  # neither "-" nor report.html


def test_review_out_dash_prints_the_labels_alone_and_refuses_tool_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    predictions = _predictions(tmp_path)
    monkeypatch.chdir(tmp_path)
    labels = runner.invoke(app, ["review", str(predictions), "--out", "-", "--format", "labels"])
    assert labels.exit_code == EXIT_OK, labels.output
    assert {json.loads(line)["source"] for line in labels.stdout.splitlines()} == {"review"} and labels.stderr == ""
    tools = runner.invoke(app, ["review", str(predictions), "--out", "-"])
    assert tools.exit_code == EXIT_USAGE
    assert tools.stderr == ("error: --out -: the labelstudio, doccano, prodigy files are written beside OUT: "
                            "give a path, or --format labels alone\n")
    assert [p.name for p in tmp_path.iterdir()] == ["predictions.jsonl"]


@pytest.mark.parametrize(("command", "said"), [(["train", "labels.jsonl"], "a model is a folder, not a stream"),
                                               (["label", "predictions.jsonl"], "label reads and adds to its labels file")])
def test_commands_whose_out_is_no_stream_refuse_dash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     command: list[str], said: str) -> None:
    _predictions(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*command, "--out", "-"])
    assert result.exit_code == EXIT_USAGE and result.stderr.startswith(f"error: --out -: {said}")
    assert [p.name for p in tmp_path.iterdir()] == ["predictions.jsonl"]


def test_import_labels_out_dash_prints_the_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export = tmp_path / "export.jsonl"
    export.write_text("", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["import-labels", str(export), "--from", "prodigy", "--out", "-"])
    assert result.exit_code == EXIT_OK, result.output
    assert result.stderr == "0 labelled answers in 0 documents\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export.jsonl"]


def test_the_writers_send_dash_to_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """The rule lives in pipeline.output, so every writer (report's, the labelling files', scripts') has it."""
    monkeypatch.chdir(tmp_path)
    print("before", end="|")
    with atomic_writer("-") as handle:
        handle.write("text|")
    write_records([{"doc": "a.txt"}], Path("-"), "csv")
    assert capsys.readouterr().out == "before|text|doc\r\na.txt\r\n"
    assert list(tmp_path.iterdir()) == [] and sys.stdout.closed is False
