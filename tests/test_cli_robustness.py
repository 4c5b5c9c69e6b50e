"""Run-level robustness through the real CLI: a folder mixing good and broken files is
processed to the end, every broken file gets one `error:` line and an error record, the
summary and exit code say so (README's table: 0 ok, 1 some failed, 2 usage, 3 internal
error, 130 interrupted), --max-size and --resume work, and nothing the user had is lost."""
from __future__ import annotations

import json
import logging
import pathlib
import pickle
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from fixtures_files import pdf_bytes
from typer.testing import CliRunner

import pipeline.extract.records
from cli import app
from pipeline.classify.modelstore import MODEL_FILE
from pipeline.modelfiles import MANIFEST_FILE, default_model_dir
from pipeline.output import read_jsonl
from pipeline.runner import completed_docs

ROOT = Path(__file__).resolve().parent.parent
GOOD = ["w1-01-castlemoor.txt", "w1-02-lydmouth.html", "w1-03-marshfen.eml"]
BROKEN = {  # file -> a part of the reason its error line must give
    "empty.txt": "empty file",
    "random.pdf": "not a PDF file",
    "truncated.pdf": "truncated",
    "not-a-zip.docx": "not a DOCX file",
    "notes.xyz": "unsupported file type '.xyz'",
}
SUMMARY = re.compile(r"^(\d+) documents, (\d+) answers, (\d+) failed", re.M)
runner = CliRunner()


