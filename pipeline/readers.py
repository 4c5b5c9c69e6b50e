"""Turn one file's bytes into a Document: one reader per format, chosen by extension.

Every reader either returns a Document or raises ReadError with a one-line reason:
third-party parsers raise all sorts of exceptions on corrupt input, and one bad
file must never end a run. Limits (size, archive expansion, nesting) are enforced
here, before a parser sees the bytes, so a hostile file cannot exhaust memory.
"""
from __future__ import annotations

import codecs
import csv
import email
import email.policy
import io
import logging
import math
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .documents import Attachment, Document, ReadError, Sheet

MB = 1024 * 1024

# pypdf logs every recoverable oddity of real-world PDFs as a warning; they are noise here.
logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Limits:
    """Ceilings that keep one huge or hostile file from exhausting memory or time."""

    max_bytes: int = 50 * MB        # one file as stored on disk or in an archive
    max_unpacked: int = 500 * MB    # all members of one archive (zip, docx, xlsx), uncompressed
    max_ratio: int = 200            # uncompressed/compressed size of one large member
    max_members: int = 5000         # members of one archive
    max_depth: int = 2              # archives inside archives (zip in zip, zip in e-mail)


DEFAULT_LIMITS = Limits()
DATA_SUFFIXES = frozenset({".csv", ".xlsx"})
DATA_FORMATS = frozenset({"csv", "xlsx"})
LETTER_SUFFIXES = frozenset({".pdf", ".docx", ".eml", ".txt", ".md", ".html", ".htm"})
SUPPORTED = LETTER_SUFFIXES | DATA_SUFFIXES | {".zip"}
# Attachments of an e-mail whose text is part of the response (appended after the body).
_APPENDED = frozenset({".pdf", ".docx", ".txt", ".md", ".html", ".htm"})


