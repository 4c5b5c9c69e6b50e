"""Output is replaced atomically: a run stopped at any moment leaves the previous file
byte for byte (or the complete new one), never a truncated one."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from rich.table import Table

from pipeline.output import atomic_writer
from pipeline.runner import Run

ROOT = Path(__file__).resolve().parent.parent
OLD = b'{"doc": "earlier.txt", "q": "1", "answer": "kept exactly as it was"}\n' * 50


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_atomic_writer_keeps_the_old_file_when_the_block_fails(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(OLD)
    with pytest.raises(RuntimeError), atomic_writer(out) as handle:
        handle.write("half a record")
        raise RuntimeError("stopped")
    assert out.read_bytes() == OLD and _temp_files(tmp_path) == []


def _stopped_after(n: int) -> Iterator[dict]:
    for i in range(n):
        yield {"doc": f"d{i}.txt", "q": "1", "answer": "x" * 5000}
    raise KeyboardInterrupt


def _table(records: list[dict]) -> Table:
    table = Table()
    table.add_column("doc")
    for record in records:
        table.add_row(record["doc"])
    return table


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_run_output_is_untouched_when_stopped_mid_write(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    out.write_bytes(OLD)
    run = Run(Console(file=open(os.devnull, "w")), out=out, fmt=fmt)
    with pytest.raises(KeyboardInterrupt):
        run.write(_stopped_after(20), table=_table)
    assert out.read_bytes() == OLD and _temp_files(tmp_path) == []


# ---------------------------------------------------------------- the real CLI, stopped by a signal


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("foi-nlp")
    return [str(script)] if script.exists() else [shutil.which("foi-nlp") or "foi-nlp"]


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six copies of every top-level corpus response: a run of several seconds."""
    folder = tmp_path_factory.mktemp("big")
    sources = [p for p in (ROOT / "corpus").iterdir() if p.suffix in {".txt", ".html", ".eml"} and p.stem != "request"]
    for copy in range(6):
        for source in sources:
            shutil.copy(source, folder / f"{copy}-{source.name}")
    return folder


def _default_sigint() -> None:
    """A shell's background job (CI's, say) inherits SIGINT ignored: restore it so Ctrl-C is what the run gets."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _writing(out: Path) -> bool:
    """Output has begun: a temporary file holds some of it, or `out` itself has changed."""
    return any(p.stat().st_size > 0 for p in out.parent.glob(f".{out.name}.*.tmp")) or out.read_bytes() != OLD


def _start_and_stop(big_folder: Path, out: Path, sig: signal.Signals) -> subprocess.CompletedProcess:
    """Start an extract run over `big_folder`, wait until it is writing, then send `sig`."""
    process = subprocess.Popen([*_cli(), "extract", str(big_folder), "--out", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=out.parent,
                               preexec_fn=_default_sigint)
    deadline = time.monotonic() + 120
    while not _writing(out):
        assert process.poll() is None, "the run ended before it could be stopped mid-write"
        assert time.monotonic() < deadline, "the run never started writing"
        time.sleep(0.02)
    process.send_signal(sig)
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def test_ctrl_c_mid_run_leaves_the_previous_output_and_no_temp_file(big_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(OLD)
    result = _start_and_stop(big_folder, out, signal.SIGINT)
    assert result.returncode == 130, result.stderr.decode()
    assert out.read_bytes() == OLD
    assert _temp_files(tmp_path) == []
    assert b"interrupted" in result.stderr and b"Traceback" not in result.stderr


def test_kill_mid_run_leaves_the_previous_output(big_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(OLD)
    result = _start_and_stop(big_folder, out, signal.SIGKILL)
    assert result.returncode == -signal.SIGKILL
    assert out.read_bytes() == OLD   # the killed run's partial temp file may stay behind; out is never it


def test_replacing_keeps_the_mode_and_a_new_file_gets_the_usual_one(tmp_path: Path) -> None:
    kept, new = tmp_path / "kept.jsonl", tmp_path / "new.jsonl"
    kept.write_bytes(OLD)
    kept.chmod(0o640)
    for path in (kept, new):
        with atomic_writer(path) as handle:
            handle.write("{}\n")
    umask = os.umask(0)
    os.umask(umask)
    assert (kept.stat().st_mode & 0o777, new.stat().st_mode & 0o777) == (0o640, 0o666 & ~umask)


def test_run_counts_documents_answers_and_failures_as_records_pass() -> None:
    """A document's records come together; the run counts it once, its error once, and reports
    each document as it starts (what the progress bar advances on)."""
    import io

    err = io.StringIO()
    run = Run(Console(file=err, width=200))
    records = [{"doc": "a.pdf", "answer": "x"}, {"doc": "a.pdf", "answer": "y"}, {"doc": "b.eml", "error": "no text"},
               {"doc": "c.docx", "answer": "z"}, {"doc": "a.pdf", "answer": "again"}]
    started: list[str] = []
    passed = list(run.track(iter(records), on_document=started.append))
    assert passed == records
    assert started == ["a.pdf", "b.eml", "c.docx", "a.pdf"]  # a name given twice is two documents
    assert (run.stats.documents, run.stats.answers, run.stats.failed) == (4, 4, 1)
    assert "error: b.eml: no text" in err.getvalue()


def test_sigterm_mid_run_leaves_the_previous_output_and_no_temp_file(big_folder: Path, tmp_path: Path) -> None:
    """`kill PID` or `timeout`: SIGTERM unwinds as Ctrl-C does (exit 143); by default it killed the run
    on the spot and left its half-written temporary file beside the output."""
    out = tmp_path / "out.jsonl"
    out.write_bytes(OLD)
    result = _start_and_stop(big_folder, out, signal.SIGTERM)
    assert result.returncode == 128 + signal.SIGTERM, result.stderr.decode()
    assert out.read_bytes() == OLD
    assert _temp_files(tmp_path) == []
    assert b"terminated; " in result.stderr and b"Traceback" not in result.stderr
