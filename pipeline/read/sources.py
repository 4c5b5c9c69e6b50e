"""Walk the paths a user gives and yield one Document (or error record) per response.

How a folder is read (the same rules apply to a zip archive, read in memory):

* The folder given is a *collection*: each file directly inside is a separate
  response, `doc` = its path relative to the folder given.
* Each subfolder is normally *one body's response* (round-robins arrive as a folder
  per body): the file that answers the questions is its letter, which gives the
  Document (`doc` = "Body folder/letter file", `body` = the folder name); every other
  file in it, however deeply nested, becomes an Attachment of that letter.
* A subfolder is itself a *collection*, walked with these same rules, when it is
  marked as one (a README.md, GUIDE.md or labels*.jsonl at its top, as a corpus or a
  round-robin kit has) or when it holds no files of its own, only subfolders (a
  plain "responses/" folder grouping body folders).
* A zip archive met in a collection is a collection too (its files are responses,
  its folders bodies, `doc` = "archive.zip/member/path"); a zip inside a body's folder
  is part of that body, its members attachments or the letter.
* A web page saved "complete" ("Page.htm" beside its "Page_files/" of images, scripts,
  styles and frames) is that one page: the _files folder is skipped.
* Hidden files, OS droppings, code and label files are skipped quietly, and so are
  README/GUIDE/LICENSE files and the request as sent ("request.txt") at a
  collection's top. So is a file foi-nlp wrote there itself, a report or a predictions table
  (read/own.py knows them by their first bytes). Any other file that cannot be read gives an
  error record.

Symlinked folders are followed unless they loop back to a folder being walked;
loops, permission errors and files vanishing mid-run give error records and the
walk carries on. Order is stable: names sorted case-insensitively, depth first.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from ..documents import Attachment, Document, OwnOutput, ReadError, error_record
from .archive import zip_members
from .dispatch import DATA_FORMATS, LETTER_SUFFIXES, ignored_name, load_bytes, read_bytes, read_path
from .limits import DEFAULT_LIMITS, Limits

MAX_FOLDER_DEPTH = 64
_TOOLING = re.compile(r"\.(py|pyc|sh|toml|cfg|ini|ya?ml|json|jsonl|lock)$", re.I)
_MARKERS = re.compile(r"^(readme\.md|guide\.md|labels[^/]*\.jsonl)$", re.I)
_SAVED_PAGE_FOLDER = re.compile(r"^(.+)_files$", re.I)
_ROOT_EXTRAS = re.compile(
    r"^(readme|guide|licen[cs]e|changelog|(the |original |foi )?requests?( as sent)?)(\.\w+)?$", re.I)


@dataclass
class _File:
    """A file found in a walk: `rel` locates it for doc ids, `load` reads it when needed."""

    rel: PurePosixPath
    load: Callable[[], bytes]
    depth: int = 0  # archives it sits inside

    @property
    def name(self) -> str:
        return self.rel.name


@dataclass(frozen=True, slots=True)
class _DiskFile:
    """A file listed on disk, kept small: a folder may list a whole disclosure log, and the listing
    lives as long as the run. It holds its name and its folder's relative and absolute paths and
    limits (shared by every file of the folder); `rel` and `load` are made when asked for."""

    parent: PurePosixPath
    folder: str  # the folder's absolute path
    name: str
    limits: Limits
    depth: int = 0  # on disk: inside no archive

    @property
    def rel(self) -> PurePosixPath:
        return self.parent / self.name

    @property
    def load(self) -> Callable[[], bytes]:
        return _OnDisk(os.path.join(self.folder, self.name), self.limits)


_Listed = _File | _DiskFile  # a file of a listed folder


@dataclass(frozen=True)
class _OnDisk:
    """Loads a file from disk (an absolute path: a worker may run in another folder); picklable."""

    path: str
    limits: Limits

    def __call__(self) -> bytes:
        return load_bytes(self.path, limits=self.limits)


@dataclass(frozen=True)
class _InMemory:
    """A file's bytes read beforehand, or the reason they could not be; picklable."""

    data: bytes | None
    error: str | None = None

    def __call__(self) -> bytes:
        if self.data is None:
            raise ReadError(self.error or "unreadable")
        return self.data

    @classmethod
    def of(cls, load: Callable[[], bytes]) -> "_InMemory":
        try:
            return cls(load())
        except ReadError as exc:
            return cls(None, str(exc))


