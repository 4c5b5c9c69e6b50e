"""PDF: the text layer, with paragraphs and table rows recovered from the page layout.

pypdf gives lines with no blank lines between paragraphs and splits table rows cell
by cell; both are read back from baselines, font sizes and bold fonts here, so the
cleaning stage need not guess them. Encrypted ("no copying") PDFs open with the
empty password; scans without a text layer are refused with a reason.
"""
from __future__ import annotations

import io
import logging
import math
import re
from dataclasses import dataclass, field

from ..documents import Document, ReadError
from .limits import Limits

# pypdf logs every recoverable oddity of real-world PDFs as a warning; they are noise here.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def _unlock_pdf(reader) -> None:
    """Open an encrypted PDF with the empty password, as viewers do for 'no copying' PDFs."""
    from pypdf import PasswordType
    from pypdf.errors import DependencyError

    try:
        result = reader.decrypt("")
    except DependencyError as exc:
        raise ReadError("encrypted PDF: decrypting it needs the 'cryptography' package") from exc
    if result == PasswordType.NOT_DECRYPTED:
        raise ReadError("PDF is password-protected: it cannot be opened without the password")


@dataclass
class _PdfLine:
    """One text line as pypdf emits it, with the baseline and font size of its first text."""

    text: str = ""
    y: float | None = None
    size: float = 0.0
    fonts: set[str] = field(default_factory=set)


def _matrix_product(a: list[float], b: list[float]) -> list[float]:
    """a × b for PDF's six-number affine matrices (text matrix × current transformation)."""
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _font_name(font: object) -> str:
    try:
        return str(font.get("/BaseFont", "")) if font is not None else ""  # type: ignore[attr-defined]
    except Exception:  # a broken font dictionary only costs the bold hint
        return ""


def _pdf_lines(page) -> list[_PdfLine]:
    """The page's lines exactly as extract_text() joins them, each with its position and fonts."""
    lines = [_PdfLine()]

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        for k, piece in enumerate(text.split("\n")):
            if k:
                lines.append(_PdfLine())
            line = lines[-1]
            line.text += piece
            if piece.strip():
                if line.y is None:
                    m = _matrix_product(list(tm), list(cm))
                    line.y, line.size = m[5], abs(size) * (math.hypot(m[2], m[3]) or 1.0)
                line.fonts.add(_font_name(font))

    page.extract_text(visitor_text=visit)
    return lines


_BOLD = re.compile(r"bold|black|heavy|demi|,b\b", re.IGNORECASE)


def _bold_change(a: _PdfLine, b: _PdfLine) -> bool:
    """Two lines each in one font, one bold and one not: a heading or question against its answer."""
    if len(a.fonts) != 1 or len(b.fonts) != 1:
        return False
    return bool(_BOLD.search(next(iter(a.fonts)))) != bool(_BOLD.search(next(iter(b.fonts))))


def _line_steps(lines: list[_PdfLine]) -> list[tuple[int, int, float]]:
    """(index, previous placed line's index, drop from it in units of font size) per placed line."""
    placed = [(i, line) for i, line in enumerate(lines) if line.y is not None]
    steps = [(i, h, (prev.y - line.y) / max(line.size, prev.size, 1.0))  # type: ignore[operator]
             for (h, prev), (i, line) in zip(placed, placed[1:])]
    if sum(1 for *_, step in steps if step < 0) > len(steps) / 2:  # this page's y grows downwards
        steps = [(i, h, -step) for i, h, step in steps]
    return steps


def _separators(lines: list[_PdfLine]) -> dict[int, str]:
    """What goes before each line that does not simply start a new line: pypdf gives no
    blank lines and splits table rows cell by cell, so both are read from the layout.

    A new paragraph shows as a gap clearly wider than the page's usual line spacing
    (the lower quartile of its line steps), a jump back up the page (a new column or
    block), or a switch between bold and regular lines (a question set in bold). A
    line on the same baseline as the one before is the next cell of a table row.
    """
    steps = _line_steps(lines)
    spacing = sorted(step for *_, step in steps if step > 0.5)
    usual = spacing[len(spacing) // 4] if len(spacing) >= 3 else None
    separators = {}
    for i, h, step in steps:
        if abs(step) < 0.2:
            separators[i] = " | "
        elif usual is not None and (step > 1.3 * usual or step < -0.5 or _bold_change(lines[h], lines[i])):
            separators[i] = "\n\n"
    return separators


def _page_text(page) -> str:
    """A page's text with table rows on one line and a blank line before each paragraph."""
    lines = _pdf_lines(page)
    separators = _separators(lines)
    out = []
    for i, line in enumerate(lines):
        out.append(separators.get(i, "\n") if i else "")
        out.append(line.text.replace("\x00", ""))
    return re.sub(r"\n(?:[ \t]*\n){2,}", "\n\n", "".join(out)).strip("\n")


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF: pages separated by form feeds (so cleaning can find page furniture),
    paragraphs by blank lines read from the layout (so cleaning need not guess them)."""
    from pypdf import PdfReader

    if b"%PDF-" not in data[:1024]:
        raise ReadError("not a PDF file (no %PDF header)")
    if b"%%EOF" not in data[-4096:]:
        raise ReadError("truncated or corrupt PDF (no end-of-file marker): the download may be incomplete")
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        _unlock_pdf(reader)
    pages = [_page_text(page) for page in reader.pages]
    if not any(page.strip() for page in pages):
        raise ReadError(f"PDF has no text layer ({len(pages)} page(s), probably a scan): it needs OCR first")
    return "\n\f".join(pages)


def read_pdf(name: str, data: bytes, limits: Limits, depth: int) -> Document:
    """A PDF file as a Document."""
    return Document(doc=name, text=pdf_text(data), fmt="pdf")
