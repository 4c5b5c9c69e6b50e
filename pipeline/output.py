"""Writing records: JSON Lines (the contract), CSV, a value as a cell shows it, and atomic replacement of files.

Every file the tool writes goes through `atomic_writer`: the text is written to a
temporary file beside the target and renamed over it only when complete, so a run
stopped half-way leaves the previous file or the new one, never a truncated one.
"""
from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, TextIO

FORMATS = ("jsonl", "csv", "table")
_CURRENCY = {"GBP": "£", "EUR": "€", "USD": "$"}


def _file_mode(path: Path) -> int:
    """The mode the file keeps (or would get from open()): mkstemp's private 0600 must not leak out."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


STDOUT = "-"  # the path that means standard output, as for every Unix tool's output option


def is_stdout(path: str | Path | None) -> bool:
    """Whether an output path is `-`, standard output: written as if no path were given, never a file named "-"."""
    return path is not None and str(path) == STDOUT


def names_file(path: str | Path | None) -> bool:
    """Whether an output path names a file to write (given, and not `-`): what a summary line points to."""
    return path is not None and not is_stdout(path)


# Symlinks that name an open file descriptor (/dev/stdout -> /proc/self/fd/1): what they point to is a stream
# the shell opened, never a file to replace.
_DESCRIPTOR_LINKS = ("/proc/", "/dev/fd/")
_MAX_LINKS = 40


def replaced_path(path: str | Path) -> Path | None:
    """The file a write to `path` replaces by renaming, or None when it must be written in place.

    A symlink is followed to the file it names (renaming over the link would cut it and leave its target
    stale); a device (/dev/null), a FIFO or a file descriptor's link (/dev/stdout) is written in place, as
    `>` would: renaming a regular file over /dev/stdout replaces the machine's /dev/stdout for everyone.
    `-` is standard output itself (`_in_place`).
    """
    path = Path(path)
    if is_stdout(path) or str(path).startswith(_DESCRIPTOR_LINKS):
        return None
    for _ in range(_MAX_LINKS):
        if not path.is_symlink():
            break
        link = os.readlink(path)
        if link.startswith(_DESCRIPTOR_LINKS):
            return None
        path = path.parent / link
    else:
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
    if path.exists() and not path.is_file() and not path.is_dir():
        return None
    return path


@contextlib.contextmanager
def _in_place(path: str | Path, mode: str, **kwargs: Any) -> Iterator[IO[Any]]:
    """`path` opened as it is; for `-`, this process's standard output, flushed but never closed (the
    interpreter, and whatever prints after the output, still write to it)."""
    if not is_stdout(path):
        with open(path, mode, **kwargs) as handle:
            yield handle
        return
    sys.stdout.flush()  # what was printed before comes first, also when the bytes below bypass sys.stdout
    stream = sys.stdout.buffer if "b" in mode else sys.stdout
    yield stream
    stream.flush()


@contextlib.contextmanager
def _staged(path: str | Path, mode: str, **kwargs: Any) -> Iterator[IO[Any]]:
    """A temporary file beside `path`, renamed over it only if the block completes (`path` itself, opened
    as it is, when it is no file to replace: `replaced_path`)."""
    target = replaced_path(path)
    if target is None:
        with _in_place(path, mode, **kwargs) as handle:
            yield handle
        return
    path = target
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(fd, _file_mode(path))
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_writer(path: str | Path, encoding: str = "utf-8", newline: str | None = None) -> Iterator[TextIO]:
    """Open `path` for writing so that it is replaced only if the block completes (`-`: standard output, as it is)."""
    with _staged(path, "w", encoding=encoding, newline=newline) as handle:
        yield handle


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Replace `path` with `data` atomically."""
    with _staged(path, "wb") as handle:
        handle.write(data)


def to_jsonl(record: dict[str, Any]) -> str:
    """One record as one line of JSON (UTF-8, keys in the order they were set)."""
    return json.dumps(record, ensure_ascii=False) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return "; ".join(str(v) for v in value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def plain_number(value: float) -> str:
    """'2', '0.75', '1,250,000' (thousands marked only from a million up)."""
    return f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"


def money_text(amount: float, currency: str = "") -> str:
    """'£34,000', '£27,773.78', '90,000' (no currency given)."""
    text = f"{amount:,.2f}" if amount != int(amount) else f"{int(amount):,}"
    return _CURRENCY.get(currency, "") + text


PER_YEAR = "year"  # the period of an amount given per annum (classify/values.py), rather than for a year it names


def period_words(period: str) -> str:
    """An amount's period in words: 'a year' for one given per annum, else the year it names ('2022/23')."""
    return "a year" if period == PER_YEAR else period


def value_text(kind: str, value: Any, detail: dict[str, Any]) -> str:
    """An answer's value as a table cell or the terminal shows it: '2', '0.75 FTE', '2–3', '£34,000 (2018/19)',
    'yes', 'iCasework; Excel'; '' when it has none. Shared by the report and the classify table, so both say it alike."""
    if kind == "count" and isinstance(value, (int, float)):
        low, high = detail.get("low"), detail.get("high")
        text = f"{plain_number(low)}–{plain_number(high)}" if low is not None and high is not None and low != high else plain_number(value)
        return text + (" FTE" if detail.get("unit") == "FTE" else "")
    if kind == "money" and isinstance(value, (int, float)):
        period = detail.get("period")
        return money_text(value, detail.get("currency", "")) + (f" {period_words(period)}" if period == PER_YEAR else
                                                                  f" ({period})" if period else "")
    if kind == "name":
        return "; ".join(dict.fromkeys(str(n) for n in detail.get("names") or [value] if n))
    if kind in ("yes_no", "text") and value:
        return str(value)
    return ""


def csv_columns(records: list[dict[str, Any]]) -> list[str]:
    """The union of the records' keys, in first-seen order."""
    columns: dict[str, None] = {}
    for record in records:
        columns.update(dict.fromkeys(record))
    return list(columns)


def write_csv(records: list[dict[str, Any]], handle: TextIO, columns: list[str] | None = None) -> None:
    """Write records as CSV; lists become `a; b`, nested values JSON."""
    columns = columns or csv_columns(records)
    writer = csv.writer(handle)
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(record.get(c)) for c in columns])


def csv_text(records: list[dict[str, Any]], columns: list[str] | None = None) -> str:
    """Records as CSV text."""
    buffer = io.StringIO(newline="")
    write_csv(records, buffer, columns)
    return buffer.getvalue()


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Read records from a JSON Lines file, skipping blank lines; a line that is not a JSON object is a
    ValueError naming it, as bad JSON is (callers report those, where a list or a number crashed them)."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{number}: not JSON ({exc.msg} column {exc.colno})") from exc
                if not isinstance(record, dict):
                    raise ValueError(f"{path}:{number}: not a record (a JSON {type(record).__name__}, not an object)")
                yield record


def write_records(records: Iterable[dict[str, Any]], out: str | Path, fmt: str) -> int:
    """Write records to `out` atomically as jsonl or csv; returns how many were written."""
    if fmt == "jsonl":
        count = 0
        with atomic_writer(out) as handle:
            for record in records:
                handle.write(to_jsonl(record))
                count += 1
        return count
    if fmt == "csv":
        rows = list(records)
        with atomic_writer(out, newline="") as handle:
            write_csv(rows, handle)
        return len(rows)
    raise ValueError(f"cannot write format {fmt!r} to a file; use jsonl or csv")