@dataclass
class _Folder:
    """A listed folder (on disk or inside a zip) with the errors met while listing it."""

    rel: PurePosixPath
    files: list[_Listed] = field(default_factory=list)
    folders: list[_Folder] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.rel.name


def _skipped(name: str) -> bool:
    """Files that are never responses: hidden files, OS droppings, code and label files."""
    return ignored_name(name) or bool(_TOOLING.search(name))


def _page_resources(folder: _Folder) -> set[str]:
    """Names of the subfolders that hold a saved web page's images, scripts and styles: "Save page
    as... Web page, complete" writes "Page_files/" beside "Page.html". They are part of that page,
    neither a body's response nor its attachments (their frames, saved as .html, are no letters)."""
    pages = {PurePosixPath(f.name).stem.casefold() for f in folder.files if f.name.lower().endswith((".html", ".htm"))}
    return {sub.name for sub in folder.folders
            if (match := _SAVED_PAGE_FOLDER.match(sub.name)) and match.group(1).casefold() in pages}


def _sort_key(name: str) -> tuple[str, str]:
    return name.casefold(), name


# ---------------------------------------------------------------- listing

def _list_disk(path: Path, rel: PurePosixPath, ancestors: frozenset[str], limits: Limits) -> _Folder:
    """A folder on disk, listed recursively; trouble becomes error records, never exceptions."""
    folder = _Folder(rel)
    doc = str(rel) if rel.parts else str(path)
    if len(rel.parts) > MAX_FOLDER_DEPTH:
        folder.errors.append(error_record(doc, f"folders nested more than {MAX_FOLDER_DEPTH} deep: not walked"))
        return folder
    try:
        entries = sorted(os.scandir(path), key=lambda e: _sort_key(e.name))
    except PermissionError:
        folder.errors.append(error_record(doc, "permission denied: cannot list folder"))
        return folder
    except OSError as exc:
        folder.errors.append(error_record(doc, f"cannot list folder ({exc.strerror or exc})"))
        return folder
    absolute = os.path.abspath(path)
    for entry in entries:
        if not ignored_name(entry.name):
            _add_entry(folder, absolute, entry, ancestors, limits)
    return folder


def _add_entry(folder: _Folder, absolute: str, entry: os.DirEntry, ancestors: frozenset[str], limits: Limits) -> None:
    try:
        is_dir, is_file = entry.is_dir(), entry.is_file()
    except OSError as exc:
        folder.errors.append(error_record(str(folder.rel / entry.name), f"cannot inspect file ({exc.strerror or exc})"))
        return
    if is_file:  # no path object made for a file here: pathlib would intern its name for as long as the run
        folder.files.append(_DiskFile(folder.rel, absolute, entry.name, limits))
        return
    rel = folder.rel / entry.name
    if is_dir:
        real = os.path.realpath(entry.path)
        if real in ancestors:
            folder.errors.append(error_record(str(rel), "symlink loop: points back to a folder being walked"))
        else:
            folder.folders.append(_list_disk(Path(entry.path), rel, ancestors | {real}, limits))
    elif entry.is_symlink():
        folder.errors.append(error_record(str(rel), "broken or looping symbolic link"))
    else:
        folder.errors.append(error_record(str(rel), "not a regular file (device, pipe or socket): skipped"))


