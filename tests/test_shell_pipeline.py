"""foi-nlp inside a shell script: a run piped into `head`, --out naming a symlink, a FIFO, a stream's
descriptor link or a folder, a file whose name holds a newline, and a reply that is one enormous line.

Each was met scripting a real, messy folder of replies (2026-12-07): `| head -1` ended in
"error: BrokenPipeError" and exit 3; --out through a symlink replaced the link with a file (and
`--out /dev/stdout`, run as root, replaced the machine's /dev/stdout); --out naming a folder did all
the work and then failed with exit 3; a file named "a\nerror: b.pdf" printed two error lines; a text
of more characters than spaCy takes (a run-on line) stopped the whole run with exit 3.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.classify import load_model
from pipeline.classify.predict import nlp_for
from pipeline.runner import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE

ROOT = Path(__file__).resolve().parent.parent
REPLIES = ["w1-01-castlemoor.txt", "w1-02-lydmouth.html", "w1-03-marshfen.eml"]
runner = CliRunner()


def _cli(*args: str | Path) -> list[str]:
    """The CLI of this checkout, as a separate process (stdout a real pipe)."""
    return [sys.executable, "-c", "import sys; sys.argv[0] = 'foi-nlp'; import cli; cli.app()", *map(str, args)]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


@pytest.fixture
def replies(tmp_path: Path) -> Path:
    """Ten copies of three corpus replies: records enough to pass Python's 8 KiB stdout buffer many times."""
    folder = tmp_path / "replies"
    folder.mkdir()
    for copy in range(10):
        for name in REPLIES:
            shutil.copy(ROOT / "corpus" / name, folder / f"{copy}-{name}")
    return folder


@pytest.mark.parametrize("command", ["extract", "classify"])
def test_a_reader_that_leaves_ends_the_run_quietly(replies: Path, command: str) -> None:
    """`foi-nlp ... --format jsonl | head -1`: the first record arrives whole, then the run stops with 141
    (what `cat` gives a pipeline) and says nothing: no traceback, no "error: BrokenPipeError"."""
    process = subprocess.Popen(_cli(command, replies, "--format", "jsonl", "--no-cache" if command == "classify" else "--debug"),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=_env())
    assert process.stdout is not None
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode() if process.stderr else ""
    assert process.wait(timeout=300) == 128 + signal.SIGPIPE, stderr
    assert json.loads(first)["doc"].endswith(tuple(REPLIES))
    assert "BrokenPipe" not in stderr and "Traceback" not in stderr and "Exception ignored" not in stderr, stderr


def test_out_through_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "answers.jsonl").write_text("old\n")
    link = tmp_path / "answers.jsonl"
    link.symlink_to(Path("shared") / "answers.jsonl")
    result = runner.invoke(app, ["extract", str(ROOT / "corpus" / REPLIES[0]), "--out", str(link)])
    assert result.exit_code == EXIT_OK, result.output
    assert link.is_symlink() and os.readlink(link) == str(Path("shared") / "answers.jsonl")
    records = [json.loads(line) for line in (shared / "answers.jsonl").read_text().splitlines()]
    assert records and all(r["doc"].endswith(REPLIES[0]) for r in records)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.jsonl", "shared"]


def test_out_to_a_fifo_writes_into_it(tmp_path: Path) -> None:
    """`--out` a named pipe another program reads: written into, as `>` would, never renamed over."""
    fifo = tmp_path / "records"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there, so the writer's open does not block
    try:
        result = runner.invoke(app, ["extract", str(ROOT / "corpus" / REPLIES[0]), "--out", str(fifo)])
        data = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert result.exit_code == EXIT_OK, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [json.loads(line)["doc"] for line in data.decode().splitlines()][0].endswith(REPLIES[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records"]


def test_out_through_a_descriptor_link_writes_to_the_stream(tmp_path: Path) -> None:
    """`--out /dev/stdout` (here a link of our own to /dev/fd/1, so a failure harms no one): the records
    go down the stream and the link stays; renaming a file over it had replaced /dev/stdout itself."""
    link = tmp_path / "stdout"
    link.symlink_to("/dev/fd/1")
    result = subprocess.run(_cli("extract", ROOT / "corpus" / REPLIES[0], "--format", "jsonl", "--out", link),
                            capture_output=True, cwd=ROOT, env=_env(), timeout=300)
    assert result.returncode == EXIT_OK, result.stderr.decode()
    assert link.is_symlink() and os.readlink(link) == "/dev/fd/1"
    assert [json.loads(line)["doc"] for line in result.stdout.decode().splitlines()][0].endswith(REPLIES[0])
    from pipeline.output import replaced_path  # the rule itself, on the real device paths (nothing written)

    assert replaced_path("/dev/stdout") is None and replaced_path("/dev/null") is None


@pytest.mark.parametrize("command", ["extract", "classify", "report"])
def test_out_naming_a_folder_is_a_usage_error_before_any_work(tmp_path: Path, command: str) -> None:
    (tmp_path / "out").mkdir()
    result = runner.invoke(app, [command, str(ROOT / "corpus" / REPLIES[0]), "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_USAGE, result.output
    assert "is a folder" in result.stderr and "documents," not in result.stderr
    assert list((tmp_path / "out").iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_file_name_with_a_newline_gives_one_error_line(tmp_path: Path) -> None:
    folder = tmp_path / "replies"
    folder.mkdir()
    (folder / "scan\nerror: other.pdf").write_bytes(b"")
    shutil.copy(ROOT / "corpus" / REPLIES[0], folder / REPLIES[0])
    result = runner.invoke(app, ["extract", str(folder), "--out", str(tmp_path / "out.jsonl")])
    assert result.exit_code == EXIT_SOME_FAILED, result.output
    lines = result.stderr.splitlines()
    assert [line for line in lines if line.startswith("error:")] == ["error: scan\\nerror: other.pdf: empty file"]
    assert len(lines) == 2 and lines[1].startswith("2 documents")


def test_a_text_longer_than_spacy_takes_is_classified_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reply that is one run-on line of more characters than spaCy's `max_length` (a million; here made
    small, so the test is quick): its answer is classified on its first `max_length` characters, kept whole
    in the record, and the other replies are classified too."""
    nlp = nlp_for(load_model())
    monkeypatch.setattr(nlp, "max_length", 3_000)
    folder = tmp_path / "replies"
    folder.mkdir()
    shutil.copy(ROOT / "corpus" / REPLIES[0], folder / REPLIES[0])
    line = "Dear Ms Okoro, we hold no information about damp and mould complaints. " * 200
    (folder / "run-on.txt").write_text(line.strip())
    result = runner.invoke(app, ["classify", str(folder), "--no-cache", "--format", "jsonl", "--out", str(tmp_path / "out.jsonl")])
    assert result.exit_code == EXIT_OK, result.output
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert {Path(r["doc"]).name for r in records} == {REPLIES[0], "run-on.txt"} and all("outcome" in r for r in records)
    run_on = [r for r in records if r["doc"].endswith("run-on.txt")]
    assert len(run_on) == 1 and len(run_on[0]["answer"]) > 3 * nlp.max_length


def test_no_blank_line_on_a_logged_stderr(tmp_path: Path) -> None:
    """With stderr a log file, the progress display prints nothing at all (it left an empty line)."""
    result = runner.invoke(app, ["classify", str(ROOT / "corpus" / REPLIES[0]), "--no-cache", "--format", "jsonl"])
    assert result.exit_code == EXIT_OK, result.output
    assert "" not in result.stderr.splitlines(), result.stderr
