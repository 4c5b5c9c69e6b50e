"""Choosing a reader by file extension, and the entry points that read a file.

Every reader either returns a Document or raises ReadError with a one-line reason:
third-party parsers raise all sorts of exceptions on corrupt input, and one bad
file must never end a run, so read_bytes turns anything else into a ReadError.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from ..documents import Attachment, Document, OwnOutput, ReadError
from .archive import member_bytes, read_zip
from .docx import read_docx
from .html import read_html
from .limits import DEFAULT_LIMITS, Limits, check_size
from .mail import read_eml
from .mhtml import read_mhtml
from .own import own_output
from .pdf import read_pdf
from .spreadsheet import read_csv, read_xlsx
from .text import read_text

log = logging.getLogger(__name__)
DATA_SUFFIXES = frozenset({".csv", ".xlsx"})
DATA_FORMATS = frozenset({"csv", "xlsx"})
LETTER_SUFFIXES = frozenset({".pdf", ".docx", ".eml", ".txt", ".md", ".html", ".htm", ".mhtml", ".mht"})
SUPPORTED = LETTER_SUFFIXES | DATA_SUFFIXES | {".zip"}

_READERS: dict[str, Callable[[str, bytes, Limits, int], Document]] = {
    ".txt": read_text, ".md": read_text, ".html": read_html, ".htm": read_html, ".mhtml": read_mhtml,
    ".mht": read_mhtml, ".pdf": read_pdf, ".docx": read_docx, ".eml": read_eml, ".zip": read_zip,
    ".csv": read_csv, ".xlsx": read_xlsx,
}
_TEXTLESS_FORMATS = DATA_FORMATS | {"zip"}
_IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini", "__macosx", "__pycache__"})


def ignored_name(name: str) -> bool:
    """Hidden files and operating-system or Office droppings: never documents."""
    return name.startswith((".", "~$")) or name.lower() in _IGNORED_NAMES


def _reader_for(name: str) -> Callable[[str, bytes, Limits, int], Document]:
    suffix = Path(name).suffix.lower()
    if suffix not in _READERS:
        raise ReadError(f"unsupported file type '{suffix}'" if suffix else "unsupported file type (no extension)")
    return _READERS[suffix]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


def read_bytes(name: str, data: bytes, *, limits: Limits = DEFAULT_LIMITS, depth: int = 0) -> Document:
    """Read a document given its file name (for the format) and its bytes.

    Returns a Document or raises ReadError; never anything else. `depth` counts the
    archives (zip, e-mail) this file was found inside.
    """
    reader = _reader_for(name)
    if not data:
        raise ReadError("empty file")
    check_size(len(data), limits)
    if kind := own_output(name, data):
        raise OwnOutput(f"written by foi-nlp (its {kind}), not a reply")
    fmt = Path(name).suffix.lower().lstrip(".")
    try:
        document = reader(name, data, limits, depth)
    except ReadError:
        raise
    except RecursionError as exc:
        raise ReadError(f"{fmt.upper()} file nested too deeply to read") from exc
    except MemoryError as exc:
        raise ReadError(f"{fmt.upper()} file too large to read in memory") from exc
    except Exception as exc:  # parsers raise anything on corrupt input; the contract is ReadError
        log.debug("%s: %s parser failed", name, fmt.upper(), exc_info=True)
        raise ReadError(f"corrupt or unreadable {fmt.upper()} file ({_first_line(exc)})") from exc
    if document.fmt not in _TEXTLESS_FORMATS and not document.text.strip():
        raise ReadError(f"no text found in {fmt.upper()} file")
    return document


def read_attachment(name: str, load: Callable[[], bytes], *, limits: Limits = DEFAULT_LIMITS,
                    depth: int = 0) -> list[Attachment]:
    """A file that came with a response, as attachments: one, or one per member of a zip."""
    try:
        if Path(name).suffix.lower() == ".zip":
            return read_zip(name, load(), limits, depth).attachments or [Attachment(name, error="empty zip archive")]
        document = read_bytes(name, load(), limits=limits, depth=depth)
    except ReadError as exc:
        return [Attachment(name, error=str(exc))]
    if document.fmt in DATA_FORMATS:
        return [Attachment(name, sheets=document.attachments[0].sheets)]
    return [Attachment(name, text=document.text)]


def load_bytes(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """A file's bytes, refused before reading when over the size limit; OS errors become ReadError."""
    path = Path(path)
    try:
        if not path.is_file() and path.exists():
            raise ReadError("not a regular file")
        check_size(path.stat().st_size, limits)
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError("file not found (removed during the run?)") from exc
    except PermissionError as exc:
        raise ReadError("permission denied") from exc
    except OSError as exc:
        raise ReadError(f"cannot read file ({exc.strerror or _first_line(exc)})") from exc


def _archived_bytes(path: Path, limits: Limits) -> bytes | None:
    """Bytes of a path that runs through a zip archive on disk ("bundle.zip/Body/letter.pdf",
    as doc ids of archive members read), or None when no archive is on the path."""
    for parent in path.parents:
        if parent.suffix.lower() == ".zip" and parent.is_file():
            return member_bytes(load_bytes(parent, limits=limits), path.relative_to(parent).as_posix(), limits, 0)
    return None


def read_path(path: str | Path, doc: str | None = None, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a file from disk, or from inside a zip archive on disk when the path runs
    through one; `doc` is the identifier to record (defaults to the path as given)."""
    path = Path(path)
    _reader_for(path.name)
    data = None if path.exists() else _archived_bytes(path, limits)
    document = read_bytes(path.name, data if data is not None else load_bytes(path, limits=limits), limits=limits)
    document.doc = doc if doc is not None else str(path)
    return document