def _list_zip(data: bytes, rel: PurePosixPath, limits: Limits, depth: int) -> _Folder:
    """A zip archive as a folder tree, members read lazily from memory, never written out."""
    root = _Folder(rel)
    folders: dict[PurePosixPath, _Folder] = {rel: root}
    for member in zip_members(data, limits=limits, depth=depth):
        member_rel = rel / PurePosixPath(member.path.replace("\\", "/"))
        if member.error:
            root.errors.append(error_record(str(rel / member.path), member.error))
            continue
        if any(ignored_name(part) for part in member_rel.relative_to(rel).parts):
            continue
        parent = _zip_folder(folders, member_rel.parent)
        parent.files.append(_File(member_rel, member.read, depth + 1))
    return root


def _zip_folder(folders: dict[PurePosixPath, _Folder], rel: PurePosixPath) -> _Folder:
    if rel not in folders:
        parent = _zip_folder(folders, rel.parent)
        folders[rel] = _Folder(rel)
        parent.folders.append(folders[rel])
        parent.folders.sort(key=lambda f: _sort_key(f.name))
    return folders[rel]


# ---------------------------------------------------------------- collections

def _is_collection(folder: _Folder) -> bool:
    """A folder of responses (walk it like the folder given) rather than one body's response."""
    if any(_MARKERS.match(f.name) for f in folder.files):
        return True
    return not any(not _skipped(f.name) for f in folder.files) and bool(folder.folders)


def _read_one(file: _Listed, limits: Limits) -> list[Document | dict[str, Any]]:
    """A collection's file: its Document, its error record, or nothing for a file foi-nlp wrote."""
    try:
        document = read_bytes(file.name, file.load(), limits=limits, depth=file.depth)
    except OwnOutput:
        return []
    except ReadError as exc:
        return [error_record(str(file.rel), str(exc))]
    document.doc = str(file.rel)
    return [document]


def _collection(folder: _Folder, limits: Limits) -> Iterator[Pending | dict[str, Any]]:
    """Responses of a collection, unread: its files one by one, its subfolders as bodies or collections."""
    yield from folder.errors
    entries: list[_Listed | _Folder] = [f for f in folder.files if not (_skipped(f.name) or _ROOT_EXTRAS.match(f.name))]
    resources = _page_resources(folder)
    entries += [sub for sub in folder.folders if sub.name not in resources]
    for entry in sorted(entries, key=lambda e: _sort_key(e.name)):
        if isinstance(entry, _Folder):
            yield from (_collection(entry, limits) if _is_collection(entry) else [Pending("body", entry, limits)])
        elif entry.name.lower().endswith(".zip"):
            yield Pending("archive", entry, limits)
        else:
            yield Pending("file", entry, limits)


def _walk_collection(folder: _Folder, limits: Limits) -> Iterator[Document | dict[str, Any]]:
    """Responses of a collection, read."""
    for item in _collection(folder, limits):
        yield from item.read() if isinstance(item, Pending) else [item]


def _open_archive(file: _Listed, limits: Limits) -> _Folder:
    return _list_zip(file.load(), file.rel, limits, file.depth)


def _walk_archive(file: _Listed, limits: Limits) -> Iterator[Document | dict[str, Any]]:
    try:
        archive = _open_archive(file, limits)
    except ReadError as exc:
        yield error_record(str(file.rel), str(exc))
        return
    if not archive.files and not archive.folders and not archive.errors:
        yield error_record(str(file.rel), "zip archive holds no documents")
    yield from _walk_collection(archive, limits)


# ---------------------------------------------------------------- one body's folder

@dataclass
class _Item:
    """A file of a body's folder, read once: a Document, or the reason it could not be."""

    file: _Listed
    rel: PurePosixPath  # relative to the body folder
    document: Document | None = None
    error: str | None = None