def size_text(n: int) -> str:
    """A byte count as people read it in an error message ("50 MB", "97.7 KB")."""
    for unit, scale in (("MB", MB), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _check_size(size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise ReadError(f"file is {size_text(size)}, over the {size_text(limits.max_bytes)} size limit")


# ---------------------------------------------------------------- text and encodings

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


def _looks_binary(text: str) -> bool:
    """Control characters or undecodable bytes in quantity mean this is not text."""
    if not text:
        return False
    odd = sum(1 for ch in text
              if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\t\n\r\f\v"))
    return odd > max(2, len(text) // 50)


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
    if _looks_binary(text):
        raise ReadError("not a text file (binary data)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_text(name: str, data: bytes, limits: Limits, depth: int) -> Document:
    return Document(doc=name, text=decode_text(data), fmt=Path(name).suffix.lower().lstrip("."))


# ---------------------------------------------------------------- HTML

_DROP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "canvas", "iframe", "object",
                        "embed", "head", "title", "meta", "link", "button", "select", "input", "textarea",
                        "nav", "dialog"})
_CHROME_TAGS = frozenset({"header", "footer", "aside"})
_CHROME_ROLES = frozenset({"navigation", "search", "banner", "contentinfo", "menu", "menubar", "dialog", "alertdialog"})
_CHROME_WORDS = frozenset({"cookie", "cookies", "consent", "gdpr", "breadcrumb", "breadcrumbs", "menu", "navbar",
                           "nav", "navigation", "skip", "skiplink", "search", "searchbox", "sidebar", "share",
                           "social", "masthead", "banner"})
_NEVER_CHROME = frozenset({"html", "body", "main", "article"})
_BLOCKS = frozenset({"address", "article", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset",
                     "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer",
                     "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead",
                     "tfoot", "tr", "ul", "caption", "center"})
_PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ol", "ul", "blockquote", "pre", "dl"})
_WORD_SPLIT = re.compile(r"[^a-z]+")


def _marks_chrome(tag) -> bool:
    """Whether id/class/role/aria-label say this element is page chrome, not content."""
    if tag.name in _NEVER_CHROME:
        return False
    if (tag.get("role") or "").lower() in _CHROME_ROLES:
        return True
    labels = " ".join([tag.get("id") or "", " ".join(tag.get("class") or []), tag.get("aria-label") or ""])
    words = set(_WORD_SPLIT.split(re.sub(r"([a-z])([A-Z])", r"\1 \2", labels).lower()))
    return bool(words & _CHROME_WORDS)


def _hidden(tag) -> bool:
    style = (tag.get("style") or "").replace(" ", "").lower()
    return tag.has_attr("hidden") or "display:none" in style or (tag.get("aria-hidden") or "").lower() == "true"


def _chrome_elements(soup) -> list:
    """Elements to drop: never-visible tags, plus chrome that does not hold most of the page.

    The share test keeps a page whose whole content sits in, say, a <div class="menu-page">.
    """
    total = len(soup.get_text())
    drop = []
    for tag in soup.find_all(True):
        if tag.name in _DROP_TAGS or _hidden(tag):
            drop.append(tag)
        elif (tag.name in _CHROME_TAGS and tag.find_parent(["article", "main"]) is None) or _marks_chrome(tag):
            if len(tag.get_text()) <= total / 2:
                drop.append(tag)
    return drop


def _list_label(tag, counters: dict[int, int]) -> str:
    """The number or bullet a browser shows before an <li>."""
    parent = tag.parent
    if parent is None or parent.name != "ol":
        return "• " if parent is not None and parent.name == "ul" else ""
    key = id(parent)
    if key not in counters:
        counters[key] = _int(parent.get("start"), 1) - 1
    counters[key] = _int(tag.get("value"), counters[key] + 1)
    return _format_number(counters[key], _OL_TYPES.get(parent.get("type") or "1", "decimal")) + ". "


_OL_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


def _int(value: object, default: int) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def _render_html(root) -> str:
    """Visible text of a parsed tree, walked with an explicit stack (no recursion on deep pages)."""
    from bs4 import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

    skip = (Comment, Declaration, Doctype, ProcessingInstruction)
    out: list[str] = []
    counters: dict[int, int] = {}
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, skip):
                out.append(str(node) if _in_pre(node) else re.sub(r"\s+", " ", str(node)))
            continue
        name = node.name
        if closing:
            out.append("\n\n" if name in _PARAGRAPHS else "\n" if name in _BLOCKS else "")
            continue
        if name == "br":
            out.append("\n")
        elif name in ("td", "th") and node.find_previous_sibling(["td", "th"]) is not None:
            out.append(" | ")
        elif name in _BLOCKS:
            out.append("\n\n" if name in _PARAGRAPHS else "\n")
        if name == "li":
            out.append(_list_label(node, counters))
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    return _tidy_lines("".join(out))


def _in_pre(node) -> bool:
    parent = node.parent
    return parent is not None and parent.name == "pre"


def _tidy_lines(text: str) -> str:
    """Strip each line and keep at most one blank line between paragraphs."""
    lines = [line.replace("\xa0", " ").strip(" \t") for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _is_site_footer(tag) -> bool:
    """The page's own footer, not an article's (which is content)."""
    footer = tag.name == "footer" or (tag.get("role") or "").lower() == "contentinfo"
    return footer and tag.find_parent(["article", "main"]) is None


def _page_headers(soup) -> dict[str, str]:
    """The page <title> and the site footer's text: a published response's body often names
    itself only there, and both are dropped from the text as chrome."""
    headers = {}
    if soup.title is not None and soup.title.get_text(strip=True):
        headers["Title"] = re.sub(r"\s+", " ", soup.title.get_text()).strip()
    footers = [tag for tag in soup.find_all(_is_site_footer) if tag.find_parent(_is_site_footer) is None]
    footer = "\n".join(line for tag in footers for line in _render_html(tag).split("\n") if line.strip())
    if footer:
        headers["Footer"] = footer
    return headers


def _parse_html(markup: str) -> tuple[str, dict[str, str]]:
    """Visible text of an HTML page (content only, block elements on their own lines) and its headers."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    headers = _page_headers(soup)
    for tag in _chrome_elements(soup):
        if not tag.decomposed:
            tag.decompose()
    return _render_html(soup.body or soup), headers


def html_text(markup: str) -> str:
    """Visible text of an HTML page: content only, block elements on their own lines."""
    return _parse_html(markup)[0]


def _read_html(name: str, data: bytes, limits: Limits, depth: int) -> Document:
    text, headers = _parse_html(decode_text(data))
    return Document(doc=name, text=text, fmt="html", headers=headers)


# ---------------------------------------------------------------- PDF

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


def _read_pdf(name: str, data: bytes, limits: Limits, depth: int) -> Document:
    return Document(doc=name, text=pdf_text(data), fmt="pdf")


# ---------------------------------------------------------------- zip containers (zip, docx, xlsx)

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
        _check_size(info.file_size, limits)
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


def _read_zip(name: str, data: bytes, limits: Limits, depth: int) -> Document:
    """An archive read as one document: each member becomes an attachment (sources walks
    archives member by member instead; this keeps read_bytes total over every format)."""
    attachments = []
    for member in zip_members(data, limits=limits, depth=depth):
        if member.error or ignored_name(PurePosixPath(member.path).name):
            if member.error:
                attachments.append(Attachment(member.path, error=member.error))
            continue
        attachments.extend(read_attachment(member.path, member.read, limits=limits, depth=depth + 1))
    return Document(doc=name, text="", fmt="zip", attachments=attachments)


# ---------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIPPED_XML = {f"{_W}pPr", f"{_W}rPr", _FALLBACK}


def _w(name: str) -> str:
    """A WordprocessingML tag or attribute name, as lxml spells it."""
    return _W + name


def _roman(n: int) -> str:
    values = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
              (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = []
    for value, letters in values:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _format_number(n: int, fmt: str) -> str:
    """A list counter in Word's (and HTML's) formats; Word repeats letters after z (aa, bb)."""
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        text = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman") and n > 0:
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass
class _Level:
    fmt: str
    text: str
    start: int


class _Numbering:
    """Word's automatic list numbers, which live in numbering.xml, not in the paragraph text.

    Counters belong to the abstract list definition (so a list continues across
    num instances that share it, as Word shows it) and restart where a num instance
    carries a startOverride or a higher level advances.
    """

    def __init__(self, document) -> None:
        self._document = document
        self.levels: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        links = self._read_abstracts(root)
        self._read_nums(root)
        self._resolve_style_links(links)

    def _val(self, element, child: str, default: str | None = None) -> str | None:
        found = element.find(_w(child)) if element is not None else None
        return found.get(_w("val"), default) if found is not None else default

    def _read_abstracts(self, root) -> dict[str, str]:
        links = {}
        for abstract in root.iter(_w("abstractNum")):
            abstract_id = abstract.get(_w("abstractNumId"))
            levels = self.levels.setdefault(abstract_id, {})
            for lvl in abstract.iter(_w("lvl")):
                levels[_int(lvl.get(_w("ilvl")), 0)] = _Level(
                    fmt=self._val(lvl, "numFmt", "decimal"),
                    text=self._val(lvl, "lvlText", "") or "",
                    start=_int(self._val(lvl, "start", "1"), 1),
                )
            link = self._val(abstract, "numStyleLink")
            if link and not levels:
                links[abstract_id] = link
        return links

    def _read_nums(self, root) -> None:
        for num in root.iter(_w("num")):
            overrides = {}
            for override in num.iter(_w("lvlOverride")):
                start = self._val(override, "startOverride")
                if start is not None:
                    overrides[_int(override.get(_w("ilvl")), 0)] = _int(start, 1)
            self.nums[num.get(_w("numId"))] = (self._val(num, "abstractNumId"), overrides)

    def _resolve_style_links(self, links: dict[str, str]) -> None:
        """A list style's abstract definition points, through the style, at the real one."""
        for abstract_id, style_id in links.items():
            num_id, _ = self._style_num_pr(style_id)
            target = self.nums.get(num_id or "")
            if target and target[0] != abstract_id:
                self.levels[abstract_id] = self.levels.get(target[0], {})

    def _style_num_pr(self, style_id: str | None) -> tuple[str | None, int | None]:
        """numId and level a paragraph style (or the styles it is based on) gives."""
        seen = set()
        styles = self._document.styles.element
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = styles.get_by_id(style_id)
            if style is None:
                break
            num_pr = style.pPr.numPr if style.pPr is not None else None
            if num_pr is not None and num_pr.numId is not None:
                return str(num_pr.numId.val), (num_pr.ilvl.val if num_pr.ilvl is not None else None)
            style_id = style.basedOn_val
        return None, None

    def _num_pr(self, p) -> tuple[str | None, int]:
        p_pr = p.pPr
        num_pr = p_pr.numPr if p_pr is not None else None
        num_id = str(num_pr.numId.val) if num_pr is not None and num_pr.numId is not None else None
        ilvl = num_pr.ilvl.val if num_pr is not None and num_pr.ilvl is not None else None
        if num_id is None:
            style_num, style_lvl = self._style_num_pr(p_pr.style if p_pr is not None else None)
            num_id, ilvl = style_num, ilvl if ilvl is not None else style_lvl
        return num_id, ilvl or 0

    def label(self, p) -> str:
        """The label Word would draw before paragraph element `p` ("1. ", "(a) ", "• "), or ""."""
        num_id, ilvl = self._num_pr(p)
        if not num_id or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.levels.get(abstract_id or "", {})
        level = levels.get(ilvl)
        if level is None or level.fmt == "none":
            return ""
        if level.fmt == "bullet":
            return "• "
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def number(match: re.Match) -> str:
            n = int(match.group(1)) - 1
            lvl = levels.get(n) or _Level("decimal", "", 1)
            return _format_number(counters.get(n, lvl.start), lvl.fmt)

        text = re.sub(r"%([1-9])", number, level.text).strip()
        return f"{text} " if text else ""


_RUN_TEXT = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-", f"{_W}p": "\n"}


def _paragraph_text(p) -> str:
    """All visible text of a paragraph: runs inside hyperlinks, tracked insertions, fields
    and content controls too (which Paragraph.text misses); deleted text, field codes and
    the duplicate fallback copy of drawings are left out."""
    out: list[str] = []
    stack = list(reversed(p))
    while stack:
        element = stack.pop()
        if element.tag in _SKIPPED_XML:
            continue
        if element.tag == f"{_W}t":
            out.append(element.text or "")
        else:
            out.append(_RUN_TEXT.get(element.tag, ""))
            stack.extend(reversed(element))
    return "".join(out)


def _docx_blocks(parent, numbering: _Numbering) -> Iterator[str]:
    """Lines of a body (or table cell) in document order: paragraphs and tables as they stand."""
    for child in parent.iterchildren():
        if child.tag == f"{_W}p":
            yield numbering.label(child) + _paragraph_text(child)
        elif child.tag == f"{_W}tbl":
            yield from _docx_table(child, numbering)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _docx_blocks(content, numbering)


def _docx_table(tbl, numbering: _Numbering) -> Iterator[str]:
    """One line per row, cells joined with " | " (each physical cell once, merged or not)."""
    for tr in tbl.iterchildren(f"{_W}tr"):
        cells = [" ".join(line.strip() for line in _docx_blocks(tc, numbering) if line.strip())
                 for tc in tr.iterchildren(f"{_W}tc")]
        if any(cells):
            yield " | ".join(cells)


def docx_text(data: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    """Text of a Word document in document order, with list numbers restored."""
    import docx

    if "word/document.xml" not in open_zip(data, limits, "DOCX").namelist():
        raise ReadError("not a DOCX file (no word/document.xml in the archive)")
    document = docx.Document(io.BytesIO(data))
    numbering = _Numbering(document)
    body = list(_docx_blocks(document.element.body, numbering))
    return "\n".join(_letterhead(document, numbering) + body)


def _letterhead(document, numbering: _Numbering) -> list[str]:
    """The first page's header, once: letters keep the sender and "Our ref" there."""
    section = document.sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else section.header
    if header.is_linked_to_previous:
        return []
    return [line for line in _docx_blocks(header._element, numbering) if line.strip()]


def _read_docx(name: str, data: bytes, limits: Limits, depth: int) -> Document:
    return Document(doc=name, text=docx_text(data, limits), fmt="docx")


# ---------------------------------------------------------------- spreadsheets

def _cell_text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _table_sheet(name: str, rows: Iterator[tuple]) -> Sheet:
    """Shape of a table. The header is the first row with two or more cells filled (a
    one-cell title line above a table is not a header); `rows` counts the rows below it."""
    filled_rows: list[list[str]] = []
    count = columns = 0
    for row in rows:
        cells = [_cell_text(v) for v in row]
        filled = [i for i, cell in enumerate(cells) if cell]
        if not filled:
            continue
        count += 1
        columns = max(columns, filled[-1] + 1)
        if len(filled_rows) < 20:
            filled_rows.append(cells[: filled[-1] + 1])
    if not filled_rows:
        return Sheet(name=name, rows=0, columns=0)
    wide = [i for i, cells in enumerate(filled_rows) if sum(1 for c in cells if c) >= min(2, columns)]
    at = wide[0] if wide else 0
    return Sheet(name=name, rows=count - at - 1, columns=columns, header=filled_rows[at])


def csv_sheet(name: str, text: str) -> Sheet:
    """The shape of a CSV file, whatever its delimiter."""
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    return _table_sheet(Path(name).stem, csv.reader(io.StringIO(text), dialect))


def xlsx_sheets(data: bytes, limits: Limits = DEFAULT_LIMITS) -> list[Sheet]:
    """The shape of every worksheet of an Excel workbook (read-only: memory stays flat)."""
    import openpyxl

    open_zip(data, limits, "XLSX")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return [_table_sheet(ws.title, ws.iter_rows(values_only=True)) for ws in workbook.worksheets]
        finally:
            workbook.close()


def _data_document(name: str, fmt: str, sheets: list[Sheet]) -> Document:
    return Document(doc=name, text="", fmt=fmt, attachments=[Attachment(Path(name).name, sheets=sheets)])


def _read_csv(name: str, data: bytes, limits: Limits, depth: int) -> Document:
    return _data_document(name, "csv", [csv_sheet(name, decode_text(data))])


def _read_xlsx(name: str, data: bytes, limits: Limits, depth: int) -> Document:
    return _data_document(name, "xlsx", xlsx_sheets(data, limits))


# ---------------------------------------------------------------- e-mail

_HEADERS = ("From", "To", "Date", "Subject")
_MAIL_MARKERS = ("from", "to", "date", "subject", "content-type", "mime-version", "message-id", "received", "cc")


def _headers(msg) -> dict[str, str]:
    """From/To/Date/Subject, decoded; a header the parser chokes on is kept raw."""
    raw = {}
    for key, value in msg.raw_items():
        raw.setdefault(key.lower(), str(value))
    headers = {}
    for key in _HEADERS:
        try:
            value = msg[key]
        except Exception:  # malformed header: email's parser has many ways to fail
            value = raw.get(key.lower())
        if value:
            headers[key] = re.sub(r"\s+", " ", str(value)).strip()
    return headers


def _part_text(part) -> str:
    """A text part's content, whatever its charset label claims."""
    try:
        content = part.get_content()
        if isinstance(content, str):
            return content
    except Exception:  # unknown charset, broken base64 or quoted-printable
        pass
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    try:
        return decode_text(payload)
    except ReadError:
        return ""


def _mail_body(msg) -> tuple[str, object | None]:
    """The text/plain body, else the HTML body as text; and the part it came from."""
    try:
        part = msg.get_body(preferencelist=("plain", "html"))
    except Exception:
        part = None
    if part is None:
        return "", None
    text = _part_text(part)
    if part.get_content_type() == "text/html":
        text = html_text(text)
    return text.replace("\r\n", "\n"), part


def _mail_attachments(msg, body_part, limits: Limits, depth: int) -> list[Attachment]:
    """Every attached file, read: text for letters and annexes, sheets for data."""
    attachments = []
    for index, part in enumerate(msg.walk(), start=1):
        if part is body_part or part.is_multipart():
            continue
        filename, disposition = part.get_filename(), part.get_content_disposition()
        inline = disposition != "attachment"
        if inline and (not filename or part.get_content_maintype() == "image"):
            continue  # body alternatives, and inline images such as signature logos
        payload = part.get_payload(decode=True)
        name = PurePosixPath((filename or f"attachment-{index}").replace("\\", "/")).name
        if not payload:
            attachments.append(Attachment(name, error="empty attachment"))
            continue
        attachments.extend(read_attachment(name, lambda data=payload: data, limits=limits, depth=depth + 1))
    return attachments


def _appended_text(body: str, attachments: list[Attachment]) -> str:
    """The body followed by the text of attached letters and annexes, each under a clear marker."""
    parts = [body.strip("\n")]
    for attachment in attachments:
        if attachment.text and Path(attachment.name).suffix.lower() in _APPENDED:
            parts.append(f"----- Attachment: {attachment.name} -----\n\n{attachment.text.strip()}")
    return "\n\n".join(part for part in parts if part)


def _read_eml(name: str, data: bytes, limits: Limits, depth: int) -> Document:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    if not {key.lower() for key in msg.keys()} & set(_MAIL_MARKERS):
        raise ReadError("not an e-mail message (no mail headers)")
    body, part = _mail_body(msg)
    if _looks_binary(body):
        raise ReadError("e-mail body is not text (binary data)")
    attachments = _mail_attachments(msg, part, limits, depth)
    return Document(doc=name, text=_appended_text(body, attachments), fmt="eml",
                    attachments=attachments, headers=_headers(msg))


# ---------------------------------------------------------------- entry points

_READERS: dict[str, Callable[[str, bytes, Limits, int], Document]] = {
    ".txt": _read_text, ".md": _read_text, ".html": _read_html, ".htm": _read_html,
    ".pdf": _read_pdf, ".docx": _read_docx, ".eml": _read_eml, ".zip": _read_zip,
    ".csv": _read_csv, ".xlsx": _read_xlsx,
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
    _check_size(len(data), limits)
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
        raise ReadError(f"corrupt or unreadable {fmt.upper()} file ({_first_line(exc)})") from exc
    if document.fmt not in _TEXTLESS_FORMATS and not document.text.strip():
        raise ReadError(f"no text found in {fmt.upper()} file")
    return document


def read_attachment(name: str, load: Callable[[], bytes], *, limits: Limits = DEFAULT_LIMITS,
                    depth: int = 0) -> list[Attachment]:
    """A file that came with a response, as attachments: one, or one per member of a zip."""
    try:
        if Path(name).suffix.lower() == ".zip":
            return _read_zip(name, load(), limits, depth).attachments or [Attachment(name, error="empty zip archive")]
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
        _check_size(path.stat().st_size, limits)
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError("file not found (removed during the run?)") from exc
    except PermissionError as exc:
        raise ReadError("permission denied") from exc
    except OSError as exc:
        raise ReadError(f"cannot read file ({exc.strerror or _first_line(exc)})") from exc


def _member_bytes(data: bytes, inner: str, limits: Limits, depth: int) -> bytes:
    """The bytes of member `inner` of a zip archive, looking into nested archives on the way."""
    members = {member.path: member for member in zip_members(data, limits=limits, depth=depth)}
    if inner in members:
        return members[inner].read()
    for name, member in members.items():
        if name.lower().endswith(".zip") and inner.startswith(name + "/"):
            return _member_bytes(member.read(), inner[len(name) + 1:], limits, depth + 1)
    raise ReadError("file not found in the zip archive")


def _archived_bytes(path: Path, limits: Limits) -> bytes | None:
    """Bytes of a path that runs through a zip archive on disk ("bundle.zip/Body/letter.pdf",
    as doc ids of archive members read), or None when no archive is on the path."""
    for parent in path.parents:
        if parent.suffix.lower() == ".zip" and parent.is_file():
            return _member_bytes(load_bytes(parent, limits=limits), path.relative_to(parent).as_posix(), limits, 0)
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