def copy_corpus(folder: Path, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(ROOT / "corpus" / name, folder / name)


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Good responses, a body folder whose attachment is broken, and one broken file of each kind."""
    folder = tmp_path / "responses"
    copy_corpus(folder, *GOOD)
    copy_corpus(folder / "Wealdshire Council", "w1-04-wealdshire.txt")
    (folder / "Wealdshire Council" / "annex.docx").write_bytes(b"this is no docx")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "random.pdf").write_bytes(bytes(range(256)) * 8)
    good_pdf = pdf_bytes(["1. How many staff?\nThe team has 12 staff."])
    (folder / "truncated.pdf").write_bytes(good_pdf[: len(good_pdf) // 2])
    (folder / "not-a-zip.docx").write_bytes(b"plain text, not a zip")
    (folder / "notes.xyz").write_text("some notes")
    return folder


@pytest.fixture(autouse=True)
def _quiet_debug_logging():
    """--debug attaches a handler to the captured stderr of one invocation; drop it after each test."""
    yield
    logger = logging.getLogger("pipeline")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)


def invoke(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


def summary(stderr: str) -> tuple[int, int, int]:
    match = SUMMARY.search(stderr)
    assert match, stderr
    return int(match[1]), int(match[2]), int(match[3])


def check_mixed_run(result, out: Path, extra_key: str) -> None:
    """Every good file has records, every broken one an error record and one error line."""
    assert result.exit_code == 1, result.output
    records = list(read_jsonl(out))
    errors = {r["doc"]: r["error"] for r in records if "error" in r}
    assert set(errors) == set(BROKEN)
    for doc, reason in BROKEN.items():
        lines = [line for line in result.stderr.splitlines() if line.startswith(f"error: {doc}: ")]
        assert len(lines) == 1 and reason in lines[0], (doc, result.stderr)
    answered = {r["doc"] for r in records if "error" not in r}
    assert answered == {*GOOD, "Wealdshire Council/w1-04-wealdshire.txt"}
    assert all(extra_key in r for r in records if "error" not in r)
    assert "warning: Wealdshire Council/w1-04-wealdshire.txt: attachment annex.docx could not be read" in result.stderr
    assert "Traceback" not in result.output
    assert summary(result.stderr) == (len(answered) + len(BROKEN), len(records) - len(errors), len(BROKEN))


def test_extract_over_a_mixed_folder(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    check_mixed_run(invoke("extract", mixed, "--out", out), out, "answer")


def test_classify_over_a_mixed_folder(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    check_mixed_run(invoke("classify", mixed, "--format", "jsonl", "--out", out), out, "outcome")


def test_all_good_exits_zero(tmp_path: Path) -> None:
    copy_corpus(tmp_path / "in", *GOOD)
    result = invoke("extract", tmp_path / "in", "--format", "csv", "--out", tmp_path / "out.csv")
    assert result.exit_code == 0, result.output
    assert summary(result.stderr)[::2] == (3, 0)


def test_a_run_that_reads_no_reply_says_what_is_never_read(tmp_path: Path) -> None:
    """A folder holding only the request as sent (or a README) is no error, but a run that finds nothing
    says why, so an empty table is not taken for replies with no answers."""
    (tmp_path / "Request.pdf").write_bytes(b"%PDF-1.4 the request as sent")
    (tmp_path / "README.md").write_text("Replies go here.", "utf-8")
    for command in ("extract", "classify"):
        result = runner.invoke(app, [command, str(tmp_path)])
        assert result.exit_code == 0, result.output
        assert "0 documents, 0 answers, 0 failed" in result.stderr and "no response found:" in result.stderr, command
    (tmp_path / "reply.txt").write_text("1. How many libraries?\nWe run four libraries.", "utf-8")
    assert "no response found" not in runner.invoke(app, ["extract", str(tmp_path)]).stderr


def test_document_text_is_not_rich_markup(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "[i]a.txt").write_text("1. How many staff [/bold] work there?\n\nThe team has [/] 12 staff.\n")
    for command in ("extract", "classify"):
        result = invoke(command, tmp_path / "in", "--format", "table")
        assert result.exit_code == 0, result.output
        assert "[i]a.txt" in result.stdout


@pytest.mark.parametrize("args", [
    ["extract", "{tmp}/no-such-folder"],
    ["classify", "{tmp}/no-such-folder"],
    ["extract", "{in}", "--max-size", "lots"],
    ["extract", "{in}", "--request", "{tmp}/no-such-request.txt"],
    ["extract", "{in}", "--resume"],
    ["extract", "{in}", "--resume", "--format", "csv", "--out", "{tmp}/out.csv"],
    ["classify", "{in}", "--model", "{tmp}/no-such-model"],
    ["report", "{tmp}/no-such-predictions.jsonl"],
])
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    copy_corpus(tmp_path / "in", GOOD[0])
    result = runner.invoke(app, [a.format(tmp=tmp_path, **{"in": tmp_path / "in"}) for a in args])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_max_size_refuses_only_the_big_file(tmp_path: Path) -> None:
    copy_corpus(tmp_path / "in", GOOD[0])
    (tmp_path / "in" / "big.txt").write_text((ROOT / "corpus" / GOOD[0]).read_text() + "padding\n" * 2000)
    out = tmp_path / "out.jsonl"
    result = invoke("extract", tmp_path / "in", "--max-size", "10KB", "--out", out)
    assert result.exit_code == 1
    assert re.search(r"^error: big\.txt: file is [\d.]+ KB, over the 10 KB size limit$", result.stderr, re.M), result.stderr
    assert {r["doc"] for r in read_jsonl(out) if "error" not in r} == {GOOD[0]}


def test_resume_processes_only_new_documents(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out.jsonl"
    copy_corpus(folder, *GOOD[:2])
    assert invoke("extract", folder, "--out", out).exit_code == 0
    first = list(read_jsonl(out))
    copy_corpus(folder, GOOD[2], "w1-04-wealdshire.txt")
    (folder / GOOD[0]).write_bytes(b"\x00\x01\x02 unreadable now" * 50)   # done already: must not be read again

    result = invoke("extract", folder, "--out", out, "--resume")

    assert result.exit_code == 0, result.output
    assert summary(result.stderr)[::2] == (2, 0) and "(2 already in the output, skipped)" in result.stderr
    final = list(read_jsonl(out))
    assert final[: len(first)] == first
    copy_corpus(tmp_path / "fresh", *GOOD, "w1-04-wealdshire.txt")
    fresh = pipeline.extract.extract_paths([tmp_path / "fresh"], segmenter=pipeline.extract.load_segmenter(default_model_dir()))
    once = Counter(r["doc"] for r in fresh)  # as `extract` runs: the shipped model's segmenter
    assert Counter(r["doc"] for r in final) == once   # each document's records, once


def test_resume_retries_documents_that_failed(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out.jsonl"
    copy_corpus(folder, GOOD[0])
    (folder / "late.txt").write_bytes(b"")
    assert invoke("extract", folder, "--out", out).exit_code == 1
    shutil.copy(ROOT / "corpus" / "w1-04-wealdshire.txt", folder / "late.txt")

    result = invoke("extract", folder, "--out", out, "--resume")

    assert result.exit_code == 0, result.output
    records = list(read_jsonl(out))
    assert not [r for r in records if "error" in r]
    assert {r["doc"] for r in records} == {GOOD[0], "late.txt"}


def test_resume_refuses_an_output_it_cannot_read_and_leaves_it(tmp_path: Path) -> None:
    copy_corpus(tmp_path / "in", GOOD[0])
    out = tmp_path / "out.jsonl"
    out.write_text("this is not JSON Lines\n")
    result = invoke("extract", tmp_path / "in", "--out", out, "--resume")
    assert result.exit_code == 2 and "cannot resume" in result.stderr
    assert out.read_text() == "this is not JSON Lines\n"


def test_resume_takes_only_complete_records_of_this_command() -> None:
    extracted = [{"doc": "a", "answer": "x"}, {"doc": "b", "answer": "y"}, {"doc": "b", "error": "?"}]
    assert completed_docs(extracted, "answer") == ({"a"}, [extracted[0]])
    assert completed_docs(extracted, "outcome") == (set(), [])   # extract output is not classify work done


def _crash_on(marker: str):
    original = pipeline.extract.records.split_reply

    def split_reply(text, request=None, segmenter=None):
        if marker in text:
            raise RuntimeError("planted failure")
        return original(text, request, segmenter)

    return split_reply


def test_a_failing_document_gives_one_line_and_a_traceback_only_with_debug(tmp_path: Path, monkeypatch) -> None:
    copy_corpus(tmp_path / "in", GOOD[0])
    (tmp_path / "in" / "boom.txt").write_text("1. Question?\nBOOM answer.\n")
    monkeypatch.setattr(pipeline.extract.records, "split_reply", _crash_on("BOOM"))

    plain = invoke("extract", tmp_path / "in", "--out", tmp_path / "out.jsonl")
    assert plain.exit_code == 1
    assert "error: boom.txt: extraction failed: RuntimeError: planted failure" in plain.stderr
    assert "Traceback" not in plain.output

    debug = invoke("extract", tmp_path / "in", "--out", tmp_path / "out.jsonl", "--debug")
    assert debug.exit_code == 1
    assert "Traceback" in debug.stderr and "planted failure" in debug.stderr


def test_an_unexpected_error_exits_3_and_keeps_the_output(tmp_path: Path, monkeypatch) -> None:
    copy_corpus(tmp_path / "in", GOOD[0])
    out = tmp_path / "out.jsonl"
    out.write_text('{"doc": "old"}\n')

    def broken(documents, *, request=None, segmenter=None):
        yield {"doc": "first.txt", "answer": "fine"}
        raise RuntimeError("a bug")

    monkeypatch.setattr(pipeline.extract.records, "extract_documents", broken)
    result = invoke("extract", tmp_path / "in", "--out", out)
    assert result.exit_code == 3
    assert re.search(r"^error: RuntimeError: a bug; .*out\.jsonl was left as it was", result.stderr, re.M)
    assert out.read_text() == '{"doc": "old"}\n' and "Traceback" not in result.output
    assert isinstance(invoke("extract", tmp_path / "in", "--out", out, "--debug").exception, RuntimeError)


class _WritesOnUnpickle:
    """A model file from elsewhere: unpickling it writes `target`."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self):
        return pathlib.Path.write_text, (self.target, "code ran")


def test_classify_refuses_a_planted_pickle_model_and_runs_nothing(tmp_path: Path) -> None:
    import hashlib

    model = tmp_path / "model"
    shutil.copytree(default_model_dir(), model)
    target = tmp_path / "written-by-the-model"
    (model / MODEL_FILE).write_bytes(pickle.dumps(_WritesOnUnpickle(target)))
    manifest = json.loads((model / MANIFEST_FILE).read_text())
    manifest["sha256"][MODEL_FILE] = hashlib.sha256((model / MODEL_FILE).read_bytes()).hexdigest()
    (model / MANIFEST_FILE).write_text(json.dumps(manifest))
    copy_corpus(tmp_path / "in", GOOD[0])

    result = invoke("classify", tmp_path / "in", "--model", model)

    assert result.exit_code == 2 and f"error: {model / MODEL_FILE}" in result.stderr
    assert not target.exists()