def _body_files(folder: _Folder, limits: Limits, errors: list[dict[str, Any]]) -> Iterator[_Listed]:
    """Every file under a body's folder, however deep, zip members included (an archive
    that cannot be opened stays a file whose reading fails); listing errors are collected."""
    errors.extend(folder.errors)
    resources = _page_resources(folder)
    folders = [sub for sub in folder.folders if sub.name not in resources]
    entries: list[_Listed | _Folder] = sorted([*folder.files, *folders], key=lambda e: _sort_key(e.name))
    for entry in entries:
        if isinstance(entry, _Folder):
            yield from _body_files(entry, limits, errors)
        elif _skipped(entry.name):
            continue
        elif entry.name.lower().endswith(".zip"):
            try:
                yield from _body_files(_open_archive(entry, limits), limits, errors)
            except ReadError as exc:
                yield _File(entry.rel, _failing(str(exc)), entry.depth)
        else:
            yield entry


def _failing(reason: str) -> Callable[[], bytes]:
    def load() -> bytes:
        raise ReadError(reason)
    return load


def _read_item(file: _Listed, base: PurePosixPath, limits: Limits) -> _Item | None:
    """A body folder's file, read; None for a file foi-nlp wrote (neither letter nor attachment)."""
    item = _Item(file, file.rel.relative_to(base))
    try:
        item.document = read_bytes(file.name, file.load(), limits=limits, depth=file.depth)
    except OwnOutput:
        return None
    except ReadError as exc:
        item.error = str(exc)
    return item


_RESPONSE_NAME = re.compile(r"respon|repl(y|ies)|letter|refus|decision|outcome|answer|final|disclos|^re\b", re.I)
_ANNEX_NAME = re.compile(
    r"statement|polic|strateg|procedure|protocol|guidance|\bplan|report|minutes|annex|appendix|enclosure|"
    r"schedule|attachment|\bdata|figures|table|spreadsheet|leaflet|contract|agenda|briefing|presentation|"
    r"terms of reference|template|\bform\b", re.I)
_REFERENCE_NAME = re.compile(r"\b(foi|eir|foisa)|freedom of information|\d{3,}", re.I)
_LETTER_TEXT = [re.compile(p, re.I) for p in (
    r"\bdear\b", r"freedom of information|environmental information regulations", r"your (\w+ ){0,2}request",
    r"section 1\s?\(1\)", r"yours (sincerely|faithfully)|kind regards|best regards|best wishes",
    r"internal review|right (of|to) (appeal|complain)", r"information commissioner", r"\b(is|are) (not )?held\b")]


def _letter_score(item: _Item) -> tuple[int, int, bool] | None:
    """How much a file looks like the letter that answers the request (None: cannot be).

    Name cues ("response", "reply", an FOI reference) count most, annex names
    ("policy", "statement", "data") count against, and the opening and close of the
    text add a point per letter cue (greeting, the Act, review rights, sign-off).
    """
    if item.rel.suffix.lower() not in LETTER_SUFFIXES:
        return None
    stem = item.rel.stem
    score = 4 * bool(_RESPONSE_NAME.search(stem)) - 4 * bool(_ANNEX_NAME.search(stem))
    score += bool(_REFERENCE_NAME.search(stem))
    if item.document is not None:
        text = item.document.text[:5000] + item.document.text[-3000:]
        score += sum(1 for pattern in _LETTER_TEXT if pattern.search(text))
    return score, -len(item.rel.parts), item.document is not None


def _pick_letter(items: list[_Item]) -> _Item | None:
    """The letter: the best-scoring letter-format file, else a lone data file (a data response)."""
    scored = [(score, item) for item in items if (score := _letter_score(item)) is not None]
    if scored:
        best = max(scored, key=lambda pair: pair[0])[1]
        return _mail_holding(best, items) or best
    data = [item for item in items if item.document is not None and item.document.fmt in DATA_FORMATS]
    return data[0] if data else None


def _mail_holding(letter: _Item, items: list[_Item]) -> _Item | None:
    """The e-mail that carried `letter` as an attachment (saved beside it too): the mail is
    the response, with its headers, and its text already includes the letter."""
    for item in items:
        if item.document is not None and item.document.fmt == "eml" and item is not letter:
            if letter.rel.name in {Path(a.name).name for a in item.document.attachments}:
                return item
    return None


