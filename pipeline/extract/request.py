"""The request as sent: its numbered questions, and how a reply's parts resemble them.

Many replies never restate the questions, so answers are lined up with the request
by the numbering the reply uses, or failing that by order and by the topic words
their headings share with the request's questions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .boilerplate import GREETING, SIGN_OFF
from .numbering import bare_list, number_key, parse_label

_STOP = frozenset(
    "the and for any all are was were has have had with from that this which what when where who how many much "
    "your our you we they their them its into under over such been being per each other than then there these "
    "those also may can could would should will not please provide copy copies details information number "
    "numbers following request requested relating regarding about between within year years".split()
)

# The requester's words ("I would like", "please could you", "please provide"), not a reply's ("please see").
# A lookahead on the characters a match starts with: i; my; please; could, can; would
REQUESTER = re.compile(r"(?=[impcw])(?:\b(?:i\s+would\s+like|i\s+am\s+(?:requesting|writing)|i\s+request|my\s+request|please\s+(?:could|can|"
                       r"provide|supply|send|tell|confirm|list|state|give|advise|detail|include|break)|could\s+you|can\s+you|"
                       r"would\s+you)\b)", re.I)


@dataclass
class RequestQuestion:
    """One question of the request, numbered as the requester numbered it."""

    q: str
    text: str


@dataclass
class Request:
    """The questions of a request in the order they were asked."""

    questions: list[RequestQuestion] = field(default_factory=list)

    def get(self, q: str) -> RequestQuestion | None:
        """The question numbered `q` in any notation ("1a", "1(a)")."""
        key = number_key(q)
        return next((question for question in self.questions if number_key(question.q) == key), None)


def topic_words(text: str) -> set[str]:
    """Content words of a text, crudely stemmed, for comparing topics across rewordings."""
    return {w[:5] for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _STOP}


def similarity(a: str, b: str) -> float:
    """Share of the shorter text's topic words that the other text also has."""
    return overlap(topic_words(a), topic_words(b))


def overlap(wa: set[str], wb: set[str]) -> float:
    """`similarity` of two texts' topic words (for words read once and compared many times)."""
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def _body_lines(text: str) -> list[str]:
    """The request's lines between the greeting and the sign-off, quote marks removed."""
    lines = [re.sub(r"^\s*(?:>\s?)+", "", line).rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    start = next((i + 1 for i, line in enumerate(lines) if GREETING.match(line.strip())), 0)
    end = next((i for i, line in enumerate(lines) if i >= start and SIGN_OFF.match(line.strip())), len(lines))
    return lines[start:end]


def _items(lines: list[str]) -> list[tuple[str, list[str], int]]:
    """Numbered or lettered items: (number, text lines, indent); continuation lines join their item."""
    items: list[tuple[str, list[str], int]] = []
    blank = False
    listed = bare_list(lines)  # "1 How many ...", "2 How many ...": a list numbered without stops
    for i, line in enumerate(lines):
        label = parse_label(line) or listed.get(i)
        indent = len(line) - len(line.lstrip())
        if label and label.kind == "question" and label.numbers:
            items.append((label.numbers[0], [label.rest], indent))
        elif items and line.strip() and (not blank or indent > items[-1][2]):
            items[-1][1].append(line.strip())
        elif items and line.strip():
            break
        blank = not line.strip()
    return items


# A line that announces a request and asks nothing itself: the Act or "the following" named, ending on "." or ":".
_ANNOUNCES = re.compile(r"^(?=.*\b(?:the\s+following|freedom\s+of\s+information)\b)[^?]*[.:]$", re.I)


def parse_request(text: str) -> Request:
    """Find the numbered (or lettered) questions of a request's text; sub-items (lettered under a number) keep
    their stem.

    A request without numbering gives one question: its body's text, less a line that only announces it ("I
    would like to request the following information under the Freedom of Information Act.").
    """
    items = _items(_body_lines(text))
    questions: list[RequestQuestion] = []
    parent: tuple[str, str] | None = None
    for number, parts, _ in items:
        body = " ".join(" ".join(parts).split())
        lettered = bool(re.fullmatch(r"[a-z]|[ivx]{1,4}", number))
        if lettered and parent:
            if questions and questions[-1].q == parent[0]:
                questions.pop()
            questions.append(RequestQuestion(f"{parent[0]}({number})", f"{parent[1]} {body}".strip()))
        else:
            if not lettered:  # a lettered list under no number is the questions themselves, (a) no stem of (b)
                parent = (number, body)
            questions.append(RequestQuestion(number, body))
    if not questions:
        lines = [line for line in _body_lines(text) if line.strip()]
        asked = [line for line in lines if not _ANNOUNCES.search(line.strip())]
        body = " ".join(" ".join(asked or lines).split())
        if body:
            questions.append(RequestQuestion("1", body))
    return Request(questions)


def load_request(path: str | Path) -> Request:
    """Read a request file (any format the readers know) and parse its questions."""
    from ..read import read_path

    return parse_request(read_path(path).text)
