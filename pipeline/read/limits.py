"""Ceilings on what one file may cost: size, archive expansion, nesting.

They are checked here, before a parser sees the bytes, so a huge or hostile file
cannot exhaust memory or time; every reader and the archive code share them.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..documents import ReadError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Ceilings that keep one huge or hostile file from exhausting memory or time."""

    max_bytes: int = 50 * MB        # one file as stored on disk or in an archive
    max_unpacked: int = 500 * MB    # all members of one archive (zip, docx, xlsx), uncompressed
    max_ratio: int = 200            # uncompressed/compressed size of one large member
    max_members: int = 5000         # members of one archive
    max_depth: int = 2              # archives inside archives (zip in zip, zip in e-mail)


DEFAULT_LIMITS = Limits()


def size_text(n: int) -> str:
    """A byte count as people read it in an error message ("50 MB", "97.7 KB")."""
    for unit, scale in (("MB", MB), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def check_size(size: int, limits: Limits) -> None:
    """Refuse a file over the size limit before it is read."""
    if size > limits.max_bytes:
        raise ReadError(f"file is {size_text(size)}, over the {size_text(limits.max_bytes)} size limit")
