"""Plain text (.txt, .md), and the decoding every text-bearing format relies on.

Responses arrive in any encoding (BOMs, BOM-less UTF-16 from Notepad, Windows-1252,
UTF-8 mixed with cp1252, non-Latin legacy code pages); binary data must be refused
with a reason rather than read as junk. HTML, CSV and e-mail parts decode through here.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..documents import Document, ReadError
from .limits import Limits


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejected as Windows-1252, so mixed files keep every line."""
    bad = exc.object[exc.start:exc.end]  # type: ignore[attr-defined]
    return bad.decode("cp1252", errors="replace"), exc.end  # type: ignore[attr-defined]


codecs.register_error("foi-cp1252", _cp1252_fallback)

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _utf16_without_bom(data: bytes) -> str | None:
    """Notepad-style UTF-16 with no BOM: NULs fill every other byte of ASCII text."""
    if len(data) < 4 or data.count(0) < len(data) // 3:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    encoding = "utf-16-le" if odd > 2 * even else "utf-16-be" if even > 2 * odd else None
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _legacy_decode(data: bytes) -> str:
    """Text that is not UTF-8: mostly-ASCII files are Western (Windows-1252, Latin-1),
    with UTF-8 lines kept where they occur; text whose letters are nearly all high
    bytes is a non-Latin legacy encoding, which only detection can name."""
    high = sum(1 for b in data if b >= 0x80)
    if high >= 40 and high > 0.3 * len(data):
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            return str(best)
    return data.decode("utf-8", errors="foi-cp1252")


# Control characters (Unicode category Cc) but white space, surrogates (Cs) and U+FFFD: Unicode fixes
# both categories to these ranges, so one regex finds them (tests/test_readers.py checks every code point).
_ODD = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffd]")


def looks_binary(text: str) -> bool:
    """Control characters or undecodable bytes in quantity mean this is not text."""
    if not text:
        return False
    return sum(1 for _ in _ODD.finditer(text)) > max(2, len(text) // 50)


def decode_text(data: bytes) -> str:
    """Decode bytes of unknown encoding (BOMs, UTF-16, UTF-8, Windows-1252/Latin-1, others detected).

    Raises ReadError("not a text file") for binary data rather than returning junk.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            break
    else:
        text = _utf16_without_bom(data)
        if text is None:
            if b"\x00" in data:
                raise ReadError("not a text file (binary data)")
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = _legacy_decode(data)
    if looks_binary(text):
        raise ReadError("not a text file (binary data)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(name: str, data: bytes, limits: Limits, depth: int) -> Document:
    """A .txt or .md file as a Document."""
    return Document(doc=name, text=decode_text(data), fmt=Path(name).suffix.lower().lstrip("."))
