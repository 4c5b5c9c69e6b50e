"""Clean a response's text before segmenting: one paragraph a line, no page furniture.

PDF letters arrive hard-wrapped, often double-spaced, with page numbers, letterheads
and protective markings wherever a page ends, and with words and URLs broken across
lines. Segmentation reads structure from line starts, so every paragraph, heading,
list item and numbered question must end up on a line of its own, and everything
that is not the letter's own prose must go. Words are never changed beyond rejoining
what extraction broke, so gold anchors still match as lower-case word sequences.
"""
from __future__ import annotations

import re

from .furniture import drop_furniture
from .numbering import BULLET_MARK
from .wordsplit import Vocabulary, rejoin_split_words

_CHARS = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\t": "    ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u00ad": "",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\uf0b7": "\u2022", "\uf0a7": "\u2022", "\uf0d8": "\u2022", "\uf076": "\u2022", "\uf0fc": "\u2022",
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
}
_CHAR_RE = re.compile("|".join(map(re.escape, _CHARS)))

# A line that starts a unit of its own: numbered or lettered items, bullets, Q/A labels.
_STRUCTURAL = re.compile(
    r"^\s*(?:" + BULLET_MARK + r"""(?:\s|$)                               # bullets and dashes
      | \(?(?:\d{1,2}[a-z]?|[a-z]|[ivx]{1,4})[.)](?:\s|$)              # 1.  1)  a)  (ii)
      | \(\d{1,2}[a-z]?\)                                              # (1)
      | (?:q|question|request|part|item|a|answer|response|reply)\s*\d{1,2}\b  # Q1, Answer 2
      | (?:our\s+|the\s+)?(?:response|answer|reply|you\s+asked|your\s+request|request|question)s?\b[^.?!]{0,40}[:\-\u2013]\s*$
      | (?:our\s+|the\s+)?(?:response|answer|reply|you\s+asked|your\s+request)\s*:
      | >
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_SENTENCE_END = re.compile(r"[.?!:;]['\")\]]*$")
_URL_TAIL = re.compile(r"(?:https?://|www\.|[\w-]+\.(?:uk|com|org|net|gov|nhs|police)\b)\S*$", re.IGNORECASE)
_URL_CONTINUATION = re.compile(r"^[\w./%#?=&~+-]*[\w/][-/_.=&?#%][\w./%#?=&~+-]*|^[\w./%#?=&~+-]+\.(?:pdf|html?|aspx?|docx?|xlsx?|csv)\b", re.IGNORECASE)
# A line ending in a word no sentence ends with runs on, even into "Question 3 and by...".
_OPEN_END = re.compile(r"\b(?:to|the|of|and|or|in|by|with|for|a|an|at|from|under|see|per|than)$", re.IGNORECASE)
_WORD_LABEL = re.compile(r"\s*(?:q|question|request|part|item|answer|response|reply)\s*\d", re.IGNORECASE)
_URL_OPEN_END = re.compile(r"[-_=&?#%]$")  # a URL cannot end here, so the next line goes on with it
_TABLE_GAP = re.compile(r"\S {3,}\S")
PRINTED_WIDTH = 150  # characters: wider than a printed page's line at any usual font size


def normalise(text: str) -> str:
    """Unify line endings, spaces, quotes and ligatures (words themselves are kept)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CHAR_RE.sub(lambda m: _CHARS[m.group()], text)


def looks_like_pdf_text(text: str, fmt: str) -> bool:
    """PDF-derived text: said so by the reader, or shown by page breaks, page numbers or hard wrapping."""
    if fmt == "pdf" or "\f" in text:
        return True
    if fmt not in ("txt", ""):
        return False
    if re.search(r"(?im)^\s*.{0,80}\bpage \d+ of \d+\s*$", text):
        return True
    lines = [line for line in text.split("\n") if line.strip()]
    return _hard_wrapped(lines)  # blank lines alone prove nothing: e-mails and pages separate paragraphs so too


def _paragraph_lines(text: str, fmt: str) -> bool:
    """Text whose lines are whole paragraphs (a web page's or an e-mail's), far longer than any
    printed line: nothing in it was hard-wrapped, so nothing is re-flowed."""
    return fmt != "pdf" and "\f" not in text and _width([line for line in text.split("\n") if line.strip()]) > PRINTED_WIDTH


def _double_spaced(lines: list[str]) -> bool:
    """Most text lines are followed by one blank line: how some PDF extractors space lines."""
    followed = sum(1 for a, b in zip(lines, lines[1:]) if a.strip() and not b.strip())
    total = sum(1 for a in lines if a.strip())
    return total >= 10 and followed / total > 0.6


def _hard_wrapped(lines: list[str]) -> bool:
    """Many lines break mid-sentence at a similar width, as a PDF page's lines do."""
    if len(lines) < 10:
        return False
    width = _width(lines)
    wrapped = sum(1 for line in lines if len(line.rstrip()) > 0.7 * width and not _SENTENCE_END.search(line.rstrip()))
    return wrapped / len(lines) > 0.3


def _width(lines: list[str]) -> int:
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 80


def _undouble(lines: list[str]) -> list[str]:
    """In double-spaced text one blank line only separates lines; a run of blanks ends a paragraph."""
    out: list[str] = []
    blanks = 0
    for line in lines:
        if not line.strip():
            blanks += 1
            continue
        if blanks > 1 and out:
            out.append("")
        out.append(line)
        blanks = 0
    return out


def _is_heading(line: str, width: int) -> bool:
    """A short line without closing punctuation, e.g. a title, a topic heading or a question label."""
    stripped = line.strip()
    return len(stripped) < 0.6 * width and not re.search(r"[,;]$|\b(?:and|or|the|of|to|a|an|for|in|by|with)$", stripped)


def _ends_in_url(text: str) -> bool:
    """Whether `text` ends in a link (_URL_TAIL), looked for in its last word only: `text` may be a whole
    paragraph so far. No part of the pattern takes whitespace or looks before the match, and \\S* runs to the
    end, so a match lies in the last run of non-whitespace (str.split's whitespace is the pattern's \\s)."""
    last = text.rsplit(None, 1)
    return bool(last) and _URL_TAIL.search(last[-1]) is not None


def _breaks_after(line: str, nxt: str, width: int) -> bool:
    """Whether a hard-wrapped line ends its paragraph (True) or flows into the next line."""
    if _ends_in_url(line) and _URL_OPEN_END.search(line.rstrip()) and nxt.strip()[:1].isalnum():
        return False  # a link broken mid-way goes on, whatever follows it on the next line
    if _TABLE_GAP.search(line.strip()) or _TABLE_GAP.search(nxt.strip()):
        return True
    if _STRUCTURAL.match(nxt):
        return not (_OPEN_END.search(line.rstrip()) and _WORD_LABEL.match(nxt))
    indent, next_indent = len(line) - len(line.lstrip()), len(nxt) - len(nxt.lstrip())
    if indent >= 12 or next_indent >= 12:
        return True
    if line.rstrip().endswith("?"):
        return True  # a question ends its paragraph: replies put the answer on the next line ("no", a link)
    if nxt.lstrip()[:1].islower() or nxt.lstrip()[:1] in ",.;:)":
        return False
    if _SENTENCE_END.search(line.rstrip()):
        return len(line.rstrip()) < 0.8 * width
    return _is_heading(line, width)


def join_lines(left: str, right: str, vocabulary: Vocabulary | None = None) -> str:
    """Join a wrapped line to its continuation, mending URLs and words broken at the break."""
    left, right = left.rstrip(), right.strip()
    if _ends_in_url(left) and (_URL_CONTINUATION.match(right) or _URL_OPEN_END.search(left) and right[:1].isalnum()):
        return left + right
    # `left` is a paragraph so far: the hyphen is looked for at its end only (stripped, it ends in no newline for $ to skip).
    if left.endswith("-") and re.search(r"[^\W\d_]-$", left) and right[:1].islower():
        head = re.search(r"([^\W\d_]+)-$", left).group(1)
        tail = re.match(r"[^\W\d_]*", right).group()
        if vocabulary is not None and vocabulary.soft_hyphen(head, tail):
            return left[:-1] + right
        return left + right
    return left + ("" if right[:1] in ",.;:)" else " ") + right


def reflow(lines: list[str], vocabulary: Vocabulary | None = None) -> list[str]:
    """Merge hard-wrapped lines into paragraphs; keep headings, items and table rows on their own lines."""
    width = _width(lines)
    out: list[str] = []
    current, previous = "", ""
    for line in lines + [""]:
        if not line.strip():
            if current:
                out.append(current.strip())
            if out and out[-1] != "":
                out.append("")
            current = ""
        elif not current:
            current = line.rstrip()
        elif _breaks_after(previous, line, width):
            out.append(current.strip())
            current = line.rstrip()
        else:
            current = join_lines(current, line, vocabulary)
        previous = line
    return out


def clean(text: str, fmt: str = "txt") -> str:
    """The text of a response ready to segment: one paragraph, heading or item a line."""
    text = normalise(text)
    pdfish = looks_like_pdf_text(text, fmt) and not _paragraph_lines(text, fmt)
    pages = [page.split("\n") for page in text.split("\f")]
    lines = drop_furniture(pages, strict=pdfish)
    if pdfish:
        if fmt != "pdf" and _double_spaced(lines):  # the PDF reader's blank lines are real paragraph gaps
            lines = _undouble(lines)
        vocabulary = Vocabulary.of(lines)
        lines = [rejoin_split_words(line, vocabulary) for line in reflow(lines, vocabulary)]
    else:
        lines = _join_continuations(lines)
    return _tidy(_join_bare_labels(lines))


def _join_continuations(lines: list[str]) -> list[str]:
    """Outside PDF text, only lines that plainly continue a sentence (lower-case or punctuation start) are joined."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        # A question ends its paragraph (as in `_breaks_after`): a reply's "no" or link on the next line is its answer.
        if out and out[-1].strip() and stripped and (stripped[0] in ",.;:)" or (stripped[0].islower() and not _STRUCTURAL.match(line))) \
                and not out[-1].lstrip().startswith(">") and not out[-1].rstrip().endswith("?"):
            out[-1] = join_lines(out[-1], stripped)
        else:
            out.append(line.rstrip())
    return out


_BARE_LABEL = re.compile(
    r"^\s*(?:\(?\d{1,2}[a-z]?[.)]|\(\d{1,2}[a-z]?\)|\(?[a-z][.)]|\([ivx]{1,4}\)|q\s?\d{1,2}[a-z]?[.:)]?)\s*$", re.IGNORECASE)


def _join_bare_labels(lines: list[str]) -> list[str]:
    """A list number alone on its line ("1.", "(b)", "Q3") belongs to the text on the next line:
    web pages and some PDFs put an ordered list's numbers on lines of their own."""
    out: list[str] = []
    pending: str | None = None
    for line in lines:
        if pending is not None and line.strip():
            out.append(f"{pending} {line.strip()}")
            pending = None
        elif pending is None and _BARE_LABEL.match(line):
            pending = line.strip()
        elif pending is None or line.strip():
            out.append(line)
    if pending is not None:
        out.append(pending)
    return out


def _tidy(lines: list[str]) -> str:
    """Single blank lines between blocks, no trailing spaces, runs of spaces inside prose collapsed."""
    text = "\n".join(line.rstrip() for line in lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n" if text.strip() else ""
