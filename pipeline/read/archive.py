"""Zip archives: safety checks for every zip container (zip, DOCX, XLSX) and zip members.

An archive is checked against the limits (members, unpacked size, compression
ratio, nesting) before anything is decompressed, and members with unsafe paths are
refused, never extracted. Members are read lazily, in memory.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..documents import Attachment, Document, ReadError
from .limits import DEFAULT_LIMITS, MB, Limits, check_size, size_text


def _unsafe_member(name: str) -> bool:
    """Absolute paths, drive letters and '..' would escape any folder the member were put in."""
    path = name.replace("\\", "/")
    return path.startswith("/") or re.match(r"^[A-Za-z]:", path) is not None or ".." in path.split("/")


def open_zip(data: bytes, limits: Limits, kind: str = "zip") -> zipfile.ZipFile:
    """A zip archive checked against the limits before anything is decompressed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        what = "corrupt zip archive" if kind == "zip" else f"not a {kind} file (not a zip archive)"
        raise ReadError(what) from exc
    if len(infos) > limits.max_members:
        raise ReadError(f"{kind} archive refused: {len(infos)} members, over the limit of {limits.max_members}")
    total = sum(info.file_size for info in infos)
    if total > limits.max_unpacked:
        raise ReadError(f"{kind} archive refused (zip bomb?): it would unpack to {size_text(total)}, "
                        f"over the {size_text(limits.max_unpacked)} limit")
    for info in infos:
        if info.file_size > MB and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise ReadError(f"{kind} archive refused (zip bomb?): {info.filename!r} is compressed "
                            f"{info.file_size // max(info.compress_size, 1)}:1")
    return archive


@dataclass
class Member:
    """A file inside an archive, read lazily; `error` says why it was refused instead."""

    path: str
    read: Callable[[], bytes]
    error: str | None = None


def _member_reader(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> Callable[[], bytes]:
    def read() -> bytes:
        check_size(info.file_size, limits)
        try:
            return archive.read(info)
        except RuntimeError as exc:  # zipfile's way of saying "encrypted"
            raise ReadError("member is password-protected") from exc
        except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError) as exc:
            raise ReadError(f"corrupt zip member ({exc})") from exc
    return read


def _refuse(reason: str) -> Callable[[], bytes]:
    def read() -> bytes:
        raise ReadError(reason)
    return read


def zip_members(data: bytes, *, limits: Limits = DEFAULT_LIMITS, depth: int = 0) -> list[Member]:
    """The files of a zip archive, in memory: unsafe paths come back refused, never extracted."""
    if depth >= limits.max_depth:
        raise ReadError(f"zip archive nested more than {limits.max_depth} deep: refused")
    archive = open_zip(data, limits)
    members = []
    for info in archive.infolist():
        if info.is_dir():
            continue
        if _unsafe_member(info.filename):
            reason = f"unsafe path in zip archive refused: {info.filename!r}"
            members.append(Member(info.filename, _refuse(reason), reason))
        else:
            members.append(Member(info.filename, _member_reader(archive, info, limits)))
    return sorted(members, key=lambda m: m.path)


def read_zip(name: str, data: bytes, limits: Limits, depth: int) -> Document:
    """An archive read as one document: each member becomes an attachment (sources walks
    archives member by member instead; this keeps read_bytes total over every format)."""
    from .dispatch import ignored_name, read_attachment  # here, not at the top: dispatch imports this module

    attachments = []
    for member in zip_members(data, limits=limits, depth=depth):
        if member.error or ignored_name(PurePosixPath(member.path).name):
            if member.error:
                attachments.append(Attachment(member.path, error=member.error))
            continue
        attachments.extend(read_attachment(member.path, member.read, limits=limits, depth=depth + 1))
    return Document(doc=name, text="", fmt="zip", attachments=attachments)


def member_bytes(data: bytes, inner: str, limits: Limits, depth: int) -> bytes:
    """The bytes of member `inner` of a zip archive, looking into nested archives on the way."""
    members = {member.path: member for member in zip_members(data, limits=limits, depth=depth)}
    if inner in members:
        return members[inner].read()
    for name, member in members.items():
        if name.lower().endswith(".zip") and inner.startswith(name + "/"):
            return member_bytes(member.read(), inner[len(name) + 1:], limits, depth + 1)
    raise ReadError("file not found in the zip archive")