def _as_attachment(item: _Item) -> Attachment:
    """A non-letter file of a body's folder as the letter's attachment (path relative to the folder)."""
    name = str(item.rel)
    if item.document is None:
        return Attachment(name, error=item.error)
    if item.document.fmt in DATA_FORMATS:
        return Attachment(name, sheets=item.document.attachments[0].sheets)
    return Attachment(name, text=item.document.text)


def _body(folder: _Folder, limits: Limits) -> Iterator[Document | dict[str, Any]]:
    """One body's response: its letter as the Document, the other files as attachments."""
    errors: list[dict[str, Any]] = []
    items = [item for f in _body_files(folder, limits, errors) if (item := _read_item(f, folder.rel, limits))]
    yield from errors
    if not items:
        if not errors:
            yield error_record(str(folder.rel), "folder holds no documents")
        return
    letter = _pick_letter(items)
    if letter is None:
        reasons = "; ".join(f"{i.rel}: {i.error}" for i in items if i.error)
        detail = f" ({reasons})" if reasons else ""
        yield error_record(str(folder.rel), f"no readable response letter in this folder{detail}")
        return
    if letter.document is None:
        yield error_record(str(letter.file.rel), letter.error or "unreadable")
        return
    document = letter.document
    document.doc, document.body = str(letter.file.rel), folder.name
    known = {Path(a.name).name for a in document.attachments}
    for item in items:
        if item is not letter and item.rel.name not in known:
            document.attachments.append(_as_attachment(item))
    yield document


# ---------------------------------------------------------------- entry points

@dataclass
class Pending:
    """One unit of reading, listed but not read: a file of a collection, a body's folder, a zip of
    responses, or a file given by name (`kind`). `read()` gives its Documents and error records.

    It is picklable, so another process, or a machine that sees the same paths, can read it
    (the paths it holds are absolute); `loaded()` packs the bytes in for one that does not.
    """

    kind: str  # "file", "body", "archive", "given", or "read" (already read: `entry` is the result)
    entry: Any  # a _File, a _Folder, (doc given, absolute path[, its bytes' loader]) or the documents read
    limits: Limits

    def read(self) -> list[Document | dict[str, Any]]:
        if self.kind == "file":
            return _read_one(self.entry, self.limits)
        if self.kind == "body":
            return list(_body(self.entry, self.limits))
        if self.kind == "archive":
            return list(_walk_archive(self.entry, self.limits))
        if self.kind == "given":
            given, absolute, *loaded = self.entry
            return [_read_given(Path(absolute), self.limits, given, *loaded)]
        return list(self.entry)

    def loaded(self) -> "Pending":
        """The same unit with its files' bytes read now (for a reader that cannot see these paths)."""
        if self.kind in ("file", "archive"):
            return Pending(self.kind, _loaded_file(self.entry), self.limits)
        if self.kind == "body":
            return Pending(self.kind, _loaded_folder(self.entry), self.limits)
        if self.kind == "given":
            return Pending("read", self.read(), self.limits)
        return self

    def fingerprint(self) -> tuple["Pending", str | None]:
        """This unit with its files' bytes loaded, and a sha256 of all that `read()` depends on besides
        the code: its kind, the limits, each file's path (the doc ids) and bytes. Units with the same
        fingerprint read to the same documents, wherever their folder is, so a cache keyed by it can
        skip reading and parsing. None (and the unit as it was) when the bytes do not tell: a file
        that could not be loaded, an error met listing a folder, a path through a zip archive, a
        unit already read.
        """
        digest = hashlib.sha256(repr((self.kind, self.limits)).encode())
        if self.kind in ("file", "archive"):
            unit = Pending(self.kind, _loaded_file(self.entry), self.limits)
            known = _digest_file(digest, unit.entry)
        elif self.kind == "body":
            unit = Pending(self.kind, _loaded_folder(self.entry, skip=_skipped), self.limits)
            known = _digest_folder(digest, unit.entry)
        elif self.kind == "given" and len(self.entry) == 2 and os.path.isfile(self.entry[1]):
            given, absolute = self.entry
            load = _InMemory.of(_OnDisk(absolute, self.limits))
            unit = Pending(self.kind, (given, absolute, load), self.limits)
            digest.update(given.encode("utf-8", "surrogatepass") + b"\x00")
            known = _digest_file(digest, _File(PurePosixPath(Path(absolute).name), load))
        else:
            return self, None
        return (unit, digest.hexdigest()) if known else (self, None)


