"""The run-level loop shared by `extract` and `classify` (and the error lines of `report`).

A run over a real FOI folder meets broken files; it must finish anyway, say plainly
which documents failed and why, and never lose output the user already has. The
commands only wire their options to a `Run`, so every command behaves the same:

* each failed document gives one line on stderr, `error: <doc>: <reason>`, as it is
  met (a traceback only with --debug), and its error record stays in the output;
* an unreadable attachment gives a `warning:` line naming it (the letter is still read);
* the run ends with "N documents, M answers, K failed" and an exit code (EXIT_* below);
* with --resume, documents already complete in the existing output are skipped before
  extraction and the output is rewritten with the old records followed by the new;
* output files are replaced atomically, so Ctrl-C or a kill leaves the previous file;
  `--out -` is standard output, as no --out is.
"""
from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import re
import signal
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer
from rich.console import Console, RenderableType
from rich.text import Text

from . import views
from .documents import Document
from .output import STDOUT, atomic_writer, names_file, read_jsonl, replaced_path, to_jsonl, write_csv

# Exit codes scripts can rely on (the README's table).
EXIT_OK = 0             # every document processed
EXIT_SOME_FAILED = 1    # some documents failed; the output (with their error records) was written
EXIT_USAGE = 2          # bad option, missing path, unreadable request or model, output not resumable
EXIT_INTERNAL = 3       # an unexpected error stopped the run (a bug); the output was left as it was
EXIT_INTERRUPTED = 130  # stopped with Ctrl-C; the output was left as it was
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE  # the reader of standard output left (`| head`): as `cat` or `grep` would
EXIT_TERMINATED = 128 + signal.SIGTERM   # stopped by SIGTERM (`kill`, `timeout`); the output was left as it was

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$", re.I)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}

Record = dict[str, Any]
TableFn = Callable[[list[Record]], RenderableType]


class UsageError(Exception):
    """The run cannot start as asked (exit code 2); the message is the one-line reason."""


def parse_size(text: str) -> int:
    """A size as people write it ("50MB", "500 KB", "1.5G", "2048") in bytes (KB = 1024)."""
    match = _SIZE.match(str(text))
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"{text!r} is not a size (try 50MB, 500KB or a number of bytes)")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def check_out(out: Path | None) -> None:
    """Refuse an --out no file can be written to before the run starts, not after it has done all the work."""
    if out is None:
        return
    try:
        target = replaced_path(out)
    except OSError as exc:
        raise UsageError(f"--out {out}: {exc.strerror}") from exc
    if target is not None and target.is_dir():
        raise UsageError(f"--out {out} is a folder: give a file name (such as {out / 'predictions.jsonl'})")


def check_paths(paths: Sequence[Path]) -> None:
    """Refuse the run before it starts when a path given does not exist (a typo, not a bad file)."""
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}")


