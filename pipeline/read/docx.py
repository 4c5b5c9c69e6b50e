"""Word documents (.docx): text in document order, with list numbers restored.

python-docx's Paragraph.text misses hyperlinks, tracked insertions, fields and
content controls, and Word's automatic numbering lives in numbering.xml, not in the
text; both are rebuilt here. A table is one line per row, cells joined with " | ", and
whatever a cell holds (line breaks, text boxes, a small table) stays on its row's line. The
first page's header is kept (letters put the sender and "Our ref" there). Footnotes and endnotes,
which qualify figures ("excludes bookings cancelled within 24 hours"), live in parts of their own;
each is read after the paragraph that refers to it, "[Note: text]", so it stays with the answer it qualifies.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..documents import Document, ReadError
from .archive import open_zip
from .counters import format_number, int_or
from .limits import DEFAULT_LIMITS, Limits

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Properties, the duplicate fallback copy of drawings, and tracked deletions and moves' old places
# (their tabs and breaks as well as their text: the text is shown where it is now, once).
_SKIPPED_XML = {f"{_W}pPr", f"{_W}rPr", _FALLBACK, f"{_W}del", f"{_W}moveFrom"}
# Content controls and custom XML wrap paragraphs, tables, rows and cells alike; what they hold is read in place.
_WRAPPERS = {f"{_W}sdt", f"{_W}customXml"}


def _w(name: str) -> str:
    """A WordprocessingML tag or attribute name, as lxml spells it."""
    return _W + name


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
                levels[int_or(lvl.get(_w("ilvl")), 0)] = _Level(
                    fmt=self._val(lvl, "numFmt", "decimal"),
                    text=self._val(lvl, "lvlText", "") or "",
                    start=int_or(self._val(lvl, "start", "1"), 1),
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
                    overrides[int_or(override.get(_w("ilvl")), 0)] = int_or(start, 1)
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
            return format_number(counters.get(n, lvl.start), lvl.fmt)

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


def _contents(parent) -> Iterator:
    """The children of a body, table, row or cell, with the contents of content controls and
    custom XML in their place (a form's rows and cells often sit inside them)."""
    for child in parent.iterchildren():
        if child.tag in _WRAPPERS:
            content = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            if content is not None:
                yield from _contents(content)
        else:
            yield child


def _docx_blocks(parent, parts: _Parts, nested: bool = False) -> Iterator[str]:
    """Lines of a body (or table cell) in document order: paragraphs and tables as they stand;
    `nested` when the parent is a table cell, whose tables must stay inside its row's line."""
    for child in _contents(parent):
        if child.tag == f"{_W}p":
            yield parts.numbering.label(child) + _paragraph_text(child) + parts.notes.after(child)
        elif child.tag == f"{_W}tbl":
            yield from (_nested_table(child, parts) if nested else _docx_table(child, parts))


def _one_line(parent, parts: _Parts) -> str:
    """A cell's or a note's paragraphs, line breaks, text boxes and tables joined by spaces on one line."""
    return " ".join(part.strip() for line in _docx_blocks(parent, parts, nested=True)
                    for part in line.split("\n") if part.strip())


def _cells(tr, parts: _Parts) -> list[str]:
    """A row's cells, each on one line, so the cell stays in its row (each physical cell once, merged or not)."""
    return [_one_line(tc, parts) for tc in _contents(tr) if tc.tag == f"{_W}tc"]


def _docx_table(tbl, parts: _Parts) -> Iterator[str]:
    """One line per row, cells joined with " | "."""
    for tr in _contents(tbl):
        if tr.tag == f"{_W}tr":
            cells = _cells(tr, parts)
            if any(cells):
                yield " | ".join(cells)


def _nested_table(tbl, parts: _Parts) -> Iterator[str]:
    """A table inside a cell (a "Year | Count" table in an answer) as one line, "2021/22: 12; 2022/23: 15":
    its own " | " and line breaks would break the outer row apart or run its rows together."""
    rows = []
    for tr in _contents(tbl):
        if tr.tag == f"{_W}tr":
            cells = [cell for cell in _cells(tr, parts) if cell]
            if cells:
                rows.append(cells[0] + (": " + ", ".join(cells[1:]) if cells[1:] else ""))
    if rows:
        yield "; ".join(rows)


def docx_text(data: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    """Text of a Word document in document order, with list numbers restored and each note after the paragraph
    that refers to it."""
    import docx

    if "word/document.xml" not in open_zip(data, limits, "DOCX").namelist():
        raise ReadError("not a DOCX file (no word/document.xml in the archive)")
    document = docx.Document(io.BytesIO(data))
    numbering = _Numbering(document)
    parts = _Parts(numbering, _Notes.of(document, numbering))
    return "\n".join(_letterhead(document, parts) + list(_docx_blocks(document.element.body, parts)))


def _letterhead(document, parts: _Parts) -> list[str]:
    """The first page's header, once: letters keep the sender and "Our ref" there."""
    section = document.sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else section.header
    if header.is_linked_to_previous:
        return []
    return [line for line in _docx_blocks(header._element, parts) if line.strip()]


# Word's own notes that draw the line above the notes (and its continuation): layout, not text.
_NOTE_LAYOUT = {"separator", "continuationSeparator", "continuationNotice"}
_NOTE_KINDS = ("footnote", "endnote")


@dataclass(frozen=True)
class _Notes:
    """Footnotes and endnotes, each read into the paragraph that refers to it: "... 1,482 bookings in 2023. [Note:
    Figures exclude bookings cancelled within 24 hours.]", without its number (a figure a value could be read from,
    and no use beside its words). A note qualifies the words it is marked on, so it goes
    with them into their answer: read where Word prints it (the foot of a page, the end), it would split an
    answer or follow the sign-off, in no answer; left out, a figure loses what it excludes."""

    texts: dict[tuple[str, str], str]  # (kind, id) -> "[Note: text]"

    @classmethod
    def of(cls, document, numbering: _Numbering) -> _Notes:
        """Every footnote and endnote by its kind and id, each on one line (Word's separators are layout)."""
        texts: dict[tuple[str, str], str] = {}
        for kind in _NOTE_KINDS:
            for note_id, note in _note_elements(document, kind).items():
                text = _one_line(note, _Parts(numbering, cls({})))
                if text:
                    texts[(kind, note_id)] = f"[Note: {text}]"
        return cls(texts)

    def after(self, p) -> str:
        """What follows paragraph `p`'s text: the notes it refers to, in order ("" for most paragraphs)."""
        if not self.texts:
            return ""
        found = []
        for ref in p.iter(_w("footnoteReference"), _w("endnoteReference")):
            kind = "footnote" if ref.tag == _w("footnoteReference") else "endnote"
            text = self.texts.get((kind, ref.get(_w("id")))) if _standing(ref) else None
            if text:
                found.append(f" {text}")
        return "".join(found)


@dataclass(frozen=True)
class _Parts:
    """What reading a paragraph needs besides its XML: the list numbers and the notes."""

    numbering: _Numbering
    notes: _Notes


def _standing(ref) -> bool:
    """Whether a note's reference is still in the text (not inside a tracked deletion or a move's old place)."""
    return next(ref.iterancestors(f"{_W}del", f"{_W}moveFrom"), None) is None


def _note_elements(document, kind: str) -> dict[str, object]:
    """The notes of their own part (footnotes.xml, endnotes.xml) by id, without Word's separators; none when the
    part is broken XML (python-docx never parses it: the letter reads, and must, without its notes)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    reltype = RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            try:
                root = parse_xml(rel.target_part.blob)
            except SyntaxError:  # lxml's XMLSyntaxError
                return {}
            return {note.get(_w("id")): note for note in root.iter(_w(kind)) if note.get(_w("type")) not in _NOTE_LAYOUT}
    return {}


def read_docx(name: str, data: bytes, limits: Limits, depth: int) -> Document:
    """A Word document as a Document."""
    return Document(doc=name, text=docx_text(data, limits), fmt="docx")