def _digest_file(digest: Any, file: _Listed) -> bool:
    """Add a loaded file's path, depth and bytes to `digest`; False when it could not be loaded."""
    try:
        data = file.load()
    except ReadError:
        return False
    digest.update(f"{file.rel.as_posix()}\x00{file.depth}\x00{len(data)}\x00".encode("utf-8", "surrogatepass"))
    digest.update(hashlib.sha256(data).digest())
    return True


def _digest_folder(digest: Any, folder: _Folder) -> bool:
    """Add a loaded folder tree to `digest` (files never read, `_skipped`, by name only); False on a listing error."""
    if folder.errors:
        return False
    digest.update(f"folder\x00{folder.rel.as_posix()}\x00".encode("utf-8", "surrogatepass"))
    for file in folder.files:
        if _skipped(file.name):
            digest.update(f"skipped\x00{file.rel.as_posix()}\x00".encode("utf-8", "surrogatepass"))
        elif not _digest_file(digest, file):
            return False
    return all(_digest_folder(digest, sub) for sub in folder.folders)


def _loaded_file(file: _Listed) -> _File:
    return _File(file.rel, _InMemory.of(file.load), file.depth)


def _loaded_folder(folder: _Folder, skip: Callable[[str], bool] = lambda name: False) -> _Folder:
    """The folder tree with its files' bytes in memory, but for those `skip` names (left to load lazily)."""
    return replace(folder, files=[f if skip(f.name) else _loaded_file(f) for f in folder.files],
                   folders=[_loaded_folder(f, skip) for f in folder.folders])


def iter_pending(
    paths: Iterable[str | Path], *, max_bytes: int | None = None, limits: Limits | None = None
) -> Iterator[Pending | dict[str, Any]]:
    """What `iter_documents` reads, in the same order, not yet read: a Pending per unit of reading
    (error records of the walk itself as they are). Folders are listed, no file is opened."""
    limits = limits or DEFAULT_LIMITS
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            real = os.path.realpath(path)
            yield from _collection(_list_disk(path, PurePosixPath(), frozenset({real}), limits), limits)
        elif path.suffix.lower() == ".zip" and path.is_file():
            yield Pending("archive", _File(PurePosixPath(str(path)), _OnDisk(os.path.abspath(path), limits)), limits)
        elif path.exists() or path.is_symlink():
            yield Pending("given", (str(path), os.path.abspath(path)), limits)
        else:
            yield error_record(str(path), "no such file or folder")


def iter_documents(
    paths: Iterable[str | Path], *, max_bytes: int | None = None, limits: Limits | None = None
) -> Iterator[Document | dict[str, Any]]:
    """Documents (or error records) for every response under `paths`, in a stable order.

    A file given directly is read whatever its name (a zip given directly is walked as
    a collection); a folder is walked by the rules in this module's docstring.
    `max_bytes` overrides the per-file size limit of `limits`.
    """
    for item in iter_pending(paths, max_bytes=max_bytes, limits=limits):
        yield from item.read() if isinstance(item, Pending) else [item]


def _read_given(path: Path, limits: Limits, doc: str, load: Callable[[], bytes] | None = None) -> Document | dict[str, Any]:
    """A file given by name; `load` gives its bytes when they were loaded beforehand (`fingerprint`)."""
    try:
        if load is None:
            return read_path(path, doc, limits=limits)
        document = read_bytes(path.name, load(), limits=limits)
    except ReadError as exc:
        return error_record(doc, str(exc))
    document.doc = doc
    return document