def enable_debug() -> None:
    """Show the traceback of each document that fails (the stages log them at DEBUG)."""
    logger = logging.getLogger("pipeline")
    for handler in [h for h in logger.handlers if h.get_name() == "foi-nlp-debug"]:
        logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name("foi-nlp-debug")
    handler.setFormatter(logging.Formatter("debug: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)


def completed_docs(records: Iterable[Record], required_key: str) -> tuple[set[str], list[Record]]:
    """The docs every record of which is complete (no error, has `required_key`), and their records."""
    records = list(records)
    done: dict[str, bool] = {}
    for number, record in enumerate(records, 1):
        if not isinstance(record, dict) or not isinstance(record.get("doc"), str):
            raise ValueError(f"record {number} has no doc")
        doc = record["doc"]
        done[doc] = done.get(doc, True) and "error" not in record and required_key in record
    finished = {doc for doc, ok in done.items() if ok}
    return finished, [r for r in records if r["doc"] in finished]


@dataclass
class Stats:
    """What a run did, for the summary line and the exit code."""

    documents: int = 0
    answers: int = 0
    failed: int = 0
    skipped: int = 0

    def line(self) -> str:
        text = f"{self.documents} documents, {self.answers} answers, {self.failed} failed"
        return text + (f" ({self.skipped} already in the output, skipped)" if self.skipped else "")

    @property
    def exit_code(self) -> int:
        return EXIT_SOME_FAILED if self.failed else EXIT_OK


NOTHING_READ = ("no response found: hidden files, code, labels files, README/GUIDE/LICENSE files and the request as "
                "sent at a folder's top (request.txt, request.pdf, ...: give it with --request) are never read as replies")


@dataclass
class Run:
    """One run of a command: reporting, resume bookkeeping and atomic output.

    `required_key` is the field a record of this command always has ("answer" for
    extract, "outcome" for classify), so --resume never takes another command's output
    for finished work.
    """

    console: Console
    out: Path | None = None
    fmt: str = "jsonl"
    resume: bool = False
    required_key: str = "answer"
    stats: Stats = field(default_factory=Stats)
    done: set[str] = field(default_factory=set)
    kept: list[Record] = field(default_factory=list)

    def __post_init__(self) -> None:
        check_out(self.out)
        if not self.resume:
            return
        if not names_file(self.out) or self.fmt != "jsonl":
            raise UsageError("--resume needs --out FILE with --format jsonl (the output it adds to)")
        if self.out.exists():
            try:
                self.done, self.kept = completed_docs(read_jsonl(self.out), self.required_key)
            except (OSError, ValueError) as exc:
                raise UsageError(f"cannot resume from {self.out}: {exc}") from exc

    # ---------------------------------------------------------------- reporting

    def error(self, doc: str, reason: str) -> None:
        print_error(self.console, f"{doc}: {reason}")

    def warn(self, doc: str, reason: str) -> None:
        _line(self.console, "warning", "yellow", f"{doc}: {reason}")

    def admit(self, item: Document | Record) -> bool:
        """Called on each read document before extraction: skip finished ones, warn about attachments."""
        doc = item.doc if isinstance(item, Document) else item["doc"]
        if doc in self.done:
            self.stats.skipped += 1
            return False
        if isinstance(item, Document):
            for attachment in item.attachments:
                if attachment.error:
                    self.warn(doc, f"attachment {attachment.name} could not be read ({attachment.error})")
        return True

    def track(self, records: Iterable[Record], on_document: Callable[[str], None] | None = None) -> Iterator[Record]:
        """Pass records through, counting them and reporting each failed document as it comes.

        A document's records come together (every path yields them in input order), so a new
        document is one whose name differs from the last record's: nothing is kept per document,
        and memory does not grow with the number of documents.
        """
        last: str | None = None
        for record in records:
            doc = record["doc"]
            if doc != last:
                last = doc
                self.stats.documents += 1
                if on_document:
                    on_document(doc)
            if "error" in record:
                self.stats.failed += 1
                self.error(doc, record["error"])
            else:
                self.stats.answers += 1
            yield record

    def finish(self) -> int:
        """Print the summary line (and, when nothing was read, what is never read as a reply); the exit code of the run."""
        self.console.print(self.stats.line() + arrow(self.out), highlight=False, soft_wrap=True)
        if not (self.stats.documents or self.stats.failed or self.stats.skipped):
            self.console.print(NOTHING_READ, highlight=False, soft_wrap=True)
        return self.stats.exit_code

    # ---------------------------------------------------------------- output

    def write(self, records: Iterable[Record], table: TableFn) -> None:
        """Write the kept (resumed) and new records; a file is written to a temporary file and
        renamed over `out` only when complete.

        Memory stays flat: jsonl streams; csv spools the records to a temporary JSONL file
        (its columns are the union of every record's keys, known only at the end) and then
        streams the rows; a table keeps only compact rows (`compact_row`: what the table and
        the headlines read, without facts and flags).
        """
        if self.fmt == "jsonl":
            with self._target() as handle:
                handle.writelines(to_jsonl(r) for r in self.kept)
                handle.writelines(to_jsonl(r) for r in records)
            return
        if self.fmt == "csv":
            with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as spool:
                columns: dict[str, None] = {}
                for record in itertools.chain(self.kept, records):
                    columns.update(dict.fromkeys(record))
                    spool.write(to_jsonl(record))
                spool.seek(0)
                with self._target(newline="") as handle:
                    write_csv((json.loads(line) for line in spool), handle, list(columns))
            return
        rows = [compact_row(r) for r in itertools.chain(self.kept, records)]
        with self._target() as handle:
            views.console(handle).print(table(rows))

    @contextlib.contextmanager
    def _target(self, newline: str | None = None) -> Iterator[Any]:
        with atomic_writer(self.out or STDOUT, newline=newline) as handle:
            yield handle


# Fields of a record no table or headline reads (they can be large: attachments, data files).
_NOT_IN_TABLES = ("facts", "flags")


def compact_row(record: Record) -> Record:
    """A record without the fields tables and headlines never read."""
    return {k: v for k, v in record.items() if k not in _NOT_IN_TABLES}


# Characters that would break a log line in two (or hide part of it): a file may be named "a\nerror: b.pdf".
_CONTROL = re.compile(r"[\x00-\x1f\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` with control characters escaped as JSON escapes them (a newline as \\n, as in the document's
    error record): one failed document is one line on stderr, whatever its file is called."""
    return _CONTROL.sub(lambda m: json.dumps(m[0])[1:-1], text)


def _line(console: Console, kind: str, style: str, text: str) -> None:
    console.print(Text.assemble((kind, style), f": {one_line(text)}"), highlight=False, soft_wrap=True)


def print_error(console: Console, message: str) -> None:
    """An `error: ...` line (for a document, `error: <doc>: <reason>`); plain text, never markup."""
    _line(console, "error", "red", message)


class Terminated(BaseException):
    """SIGTERM arrived: a BaseException, like KeyboardInterrupt, so every `finally` and atomic write unwinds
    (without it the default action kills the process on the spot, and a half-written temporary file stays)."""


@contextlib.contextmanager
def _terminated_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises `Terminated` in this process; a worker forked inside it dies of the
    signal as usual (its parent's exception is no business of a worker's)."""
    if sys.platform == "win32" or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield  # not ours to change (a test runner's, a host's handler)
        return
    owner = os.getpid()

    def stop(signum: int, _frame: Any) -> None:
        if os.getpid() != owner:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: signals cannot be handled here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _silence_stdout() -> None:
    """Point standard output at /dev/null: its reader has gone, and Python's final flush would fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def left_as_it_was(out: Path | None) -> str:
    """What an interrupted run says of its --out: a file is replaced only when complete; standard output is no file."""
    return f"; {out} was left as it was" if names_file(out) else ""


def arrow(out: Path | None) -> str:
    """" -> OUT" for a summary line, nothing when the output went to standard output (no --out, or `--out -`)."""
    return f" -> {out}" if names_file(out) else ""


@contextlib.contextmanager
def interruptible(console: Console, said: str = "") -> Iterator[None]:
    """Ctrl-C (exit 130) and SIGTERM (exit 143) as one line on stderr, "interrupted" + `said` (what became of the
    output), where Typer alone exits 130 in silence and SIGTERM kills on the spot: every long command stops so."""
    try:
        with _terminated_raises():
            yield
    except KeyboardInterrupt:
        console.print(f"\ninterrupted{said}", highlight=False, soft_wrap=True)
        raise SystemExit(EXIT_INTERRUPTED) from None
    except Terminated:
        console.print(f"\nterminated{said}", highlight=False, soft_wrap=True)
        raise SystemExit(EXIT_TERMINATED) from None


@contextlib.contextmanager
def guarded(console: Console, *, out: Path | None = None, debug: bool = False) -> Iterator[None]:
    """Turn a usage error, Ctrl-C or an unexpected error into one line and its exit code.

    Without this, Click reports Ctrl-C as exit 1 ("some documents failed") and a bug as
    a traceback; here each gets its own code, and the line says the output is untouched.
    SIGTERM is handled as Ctrl-C is (exit 143), and a reader of standard output that
    leaves (`| head -1`) ends the run quietly with exit 141, as it ends `cat`.
    With `debug`, failed documents' tracebacks are shown and a bug's is raised as it is.
    """
    untouched = left_as_it_was(out)
    if debug:
        enable_debug()
    try:
        with interruptible(console, untouched):
            yield
    except UsageError as exc:
        print_error(console, str(exc))
        raise SystemExit(EXIT_USAGE) from None
    except BrokenPipeError:  # the only pipes written are the output's (stdout, --out /dev/stdout or a FIFO)
        _silence_stdout()
        raise SystemExit(EXIT_BROKEN_PIPE) from None
    except (typer.Exit, typer.Abort, typer.TyperException):  # the command's own exits
        raise
    except Exception as exc:
        if debug:
            raise
        print_error(console, f"{type(exc).__name__}: {exc}{untouched} (run again with --debug for the traceback)")
        raise SystemExit(EXIT_INTERNAL) from None
